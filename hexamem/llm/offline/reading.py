"""Reading a rendered prompt back: the quoted inputs, the role, the writer's memory type."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from hexamem.memory_types import MemoryType
from hexamem.timeutil import parse_time

_BLOCK = re.compile(r"<(\w+)>\n(.*?)\n</\1>", re.DOTALL)
_WRITER = re.compile(r"You maintain the (\w+) memory")


def quoted_inputs(text: str) -> dict[str, Any]:
    """Every `<slot>JSON</slot>` block of a prompt, decoded."""
    return {name: json.loads(body) for name, body in _BLOCK.findall(text)}


def writer_type(system: str) -> MemoryType | None:
    found = _WRITER.search(system)
    return MemoryType(found.group(1)) if found else None


@dataclass(frozen=True)
class Said:
    """One sentence of a user message, with who said it."""

    text: str
    speaker: str
    message_id: str


_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'])|\n+")


def user_sentences(inputs: dict[str, Any]) -> list[Said]:
    """Sentences of the user's messages (assistant turns state nothing about the user)."""
    said: list[Said] = []
    for message in inputs.get("episode", []):
        if message.get("role") != "user":
            continue
        for sentence in _SPLIT.split(message.get("content", "")):
            if sentence.strip():
                said.append(
                    Said(sentence.strip(), message.get("speaker") or "user", message.get("id", ""))
                )
    return said


def observed_at(inputs: dict[str, Any]) -> datetime:
    stamp = inputs.get("observed_at") or inputs.get("asked_at")
    if not isinstance(stamp, str):
        raise ValueError("the prompt carries no observation time")
    return parse_time(stamp, field="observed_at")
