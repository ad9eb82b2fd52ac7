"""What `Memory.add` accepts, checked and turned into an `Episode`.

Messages may be a string, one ``{role, content, name?, id?, timestamp?}`` dict, a
LangChain message, or a list of these (a `MessagesState`'s `messages`). A message's
own timestamp says when it was said, so one call can carry a dated transcript. With ``infer=False``
each message is stored as an episodic memory of its own, so raw transcripts are
searchable turn by turn.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any

from hexamem.errors import InvalidInput
from hexamem.intake.checks import checked_optional_id, checked_user, observed_at
from hexamem.intake.langchain import is_langchain_message, plain_message
from hexamem.memory_types import Add, Episode, EpisodicEvent, MemoryType, Message
from hexamem.memory_types.ids import new_id
from hexamem.memory_types.storable import text_problem
from hexamem.memory_types.time import parse_time

ROLES = frozenset({"user", "assistant", "system", "tool"})
MessagesInput = str | Mapping[str, Any] | Sequence[Any] | Any


def build_episode(
    messages: MessagesInput,
    *,
    user_id: str,
    session_id: str | None,
    at: datetime,
    max_chars: int,
    max_messages: int,
    episode_id: str | None = None,
) -> Episode:
    """Validate the caller's messages and wrap them in an episode (new, or `episode_id`)."""
    raw = _as_list(messages)
    if not raw:
        raise InvalidInput("messages is empty")
    if len(raw) > max_messages:
        raise InvalidInput(f"{len(raw)} messages in one call; the limit is {max_messages}")
    episode_id = episode_id or new_id("ep")
    checked = tuple(
        _message(entry, index, episode_id, max_chars) for index, entry in enumerate(raw)
    )
    ids = [m.id for m in checked]
    if len(set(ids)) != len(ids):
        raise InvalidInput("message ids repeat within one call")
    _check_times(checked, at)
    return Episode(
        id=episode_id,
        user_id=user_id,
        session_id=checked_optional_id(session_id, "session_id"),
        observed_at=at,
        messages=checked,
    )


def episode_from_inputs(inputs: Mapping[str, Any], *, max_chars: int, max_messages: int) -> Episode:
    """An episode from a subgraph's plain inputs (`messages`, `user_id`, optional
    `session_id` and `observed_at`), checked as `add` checks them."""
    return build_episode(
        inputs.get("messages", ""),
        user_id=checked_user(inputs.get("user_id")),
        session_id=inputs.get("session_id"),
        at=observed_at(inputs.get("observed_at")),
        max_chars=max_chars,
        max_messages=max_messages,
    )


def raw_message_ops(episode: Episode, *, agent_id: str | None = None) -> list[Add]:
    """One episodic ADD per message: the no-extraction path of `add(infer=False)`."""
    return [
        Add(
            memory_type=MemoryType.EPISODIC,
            payload=EpisodicEvent(
                occurred_at=episode.said_at(message),
                actor=message.name or message.role,
                event_type="message",
                summary=message.content,
            ),
            valid_at=message.at,
            source_episode=episode.id,
            message_ids=(message.id,),
            agent_id=agent_id,
            reason="raw message stored without extraction",
        )
        for message in episode.messages
    ]


def _check_times(messages: Sequence[Message], at: datetime) -> None:
    """Message times run forward and none is later than the episode's own time."""
    last: datetime | None = None
    for index, message in enumerate(messages):
        if message.at is None:
            continue
        if message.at > at:
            raise InvalidInput(
                f"message {index}: timestamp {message.at.isoformat()} is after the call's "
                f"timestamp {at.isoformat()}"
            )
        if last is not None and message.at < last:
            raise InvalidInput(f"message {index}: timestamp goes back in time")
        last = message.at


def _as_list(messages: MessagesInput) -> list[Any]:
    if isinstance(messages, str):
        return [{"role": "user", "content": messages}]
    if isinstance(messages, Mapping) or is_langchain_message(messages):
        return [messages]
    if isinstance(messages, Sequence):
        return list(messages)
    raise InvalidInput(
        f"messages must be a string, a dict, a LangChain message or a list, "
        f"not {type(messages).__name__}"
    )


def _message(entry: Any, index: int, episode_id: str, max_chars: int) -> Message:
    where = f"message {index}"
    if isinstance(entry, str):
        entry = {"role": "user", "content": entry}
    elif is_langchain_message(entry):
        entry = plain_message(entry)
    if not isinstance(entry, Mapping):
        raise InvalidInput(f"{where}: expected a dict with role and content or a LangChain message")
    unknown = set(entry) - {"role", "content", "name", "id", "timestamp"}
    if unknown:
        raise InvalidInput(f"{where}: unknown key(s) {sorted(unknown)}")
    role, content = entry.get("role", "user"), entry.get("content")
    if role not in ROLES:
        raise InvalidInput(f"{where}: role {role!r} is not one of {sorted(ROLES)}")
    if not isinstance(content, str) or not content.strip():
        raise InvalidInput(f"{where}: content is empty")
    if len(content) > max_chars:
        raise InvalidInput(f"{where}: {len(content)} characters, over the limit of {max_chars}")
    if (problem := text_problem(content)) is not None:
        raise InvalidInput(f"{where}: content {problem}")
    name = checked_optional_id(entry.get("name"), f"{where}: name")
    message_id = checked_optional_id(entry.get("id"), f"{where}: id")
    said = entry.get("timestamp")
    at = None if said is None else parse_time(said, field=f"{where}: timestamp")
    return Message(
        id=message_id or f"{episode_id}:{index}",
        role=role,
        content=content.strip(),
        name=name.strip() if name else None,
        at=at,
    )
