"""How one filed turn is shown, in the plain chat and in the app: its ops, and for
each UPDATE what changed."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from hexamem.cli.conversation import Filed
from hexamem.cli.diffs import word_diff
from hexamem.cli.views import KIND_STYLES, ops_table
from hexamem.simulation import OpRecord


def filed_view(filed: Filed, *, narrow: bool = False) -> RenderableType:
    """The ops of a turn, each UPDATE followed by its word diff. `narrow` (a side
    panel) puts each memory's text under its op instead of in a column."""
    title = f"memory · turn {filed.turn}"
    if filed.error is not None:
        return Text(f"{title} failed: {filed.error}", style="red")
    if not narrow:
        parts: list[RenderableType] = [ops_table(filed.ops, title=title)]
        for memory_id, (before, after) in filed.changes.items():
            change = Text.assemble(("changed ", "yellow"), (memory_id, "dim"), ": ")
            parts.append(Padding(change.append_text(word_diff(before, after)), (0, 0, 0, 2)))
        return Group(*parts)
    lines: list[RenderableType] = [Text(title, style="bold")]
    for op in filed.ops:
        lines.append(_op_line(op))
        was = filed.changes.get(op.id or "")
        body = word_diff(*was) if was else Text(_said(op))
        lines.append(Padding(body, (0, 0, 0, 2)))
    return Group(*lines)


def _op_line(op: OpRecord) -> Text:
    shown = Text.assemble(
        (op.kind, KIND_STYLES.get(op.kind, "")), " ", (op.memory_type.value, "blue")
    )
    if op.id:
        shown.append(f" {op.id}" + (f" v{op.version}" if op.version else ""), style="dim")
    return shown


def _said(op: OpRecord) -> str:
    return f"({op.reason})" if op.kind == "NOOP" and op.reason else op.text
