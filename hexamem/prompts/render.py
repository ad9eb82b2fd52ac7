"""The one helper that turns a prompt file and its inputs into a system prompt and a message.

A prompt file has two sections, `## system` and `## input`. The input section
names its slots as `{{slot}}`; every slot is filled with the value as JSON
inside `<slot>` tags, so memory content and user text reach the model as
quoted data, never as instructions. A caller may override any role's file by
path (`overrides={"semantic": Path(...)}`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from hexamem.errors import ConfigurationError

HERE = Path(__file__).parent
_SLOT = re.compile(r"\{\{(\w+)\}\}")
_SECTION = re.compile(r"^## (system|input)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Prompt:
    system: str
    user: str


def quoted(name: str, value: Any) -> str:
    """A value as JSON between tags: data the model reads, never follows.

    `<` and `>` are escaped (still valid JSON) so no text inside can close the tag.
    """
    body = json.dumps(value, ensure_ascii=False, indent=1, default=str)
    body = body.replace("<", "\\u003c").replace(">", "\\u003e")
    return f"<{name}>\n{body}\n</{name}>"


@lru_cache(maxsize=64)
def _sections(path: Path) -> tuple[str, str]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigurationError(f"prompt file {path} cannot be read: {exc}") from exc
    parts = _SECTION.split(text)
    found = dict(zip(parts[1::2], (p.strip() for p in parts[2::2]), strict=True))
    if set(found) != {"system", "input"}:
        raise ConfigurationError(
            f"prompt file {path} needs a '## system' and an '## input' section"
        )
    return found["system"], found["input"]


def overrides_in(directory: Path | None) -> dict[str, Path]:
    """Role prompt files found in `directory` (manager.md, semantic.md, answer.md ...)."""
    if directory is None:
        return {}
    if not directory.is_dir():
        raise ConfigurationError(f"prompts_dir {directory} is not a folder")
    known = {path.stem for path in HERE.glob("*.md")}
    found = {path.stem: path for path in directory.glob("*.md")}
    unknown = sorted(set(found) - known)
    if unknown:
        raise ConfigurationError(
            f"prompts_dir has files for unknown roles {unknown}; roles: {sorted(known)}"
        )
    return found


#: Inputs a prompt file may leave out (files written before they existed still work).
OPTIONAL_SLOTS = frozenset({"context"})


def render(
    role: str, inputs: Mapping[str, Any], *, overrides: Mapping[str, Path] | None = None
) -> Prompt:
    """Fill the prompt of `role`; every slot must be given and every input used.

    An input in `OPTIONAL_SLOTS` may be given to a prompt that has no slot for it, and
    left out for one that has (it is then quoted as an empty list).
    """
    path = (overrides or {}).get(role) or HERE / f"{role}.md"
    system, template = _sections(Path(path))
    slots = set(_SLOT.findall(template))
    given = {name for name in inputs if name in slots or name not in OPTIONAL_SLOTS}
    if slots - OPTIONAL_SLOTS != given - OPTIONAL_SLOTS or not given <= slots:
        raise ConfigurationError(
            f"prompt {role!r} has slots {sorted(slots)} but was given {sorted(inputs)}"
        )
    inputs = {**{name: [] for name in slots & OPTIONAL_SLOTS}, **inputs}
    user = _SLOT.sub(lambda m: quoted(m.group(1), inputs[m.group(1)]), template)
    return Prompt(system=system, user=user)
