"""Namespace rules of the LangGraph store: whose a namespace is, and which ones a
`list_namespaces` call asks for (prefix and suffix conditions, `*` for any label)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from langgraph.store.base import ListNamespacesOp, MatchCondition

from hexamem.errors import InvalidInput


def user_of(namespace: Sequence[str], label: int | None) -> str:
    """The user a namespace belongs to: its label at position `label`; by default
    (`None`) the second label, LangGraph's and langmem's `("memories", "{user_id}",
    ...)` convention, or the only one of a one-label namespace."""
    if label is None:
        return namespace[1] if len(namespace) > 1 else namespace[0]
    try:
        return namespace[label]
    except IndexError:
        raise InvalidInput(
            f"namespace {tuple(namespace)!r} has no label at position {label} to name its "
            "user (see HexamemStore's user_label)"
        ) from None


def listed(namespaces: Iterable[tuple[str, ...]], op: ListNamespacesOp) -> list[tuple[str, ...]]:
    """The namespaces `op` selects, cut to `max_depth`, sorted, then paged."""
    chosen = [ns for ns in namespaces if all(_meets(c, ns) for c in op.match_conditions or ())]
    if op.max_depth is not None:
        chosen = [ns[: op.max_depth] for ns in chosen]
    return sorted(set(chosen))[op.offset : op.offset + op.limit]


def _meets(condition: MatchCondition, namespace: tuple[str, ...]) -> bool:
    path = tuple(condition.path)
    if len(path) > len(namespace):
        return False
    part = namespace[: len(path)] if condition.match_type == "prefix" else namespace[-len(path) :]
    return not path or all(want in ("*", have) for want, have in zip(path, part, strict=True))
