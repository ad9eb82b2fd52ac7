"""LangChain messages (`HumanMessage`, `AIMessage` with tool calls, `ToolMessage`,
`SystemMessage`) read as the plain messages `add` takes.

Tool calls and tool results stay in the episode as context, marked as such
(`[tool call …]`, `[tool result …]`, role `tool`): writers read only what the
user said as facts about the user. Recognised by shape, so langchain_core is not
imported for callers who never use it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from hexamem.errors import InvalidInput

ROLES = {"human": "user", "ai": "assistant", "system": "system", "tool": "tool"}


def is_langchain_message(entry: object) -> bool:
    return (
        not isinstance(entry, Mapping | str)
        and isinstance(getattr(entry, "type", None), str)
        and hasattr(entry, "content")
        and hasattr(entry, "additional_kwargs")
    )


def plain_message(entry: Any) -> dict[str, Any]:
    """The `{role, content, name?, id?}` dict for one LangChain message."""
    kind = entry.type
    if kind == "chat":
        role = getattr(entry, "role", "user")
    elif kind in ROLES:
        role = ROLES[kind]
    else:
        raise InvalidInput(f"a LangChain {type(entry).__name__} ({kind!r}) is not a chat message")
    text = _text(entry.content)
    if kind == "ai":
        calls = [
            f"[tool call {call.get('name')} {json.dumps(call.get('args'), ensure_ascii=False)}]"
            for call in getattr(entry, "tool_calls", None) or ()
        ]
        text = "\n".join(part for part in (text, *calls) if part)
    elif kind == "tool":
        text = f"[tool result {getattr(entry, 'name', None) or 'tool'}] {text}".strip()
    plain: dict[str, Any] = {"role": role, "content": text}
    if getattr(entry, "id", None):
        plain["id"] = entry.id
    if kind in ("human", "ai") and getattr(entry, "name", None):
        plain["name"] = entry.name
    return plain


def _text(content: Any) -> str:
    """A message's text: its string, or the text blocks of a block list."""
    if isinstance(content, str):
        return content
    parts = []
    for block in content or ():
        if isinstance(block, str):
            parts.append(block)
        elif isinstance(block, Mapping) and block.get("type") == "text":
            parts.append(str(block.get("text", "")))
    return "\n".join(parts)
