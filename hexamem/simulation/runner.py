"""Running a scenario against a memory: turns in order, live replies, then probes.

A user turn with no assistant turn after it is answered live by the chat agent,
so a scenario can be a script of user turns only. Everything said since the
last live reply is ingested in one `add` (each message with its own time), just
before the next live reply and at the session's end: a live reply sees memory
as it stands at its turn, and the agents run once per stretch of scripted turns
instead of once per exchange. ``per_exchange`` ingests every exchange on its
own, so each op is reported at the exchange that caused it. Probes run right
after the session they name, against the simulated clock.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from datetime import datetime

from hexamem.llm import ChatMessage
from hexamem.memory import Memory
from hexamem.results import BatchResult
from hexamem.simulation.report import (
    ExchangeReport,
    OpRecord,
    ProbeReport,
    ScenarioReport,
    SessionReport,
    Totals,
    matched,
    op_records,
)
from hexamem.simulation.scenario import TURN_GAP, Probe, Scenario, Session

#: Called after every turn: (session id, turns done, turns in the scenario).
OnTurn = Callable[[str, int, int], None]


@dataclass
class _Exchange:
    at: datetime
    user: str | None
    assistant: list[str] = field(default_factory=list)
    replied_at: list[datetime] = field(default_factory=list)


def _exchanges(session: Session) -> Iterator[_Exchange]:
    """A user turn with the assistant turns after it; an assistant turn alone otherwise."""
    current: _Exchange | None = None
    for turn in session.turns:
        assert turn.at is not None  # resolved when the scenario was loaded
        if turn.user is not None or current is None:
            if current is not None:
                yield current
            current = _Exchange(turn.at, turn.user)
        if turn.assistant is not None:
            current.assistant.append(turn.assistant)
            current.replied_at.append(turn.at)
    if current is not None:
        yield current


class ScenarioRun:
    def __init__(
        self,
        memory: Memory,
        scenario: Scenario,
        on_turn: OnTurn | None = None,
        per_exchange: bool = False,
    ) -> None:
        self.memory, self.scenario, self.per_exchange = memory, scenario, per_exchange
        self._on_turn = on_turn or (lambda *_: None)
        self._done = 0
        self._total = sum(len(s.turns) for s in scenario.sessions)

    def run(self, file: str | None = None) -> ScenarioReport:
        calls_before = len(self.memory.usage())
        started = time.perf_counter()
        report = ScenarioReport(name=self.scenario.name, file=file, llm=self.memory.llm_provider)
        for session in self.scenario.sessions:
            played = self._session(session)
            report.sessions.append(played)
            for probe in self.scenario.probes:
                if probe.after == played.id:
                    report.probes.append(self._probe(probe, self.scenario.ended(played.id)))
        calls = self.memory.usage()[calls_before:]
        report.totals = Totals(
            turns=self._total,
            live_replies=sum(e.live for s in report.sessions for e in s.exchanges),
            seconds=time.perf_counter() - started,
            llm_calls=len(calls),
            input_tokens=sum(c.input_tokens for c in calls),
            output_tokens=sum(c.output_tokens for c in calls),
            probes_passed=sum(p.passed for p in report.probes),
            probes_failed=sum(not p.passed for p in report.probes),
        )
        return report

    def _session(self, session: Session) -> SessionReport:
        assert session.id is not None and session.user is not None and session.at is not None
        report = SessionReport(id=session.id, user=session.user, at=session.at)
        conversation: list[ChatMessage] = []
        unsaved: list[tuple[ChatMessage, datetime]] = []  # said since the last add
        for exchange in _exchanges(session):
            done = ExchangeReport(at=exchange.at, user=exchange.user, live=False)
            if exchange.user is not None and not exchange.assistant:
                self._save(session, unsaved, report)
                reply = self.memory.reply(
                    exchange.user,
                    user_id=session.user,
                    conversation=conversation,
                    reference_time=exchange.at,
                )
                exchange.assistant.append(reply.answer)
                exchange.replied_at.append(exchange.at)
                done.live, done.used_ids = True, reply.used_ids
            done.assistant = exchange.assistant
            said = [(ChatMessage("user", exchange.user), exchange.at)] if exchange.user else []
            replies = zip(exchange.assistant, exchange.replied_at, strict=True)
            said += [(ChatMessage("assistant", text), at) for text, at in replies]
            unsaved += said
            conversation += [m for m, _ in said]
            report.exchanges.append(done)
            if self.per_exchange:
                self._save(session, unsaved, report)
            self._done += (exchange.user is not None) + len(exchange.assistant) - done.live
            self._on_turn(session.id, self._done, self._total)
        self._save(session, unsaved, report)
        leftover = self.memory.end_session(user_id=session.user, session_id=session.id)
        if report.exchanges:
            report.exchanges[-1].ops += self._ops(leftover)
        return report

    def _save(
        self, session: Session, unsaved: list[tuple[ChatMessage, datetime]], report: SessionReport
    ) -> None:
        """One `add` of what was said since the last; its ops go to the last exchange."""
        if not unsaved:
            return
        assert session.user is not None
        result = self.memory.add(
            [{"role": m.role, "content": m.content, "timestamp": at} for m, at in unsaved],
            user_id=session.user,
            session_id=session.id,
            timestamp=unsaved[-1][1],
        )
        report.exchanges[-1].ops += self._ops(result)
        unsaved.clear()

    def _ops(self, result: BatchResult | Future[BatchResult] | None) -> list[OpRecord]:
        assert not isinstance(result, Future)  # the runner always writes with wait=True
        return [] if result is None else op_records(result.outcomes, self.memory.get)

    def _probe(self, probe: Probe, ended: datetime) -> ProbeReport:
        assert probe.user is not None and probe.after is not None
        asked_at = probe.as_of or ended + TURN_GAP
        check = probe.memory
        if check is not None:
            hits = self.memory.search(
                check.query,
                user_id=probe.user,
                types=[check.type] if check.type is not None else None,
                k=check.k,
                reference_time=asked_at,
            )
            answer, used = "\n".join(h.item.text for h in hits), [h.item.id for h in hits]
            expect, reject = check.expect, check.reject
        else:
            result = self.memory.answer(probe.text, user_id=probe.user, reference_time=asked_at)
            answer, used = result.answer, result.used_ids
            expect, reject = probe.expect, probe.reject
        missing, unexpected = matched(answer, expect, reject)
        return ProbeReport(
            kind="memory" if check is not None else "ask",
            after=probe.after,
            user=probe.user,
            text=probe.text,
            asked_at=asked_at,
            expect=expect,
            reject=reject,
            passed=not missing and not unexpected,
            answer=answer,
            used_ids=used,
            missing=missing,
            unexpected=unexpected,
        )


def run_scenario(
    memory: Memory,
    scenario: Scenario,
    *,
    file: str | None = None,
    on_turn: OnTurn | None = None,
    per_exchange: bool = False,
) -> ScenarioReport:
    """Play `scenario` into `memory` and check its probes; nothing here raises on a failed probe."""
    return ScenarioRun(memory, scenario, on_turn, per_exchange).run(file)
