"""The scenario file: sessions of dated turns, then probes that say what memory must hold.

This is a public format (documented in the README) and stays backward
compatible: new fields are optional, and nothing read today changes meaning.
Times without a zone are UTC. Unknown keys are errors, so a typo never turns a
probe into one that cannot fail.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from hexamem.errors import InvalidInput
from hexamem.intake.files import read_utf8
from hexamem.memory_types import MemoryType

#: Turns without their own `at` follow the previous one by this much.
TURN_GAP = timedelta(minutes=1)
#: Sessions without `at` start this long after the previous session's last turn.
SESSION_GAP = timedelta(days=1)


class ScenarioError(InvalidInput):
    """A scenario file that cannot be read or does not follow the format."""


def _utc(value: Any) -> Any:
    """YAML gives naive datetimes (or strings); scenario times without a zone are UTC."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
        except ValueError:
            return value  # pydantic reports it
    if isinstance(value, datetime):
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
    return value


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Turn(_Strict):
    """One message: said by the user, or by the assistant (replayed as written)."""

    user: str | None = Field(default=None, min_length=1)
    assistant: str | None = Field(default=None, min_length=1)
    at: datetime | None = Field(default=None, description="Default: one minute after the last.")

    _at = field_validator("at", mode="before")(_utc)

    @model_validator(mode="after")
    def _one_speaker(self) -> Turn:
        if (self.user is None) == (self.assistant is None):
            raise ValueError("a turn has either `user` or `assistant`")
        return self


class Session(_Strict):
    id: str | None = Field(default=None, min_length=1, description="Default: s1, s2, ...")
    at: datetime | None = Field(default=None, description="When the first turn is said.")
    user: str | None = Field(default=None, min_length=1, description="Default: the scenario's.")
    turns: list[Turn] = Field(min_length=1)

    _at = field_validator("at", mode="before")(_utc)


class MemoryCheck(_Strict):
    """A probe on the top current memories for a query, not on an answer."""

    query: str = Field(min_length=1)
    type: MemoryType | None = None
    k: int = Field(default=5, ge=1, le=100)
    expect: list[str] = Field(default_factory=list)
    reject: list[str] = Field(default_factory=list)


class Probe(_Strict):
    after: str | None = Field(default=None, description="Session id; default the last one.")
    user: str | None = Field(default=None, min_length=1, description="Default: the scenario's.")
    ask: str | None = Field(default=None, min_length=1)
    as_of: datetime | None = Field(
        default=None, description="When the question is asked; default just after `after`."
    )
    expect: list[str] = Field(default_factory=list)
    reject: list[str] = Field(default_factory=list)
    memory: MemoryCheck | None = None

    _as_of = field_validator("as_of", mode="before")(_utc)

    @model_validator(mode="after")
    def _one_check(self) -> Probe:
        if (self.ask is None) == (self.memory is None):
            raise ValueError("a probe has either `ask` or `memory`")
        if self.memory is not None and (self.expect or self.reject or self.as_of):
            raise ValueError("a `memory` probe keeps its expect and reject inside `memory`")
        check = self.memory or self
        if not check.expect and not check.reject:
            raise ValueError("a probe needs `expect` or `reject`, or it could never fail")
        return self

    @property
    def text(self) -> str:
        return self.ask if self.ask is not None else self.memory.query  # type: ignore[union-attr]


class Scenario(_Strict):
    name: str = Field(min_length=1)
    description: str = ""
    user: str = Field(min_length=1)
    sessions: list[Session] = Field(min_length=1)
    probes: list[Probe] = Field(default_factory=list)

    @model_validator(mode="after")
    def _resolve(self) -> Scenario:
        """Fill in session ids, users and every turn's time; check probe references."""
        if self.sessions[0].at is None and self.sessions[0].turns[0].at is None:
            raise ValueError("the first session needs `at` (or its first turn does)")
        clock: datetime | None = None
        for n, session in enumerate(self.sessions, start=1):
            session.id = session.id or f"s{n}"
            session.user = session.user or self.user
            start = session.at or session.turns[0].at
            if start is None:
                assert clock is not None
                start = clock + SESSION_GAP
            if clock is not None and start < clock:
                raise ValueError(f"session {session.id} starts before the previous one ended")
            session.at = start
            for turn in session.turns:
                turn.at = turn.at or (start if clock is None or clock < start else clock + TURN_GAP)
                if clock is not None and turn.at < clock:
                    raise ValueError(f"a turn of session {session.id} goes back in time")
                clock = turn.at
        ids = [s.id for s in self.sessions]
        if len(set(ids)) != len(ids):
            raise ValueError(f"session ids repeat: {ids}")
        for probe in self.probes:
            probe.after = probe.after or ids[-1]
            probe.user = probe.user or self.user
            if probe.after not in ids:
                raise ValueError(
                    f"probe {probe.text!r} runs after {probe.after!r}: no such session"
                )
        return self

    def ended(self, session_id: str) -> datetime:
        """The time of the last turn of a session."""
        session = next(s for s in self.sessions if s.id == session_id)
        last = session.turns[-1].at
        assert last is not None  # filled in by validation
        return last


def load_scenario(path: str | Path) -> Scenario:
    """Read and check one scenario file; every problem names the file and the place."""
    path = Path(path)
    try:
        text = read_utf8(path)
    except InvalidInput as exc:
        raise ScenarioError(str(exc)) from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise ScenarioError(f"{path}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ScenarioError(f"{path}: a scenario is a mapping with name, user and sessions")
    try:
        return Scenario.model_validate(data)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in error['loc']) or 'scenario'}: {error['msg']}"
            for error in exc.errors()
        )
        raise ScenarioError(f"{path}: {problems}") from exc
