"""Resource memory: documents, links and files the user shared or referred to."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from hexamem.memory_types.base import MemoryType, OptionalText, PayloadModel, Text

#: Characters of `content` that reach the indexes; the rest stays in the record.
INDEXED_CONTENT_CHARS = 2000


class Resource(PayloadModel):
    """A document, link or file, with enough text to find it again."""

    type: Literal[MemoryType.RESOURCE] = MemoryType.RESOURCE
    title: Text = Field(description="Title or file name.")
    resource_type: Text = Field(description="document, link, file, image, spreadsheet ...")
    summary: Text = Field(description="What it is about.")
    content: OptionalText = Field(default="", description="Text or excerpt of the resource.")
    uri: str | None = Field(default=None, description="URL or path, when there is one.")

    def index_text(self) -> str:
        parts = [self.title, self.summary, self.content[:INDEXED_CONTENT_CHARS], self.uri or ""]
        return "\n".join(part for part in parts if part)
