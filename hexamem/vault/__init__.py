"""The knowledge vault's protection: secrets sealed at rest, and masked everywhere else.

`Vault` seals a `secret_value` with an authenticated cipher before anything is
written (the op log included) and opens it only for a caller that asked with
``reveal_secrets=True``. `protect` turns a plan into one that holds no plaintext
secret: vault values sealed, and each known secret masked wherever else it
appears (episode text, other memories, reasons, entity names).
"""

from hexamem.vault.keys import load_keys, rotate_key_file
from hexamem.vault.protect import mask, protect
from hexamem.vault.seal import SEALED_PREFIX, Vault

__all__ = ["SEALED_PREFIX", "Vault", "load_keys", "mask", "protect", "rotate_key_file"]
