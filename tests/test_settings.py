"""Settings: arguments, then `HEXAMEM_*` environment, then TOML, then defaults; frozen."""

from __future__ import annotations

from pathlib import Path

import pytest

from hexamem.errors import ConfigurationError
from hexamem.settings import Settings


def test_arguments_beat_environment_beat_toml(tmp_path: Path) -> None:
    (tmp_path / "hexamem.toml").write_text("[hexamem]\nmax_messages = 7\nmax_message_chars = 70\n")
    env = {"HEXAMEM_MAX_MESSAGE_CHARS": "80"}
    settings = Settings.load(tmp_path, environ=env, search_overfetch=9)
    assert settings.max_messages == 7
    assert settings.max_message_chars == 80
    assert settings.search_overfetch == 9
    assert settings.home == tmp_path.resolve()


def test_home_comes_from_argument_then_environment(tmp_path: Path) -> None:
    assert Settings.load(environ={"HEXAMEM_HOME": str(tmp_path)}).home == tmp_path.resolve()


def test_unknown_and_invalid_settings_are_configuration_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="unknown setting"):
        Settings.load(tmp_path, environ={}, colour="blue")
    with pytest.raises(ConfigurationError, match="invalid settings"):
        Settings.load(tmp_path, environ={"HEXAMEM_MAX_MESSAGES": "-1"})
    with pytest.raises(ConfigurationError, match="does not exist"):
        Settings.load(tmp_path, environ={"HEXAMEM_CONFIG": str(tmp_path / "missing.toml")})


def test_settings_are_frozen(tmp_path: Path) -> None:
    settings = Settings.load(tmp_path, environ={})
    with pytest.raises(ValueError):
        settings.max_messages = 3  # type: ignore[misc]


def test_an_unknown_provider_is_refused_with_the_choices(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="choose one of anthropic, openai, offline"):
        Settings.load(tmp_path, environ={}, llm="gpt-5")
    assert Settings.load(tmp_path, environ={"HEXAMEM_LLM": " Offline "}).llm == "offline"


def test_a_falkordb_server_can_be_named_by_its_own_setting(tmp_path: Path) -> None:
    named = Settings.load(tmp_path, environ={"HEXAMEM_FALKORDB_URL": "falkordb://graph:6379"})
    assert named.graph == "falkordb://graph:6379"
    with pytest.raises(ConfigurationError, match="falkordb://host:port"):
        Settings.load(tmp_path, falkordb_url="redis://graph:6379")
    with pytest.raises(ConfigurationError, match="not both"):
        Settings.load(tmp_path, falkordb_url="falkordb://a:1", graph="neo4j://u:p@b:7687")
