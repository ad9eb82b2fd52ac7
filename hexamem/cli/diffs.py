"""What an UPDATE changed, word by word: the chat shows it, so a changed profile
block is not just its unchanged first line again."""

from __future__ import annotations

import difflib
import re

from rich.text import Text

_TOKEN = re.compile(r"\s+|[^\s]+")

#: Unchanged words kept on each side of a change; longer runs are elided.
CONTEXT_WORDS = 6


def word_diff(before: str, after: str, *, context: int = CONTEXT_WORDS) -> Text:
    """`after` with removed words struck through in red and added ones in green.

    Long unchanged stretches shrink to their ends around a "…", so a one-word
    change in a long block stays one short line.
    """
    old, new = _TOKEN.findall(before), _TOKEN.findall(after)
    shown = Text()
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            shown.append(_elided("".join(old[i1:i2]), context, i1 == 0, i2 == len(old)))
            continue
        if i2 > i1:
            shown.append("".join(old[i1:i2]), style="red strike")
            if j2 > j1 and not old[i2 - 1].isspace():
                shown.append(" ")
        if j2 > j1:
            shown.append("".join(new[j1:j2]), style="green")
    return shown


def _elided(text: str, context: int, first: bool, last: bool) -> str:
    words = text.split()
    keep_head = 0 if first else context
    keep_tail = context if first or not last else 0
    if len(words) <= keep_head + keep_tail + 2:
        return text
    head = " ".join(words[:keep_head])
    tail = " ".join(words[len(words) - keep_tail :]) if keep_tail else ""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    middle = " … " if head and tail else ("… " if tail else " …")
    return f"{lead}{head}{middle}{tail}{trail}".replace("  ", " ")
