"""The typed memory models and the ops contract."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from hexamem.memory_types import (
    OPS_ADAPTER,
    PAYLOAD_MODELS,
    REDACTED,
    Add,
    CoreBlock,
    Delete,
    EpisodicEvent,
    MemoryType,
    Noop,
    Procedure,
    Resource,
    SemanticFact,
    Update,
    VaultEntry,
)

AT = datetime(2024, 3, 1, 10, tzinfo=UTC)


def test_every_type_has_a_payload_model_tagged_with_it() -> None:
    assert set(PAYLOAD_MODELS) == set(MemoryType)
    for memory_type, model in PAYLOAD_MODELS.items():
        assert model.model_fields["type"].default == memory_type


def test_core_block_enforces_its_token_limit() -> None:
    CoreBlock(label="human", value="Alice is a nurse", limit=10)
    with pytest.raises(ValidationError, match="over its limit of 3"):
        CoreBlock(label="human", value="Alice is a nurse in Paris who likes tea", limit=3)


def test_core_labels_are_snake_case() -> None:
    CoreBlock(label="favourite_things", value="tea")
    with pytest.raises(ValidationError):
        CoreBlock(label="Human Notes", value="x")


def test_episodic_event_needs_an_aware_time_and_reports_it_as_world_time() -> None:
    event = EpisodicEvent(occurred_at=AT, actor="alice", event_type="trip", summary="Went to Rome")
    assert event.world_time() == AT
    with pytest.raises(ValidationError):
        EpisodicEvent(
            occurred_at=datetime(2024, 3, 1), actor="a", event_type="trip", summary="Rome"
        )


def test_blank_text_fields_are_rejected_after_stripping() -> None:
    with pytest.raises(ValidationError):
        SemanticFact(name="   ", summary="x")


def test_procedure_needs_at_least_one_step_and_indexes_them_numbered() -> None:
    with pytest.raises(ValidationError):
        Procedure(entry_type="guide", summary="Reset the router", steps=[])
    guide = Procedure(entry_type="guide", summary="Reset router", steps=["Unplug", "Wait 10 s"])
    assert "1. Unplug" in guide.index_text() and "2. Wait 10 s" in guide.index_text()


def test_resource_index_text_is_bounded() -> None:
    resource = Resource(
        title="Spec", resource_type="document", summary="API spec", content="x" * 10_000
    )
    assert len(resource.index_text()) < 2_100


def test_vault_secret_is_never_indexed_nor_shown_in_repr() -> None:
    entry = VaultEntry(
        entry_type="password", sensitivity="high", caption="home wifi", secret_value="hunter2"
    )
    assert "hunter2" not in entry.index_text()
    assert "hunter2" not in repr(entry)
    assert entry.redacted().secret_value == REDACTED
    assert entry.secret_value == "hunter2"


def test_add_accepts_a_dict_payload_with_memory_type() -> None:
    op = Add(memory_type="semantic", payload={"name": "Alice", "summary": "lives in Paris"})
    assert isinstance(op.payload, SemanticFact)


def test_add_derives_memory_type_from_a_typed_payload() -> None:
    op = Add(payload=SemanticFact(name="Alice", summary="lives in Paris"))
    assert op.memory_type is MemoryType.SEMANTIC


def test_add_rejects_a_payload_of_another_type() -> None:
    with pytest.raises(ValidationError, match="payload is semantic but memory_type is episodic"):
        Add(memory_type="episodic", payload=SemanticFact(name="A", summary="b"))


def test_update_rejects_fields_the_type_does_not_have() -> None:
    with pytest.raises(ValidationError, match="has no field"):
        Update(memory_type="semantic", target_id="m1", payload={"title": "x"})
    with pytest.raises(ValidationError):
        Update(memory_type="semantic", target_id="m1", payload={})


def test_ops_union_is_tagged_by_kind_and_round_trips_through_json() -> None:
    ops = [
        Add(payload=SemanticFact(name="Alice", summary="lives in Paris"), reason="stated"),
        Update(memory_type="semantic", target_id="m1", payload={"summary": "lives in Berlin"}),
        Delete(memory_type="semantic", target_id="m1"),
        Noop(memory_type="semantic", reason="already known"),
    ]
    dumped = OPS_ADAPTER.dump_json(ops)
    assert OPS_ADAPTER.validate_json(dumped) == ops
    with pytest.raises(ValidationError):
        OPS_ADAPTER.validate_python([{"kind": "MERGE", "memory_type": "semantic"}])


def test_ops_are_frozen() -> None:
    op = Noop(memory_type="core")
    with pytest.raises(ValidationError):
        op.reason = "changed"  # type: ignore[misc]
