"""Context packing: search results into the block an answer model reads.

Results are taken best first until the token budget is spent, then shown grouped
by memory type. Each line carries the memory id, its version and dates, and the
text as a JSON string: memory content is data for the model, never instructions.
Vault entries show their caption only.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime

from hexamem.llm.tokens import count_tokens
from hexamem.memory_types import REDACTED, CoreBlock, MemoryItem, MemoryType, VaultEntry
from hexamem.results import SearchResult

TYPE_ORDER = (
    MemoryType.CORE,
    MemoryType.SEMANTIC,
    MemoryType.EPISODIC,
    MemoryType.PROCEDURAL,
    MemoryType.RESOURCE,
    MemoryType.KNOWLEDGE_VAULT,
)
OPEN, CLOSE = "<memories>", "</memories>"


def _day(moment: datetime | None) -> str:
    return moment.date().isoformat() if moment else "now"


def describe(item: MemoryItem, *, now: datetime, reveal_secrets: bool = False) -> str:
    """One line: id, version, when it holds, whether it still does, and the quoted text.

    A vault entry shows its caption only, unless `reveal_secrets` adds its value.
    """
    if item.type is MemoryType.EPISODIC:
        when = f"on {_day(item.valid_at)}"
    elif not item.start_known:
        when = f"valid until {_day(item.invalid_at)}"
    else:
        when = f"valid {_day(item.valid_at)} to {_day(item.invalid_at)}"
    ended = item.expired_at is not None or (item.invalid_at is not None and item.invalid_at <= now)
    state = "; no longer true" if ended else ""
    text = item.redacted().text  # captions only for the vault, whatever the caller holds
    if (
        reveal_secrets
        and isinstance(item.payload, VaultEntry)
        and item.payload.secret_value != REDACTED
    ):
        text = f"{text}: {item.payload.secret_value}"
    return f"- [{item.id} v{item.version}] ({when}{state}) {json.dumps(text, ensure_ascii=False)}"


def pack_context(
    results: Sequence[SearchResult],
    *,
    budget_tokens: int = 1500,
    now: datetime,
    core: Mapping[str, CoreBlock] | None = None,
) -> str:
    """The context block, at most `budget_tokens` cl100k tokens long.

    Core blocks come first and always fit (their own limits keep them small);
    results follow in rank order until the next one would overflow the budget.
    """
    lines_by_type: dict[MemoryType, list[str]] = {}
    header = [OPEN]
    for label, block in (core or {}).items():
        header.append(f"## core:{label}\n{json.dumps(block.value, ensure_ascii=False)}")
    used = count_tokens("\n".join([*header, CLOSE]))
    for result in results:
        line = describe(result.item, now=now)
        heading = 0 if result.type in lines_by_type else count_tokens(f"## {result.type.value}\n")
        cost = count_tokens(line + "\n") + heading
        if used + cost > budget_tokens:
            break
        lines_by_type.setdefault(result.type, []).append(line)
        used += cost
    body = [
        f"## {memory_type.value}\n" + "\n".join(lines_by_type[memory_type])
        for memory_type in TYPE_ORDER
        if memory_type in lines_by_type
    ]
    return "\n".join([*header, *body, CLOSE])
