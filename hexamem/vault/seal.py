"""`Vault`: seal and open secret values with Fernet (AES-128-CBC with HMAC-SHA256)."""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet

from hexamem.errors import ConfigurationError

#: Marks a sealed value, so plaintext from before sealing can still be told apart.
SEALED_PREFIX = "vault:v1:"


class Vault:
    """Seals with the first key, opens with any of them."""

    def __init__(self, keys: list[bytes]) -> None:
        self.use(keys)

    def use(self, keys: list[bytes]) -> None:
        """Seal with `keys[0]` from now on, open with any of them (a rotation)."""
        self._cipher = MultiFernet([Fernet(key) for key in keys])

    @staticmethod
    def is_sealed(value: str) -> bool:
        return value.startswith(SEALED_PREFIX)

    def seal(self, secret: str) -> str:
        """`secret` sealed (a value already sealed is returned as it is)."""
        if self.is_sealed(secret):
            return secret
        return SEALED_PREFIX + self._cipher.encrypt(secret.encode("utf-8")).decode("ascii")

    def open(self, value: str) -> str:
        """The plaintext of a sealed value (plaintext stored before sealing passes through)."""
        if not self.is_sealed(value):
            return value
        try:
            return self._cipher.decrypt(value[len(SEALED_PREFIX) :].encode("ascii")).decode()
        except InvalidToken:
            raise ConfigurationError(
                "no vault key opens this secret: give the key it was sealed with in "
                "HEXAMEM_VAULT_KEY (comma-separated, the sealing key first)"
            ) from None

    def reseal(self, value: str) -> str:
        """`value` sealed with the first key (plaintext is sealed, old seals are renewed)."""
        if not self.is_sealed(value):
            return self.seal(value)
        token = value[len(SEALED_PREFIX) :].encode("ascii")
        try:
            return SEALED_PREFIX + self._cipher.rotate(token).decode("ascii")
        except InvalidToken:
            raise ConfigurationError(
                "no vault key opens a stored secret; nothing resealed"
            ) from None
