"""Knowledge vault: secrets and sensitive records.

Only the caption is ever indexed or shown; `secret_value` leaves the store
only when a caller asks for it with ``reveal_secrets=True``.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from hexamem.memory_types.base import MemoryType, OptionalText, PayloadModel, Text

REDACTED = "[redacted]"


class VaultEntry(PayloadModel):
    """A credential, identifier or other sensitive value with a harmless caption."""

    type: Literal[MemoryType.KNOWLEDGE_VAULT] = MemoryType.KNOWLEDGE_VAULT
    entry_type: Text = Field(description="password, api_key, account_number, address ...")
    source: OptionalText = Field(default="", description="Who shared it, or where it came from.")
    sensitivity: Literal["low", "medium", "high"] = Field(description="How bad a leak would be.")
    caption: Text = Field(description="Safe description, e.g. 'Wi-Fi password at home'.")
    secret_value: Text = Field(repr=False, description="The secret itself; never indexed.")

    def index_text(self) -> str:
        return f"{self.entry_type}: {self.caption}"

    def redacted(self) -> VaultEntry:
        return self.model_copy(update={"secret_value": REDACTED})
