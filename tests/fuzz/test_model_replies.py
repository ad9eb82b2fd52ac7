"""Model replies, generated: whatever a model proposes, only valid ops are applied and
every refusal is on record; the episode lands and the memory keeps working."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import count

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hexamem import HexamemError, Memory, MemoryType
from hexamem.memory_types import PAYLOAD_MODELS
from tests.fakes.llm import FunctionLLM, Request

TEXT = st.text(st.characters(codec=None, exclude_categories=()), max_size=40)
VALUE = st.one_of(TEXT, st.integers(), st.none(), st.lists(TEXT, max_size=3), st.booleans())
FIELDS = st.sampled_from(
    [
        "name",
        "summary",
        "subject",
        "relation",
        "object",
        "label",
        "value",
        "title",
        "steps",
        "secret_value",
        "caption",
        "entry_type",
        "sensitivity",
        "content",
        "url",
        "type",
    ]
)
PROPOSAL = st.fixed_dictionaries(
    {"kind": st.sampled_from(["ADD", "UPDATE", "DELETE", "REASSERT", "FORGET", "NOOP", "BOOM"])},
    optional={
        "ref": st.one_of(st.integers(-2, 5), st.none(), TEXT),
        "payload": st.dictionaries(FIELDS, VALUE, max_size=6),
        "supersedes": st.lists(st.integers(-1, 5), max_size=2),
        "valid_at": st.one_of(TEXT, st.just("9999-12-31T23:00:00-14:00"), st.none()),
        "invalid_at": st.one_of(TEXT, st.just("2024-01-01T00:00:00Z"), st.none()),
        "reason": TEXT,
    },
)
REPLY = st.one_of(
    st.fixed_dictionaries({"ops": st.lists(PROPOSAL, max_size=6)}),
    st.dictionaries(TEXT, VALUE, max_size=2),  # not a writer reply at all
)
TYPES = [t.value for t in MemoryType]
moments = count()


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(reply=REPLY, memory_type=st.sampled_from(TYPES))
def test_only_valid_ops_are_applied_and_refusals_are_recorded(
    open_memory, reply, memory_type
) -> None:
    def model(request: Request) -> object:
        if request.role == "manager":
            return {"assignments": [{"memory_type": memory_type, "instruction": "file it"}]}
        return reply

    memory: Memory = open_memory(FunctionLLM(model))
    at = datetime(2024, 1, 1, tzinfo=UTC) + timedelta(minutes=next(moments))
    try:
        result = memory.add("I moved to Lyon; my pin is 4711.", user_id="ana", timestamp=at)
    except HexamemError:
        return  # a refusal of the whole call is allowed, as long as it is ours
    assert result.episode_id is not None
    proposed = reply.get("ops") if isinstance(reply.get("ops"), list) else []
    own_noops = sum(1 for p in proposed if isinstance(p, dict) and p.get("kind") == "NOOP")
    silent = [o for o in result.outcomes if o.kind == "NOOP" and not o.reason]
    assert len(silent) <= own_noops  # every refusal says why; only the model's NOOPs may not
    for item in memory.list("ana", include_expired=True, reveal_secrets=True):
        PAYLOAD_MODELS[item.type].model_validate(item.payload.model_dump())  # every field valid
    assert memory.doctor().healthy
