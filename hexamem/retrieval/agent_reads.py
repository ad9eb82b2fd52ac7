"""`AgentReads`: what the agent graphs read, at the time the episode or question is about.

The writers see the core blocks, the stored memories of their type nearest the
episode (a few that ended too, so "forget my old address" or "I used to ..."
can name them), the graph facts about the entities it names and the messages
said before it in its session. The answer agents see a hybrid search at the
question's time. Every read takes its time from the episode or the question,
never from the clock, so a replayed or simulated conversation reads what was
true then.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import datetime

from hexamem.memory_types import CoreBlock, Episode, MemoryItem, MemoryType, Message
from hexamem.memory_types.time import to_epoch
from hexamem.results import SearchResult
from hexamem.retrieval.search import HybridSearch
from hexamem.retrieval.when import TimeWindow, question_tense
from hexamem.stores.recall_filter import RecallFilter
from hexamem.stores.records import RecordStore

EXISTING_PER_TYPE = 12
#: Memories that ended, shown to a writer beside the current ones.
ENDED_PER_TYPE = 4
FACTS_SHOWN = 30
#: Earlier messages of the session shown to the agents as context.
CONTEXT_MESSAGES = 8
#: Memories retrieved for an answer before packing cuts them to the budget.
ANSWER_K = 40


@dataclass(frozen=True)
class AgentReads:
    records: RecordStore
    search: HybridSearch

    def core(self, user_id: str) -> dict[str, CoreBlock]:
        """The user's live core blocks by label."""
        return {
            item.payload.label: item.payload
            for item in self.records.current_core(user_id)
            if isinstance(item.payload, CoreBlock)
        }

    def existing(self, episode: Episode, memory_type: MemoryType) -> list[MemoryItem]:
        """Current memories of the type nearest the episode, then a few that ended."""
        moment = episode.observed_at
        where = RecallFilter(user_id=episode.user_id, types=(memory_type,), now=to_epoch(moment))
        if memory_type is MemoryType.CORE:
            return self.records.select(where)
        every = dataclasses.replace(where, include_expired=True, now=None)
        latest: dict[str, MemoryItem] = {}
        for result in self.search.search(episode.text, every, 2 * EXISTING_PER_TYPE):
            held = latest.get(result.item.id)
            if held is None or result.item.version > held.version:
                latest[result.item.id] = result.item
        live = [i for i in latest.values() if _holds(i, moment)]
        ended = [i for i in latest.values() if not _holds(i, moment)]
        if memory_type is MemoryType.SEMANTIC:  # "we moved" names no one: the user's own facts
            own = [i for i in self.facts(episode) if _holds(i, moment)]
            live = list({i.id: i for i in [*own, *live]}.values())
            return live[: EXISTING_PER_TYPE + len(own)] + ended[:ENDED_PER_TYPE]
        return live[:EXISTING_PER_TYPE] + ended[:ENDED_PER_TYPE]

    def facts(self, episode: Episode) -> list[MemoryItem]:
        """Every version of the facts at the entities the episode names and at the user's own."""
        names = " ".join(["User", *self._user_names(episode.user_id)])
        ids = self.search.entities_in(f"{episode.text}\n{names}", episode.user_id)
        return self.search.facts_about(episode.user_id, ids, FACTS_SHOWN)

    def session_context(self, episode: Episode) -> list[Message]:
        """The messages said before this episode in its session, oldest first."""
        if episode.session_id is None:
            return []
        return self.records.session_messages(
            episode.user_id, episode.session_id, before=episode.id, limit=CONTEXT_MESSAGES
        )

    def for_answer(
        self,
        question: str,
        user_id: str,
        *,
        asked_at: datetime,
        as_of: datetime | None = None,
        window: TimeWindow | None = None,
    ) -> list[SearchResult]:
        """What an answer is drawn from: true at `as_of`, else current when the question is
        asked; a question about the past ("What did Priya do before?") sees what is over too."""
        where = RecallFilter(user_id=user_id, as_of=to_epoch(as_of), now=to_epoch(asked_at))
        if as_of is None and question_tense(question) == "past":
            where = dataclasses.replace(where, now=None)
        return self.search.search(question, where, ANSWER_K, window=window)

    def _user_names(self, user_id: str) -> list[str]:
        """The user's own name, as the core profile has it ("Name: Alice")."""
        human = self.core(user_id).get("human")
        if human is None:
            return []
        names = []
        for line in human.value.splitlines():
            key, _, value = line.partition(":")
            if key.strip().lower() == "name" and value.strip():
                names.append(value.strip())
        return names


def _holds(item: MemoryItem, moment: datetime) -> bool:
    """Not replaced, and not ended in the world by `moment`."""
    return item.expired_at is None and (item.invalid_at is None or item.invalid_at > moment)
