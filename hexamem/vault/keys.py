"""Where the vault's keys come from: ``HEXAMEM_VAULT_KEY``, else a key file in the home.

Keys are Fernet keys (32 random bytes, URL-safe base64). Several may be given,
comma-separated in the setting or one per line in the file: the first seals,
every one opens, so a key can be replaced without losing what the old one
sealed. The key file is created on first use with mode 0600.
"""

from __future__ import annotations

import os
from pathlib import Path

from cryptography.fernet import Fernet

from hexamem.errors import ConfigurationError

KEY_FILE = "vault.key"


def load_keys(setting: str | None, home: Path) -> list[bytes]:
    """The keys, sealing key first: from the setting when given, else the home's key file."""
    if setting:
        return _checked([k.strip() for k in setting.split(",") if k.strip()], "vault_key")
    path = home / KEY_FILE
    if not path.exists():
        _write_private(path, [Fernet.generate_key()])
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        raise ConfigurationError(
            f"{path} is readable by others (mode {mode:o}); run `chmod 600 {path}`"
        )
    lines = path.read_text(encoding="ascii", errors="replace").split()
    return _checked(lines, str(path))


def rotate_key_file(home: Path) -> list[bytes]:
    """Put a new sealing key first in the home's key file, keeping the old ones to open with."""
    path = home / KEY_FILE
    keys = [Fernet.generate_key(), *load_keys(None, home)]
    _write_private(path, keys)
    return keys


def retire_old_keys(home: Path) -> None:
    """Keep only the sealing key in the key file (once everything is sealed with it)."""
    keys = load_keys(None, home)
    _write_private(home / KEY_FILE, keys[:1])


def _checked(keys: list[str], source: str) -> list[bytes]:
    if not keys:
        raise ConfigurationError(f"{source} holds no vault key")
    for key in keys:
        try:
            Fernet(key.encode("ascii"))
        except (ValueError, UnicodeEncodeError):
            raise ConfigurationError(
                f"{source}: a vault key is 32 bytes in URL-safe base64 (44 characters), "
                "for example from `python -c 'from cryptography.fernet import Fernet; "
                "print(Fernet.generate_key().decode())'`"
            ) from None
    return [key.encode("ascii") for key in keys]


def _write_private(path: Path, keys: list[bytes]) -> None:
    """Write the key file whole, readable by its owner only, replacing it atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = path.with_suffix(".new")
    fresh.unlink(missing_ok=True)
    descriptor = os.open(fresh, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(b"\n".join(keys) + b"\n")
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(fresh, path)
