"""Settings precedence and the time helpers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from hexamem.errors import ConfigurationError, InvalidInput
from hexamem.memory_types.time import at_epoch, parse_time, to_epoch
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


def test_parse_time_accepts_aware_values_and_normalises_to_utc() -> None:
    paris = timezone(timedelta(hours=2))
    assert parse_time("2024-06-10T11:00:00+02:00") == datetime(2024, 6, 10, 9, tzinfo=UTC)
    assert parse_time("2024-06-10T09:00:00Z") == datetime(2024, 6, 10, 9, tzinfo=UTC)
    assert parse_time(datetime(2024, 6, 10, 11, tzinfo=paris)).tzinfo is UTC


@pytest.mark.parametrize("bad", ["2024-06-10T09:00:00", datetime(2024, 6, 10), "yesterday", 17])
def test_parse_time_rejects_naive_or_unparsable_values(bad: object) -> None:
    with pytest.raises(InvalidInput):
        parse_time(bad)  # type: ignore[arg-type]


def test_epoch_round_trip() -> None:
    moment = datetime(2024, 6, 10, 9, tzinfo=UTC)
    assert at_epoch(to_epoch(moment) or 0.0) == moment
    assert to_epoch(None) is None and to_epoch(None, default=1.5) == 1.5


def test_an_unknown_provider_is_refused_with_the_choices(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="choose one of anthropic, openai, offline"):
        Settings.load(tmp_path, environ={}, llm="gpt-5")
    assert Settings.load(tmp_path, environ={"HEXAMEM_LLM": " Offline "}).llm == "offline"
