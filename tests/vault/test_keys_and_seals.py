"""Vault keys and seals: authenticated, rotatable, refused when wrong or exposed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from cryptography.fernet import Fernet

from hexamem import ConfigurationError
from hexamem.vault import Vault, load_keys, rotate_key_file
from hexamem.vault.keys import KEY_FILE, retire_old_keys


def test_a_key_file_is_created_private_and_reused(tmp_path: Path) -> None:
    first = load_keys(None, tmp_path)
    assert (tmp_path / KEY_FILE).stat().st_mode & 0o777 == 0o600
    assert load_keys(None, tmp_path) == first


def test_an_exposed_key_file_or_a_malformed_key_is_refused(tmp_path: Path) -> None:
    load_keys(None, tmp_path)
    os.chmod(tmp_path / KEY_FILE, 0o644)
    with pytest.raises(ConfigurationError, match="chmod 600"):
        load_keys(None, tmp_path)
    with pytest.raises(ConfigurationError, match="URL-safe base64"):
        load_keys("not-a-key", tmp_path)


def test_sealed_values_open_only_with_a_key_that_sealed_them(tmp_path: Path) -> None:
    vault = Vault(load_keys(None, tmp_path))
    sealed = vault.seal("sunflower42")
    assert "sunflower42" not in sealed and vault.is_sealed(sealed)
    assert vault.seal(sealed) == sealed and vault.open(sealed) == "sunflower42"
    assert vault.open("stored before sealing") == "stored before sealing"
    stranger = Vault([Fernet.generate_key()])
    with pytest.raises(ConfigurationError, match="HEXAMEM_VAULT_KEY"):
        stranger.open(sealed)
    tampered = sealed[:-4] + ("AAAA" if not sealed.endswith("AAAA") else "BBBB")
    with pytest.raises(ConfigurationError):
        vault.open(tampered)


def test_rotation_keeps_old_seals_open_and_reseals_with_the_new_key(tmp_path: Path) -> None:
    old = Vault(load_keys(None, tmp_path))
    sealed = old.seal("sunflower42")
    keys = rotate_key_file(tmp_path)
    assert len(keys) == 2
    rotated = Vault(keys)
    assert rotated.open(sealed) == "sunflower42"
    renewed = rotated.reseal(sealed)
    retire_old_keys(tmp_path)
    assert Vault(load_keys(None, tmp_path)).open(renewed) == "sunflower42"
    with pytest.raises(ConfigurationError):
        Vault(load_keys(None, tmp_path)).open(sealed)


def test_keys_can_come_from_the_setting_first_one_sealing(tmp_path: Path) -> None:
    new, old = Fernet.generate_key(), Fernet.generate_key()
    sealed_by_old = Vault([old]).seal("x-secret")
    vault = Vault(load_keys(f"{new.decode()}, {old.decode()}", tmp_path))
    assert vault.open(sealed_by_old) == "x-secret"
    assert Vault([new]).open(vault.seal("y-secret")) == "y-secret"
    assert not (tmp_path / KEY_FILE).exists()
