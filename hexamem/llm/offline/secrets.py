"""Secrets in what the user said: a secret word ("password", "PIN", "door code"), then its value.

The value is the first token after the word that looks like one (digits, or
letters mixed with digits or symbols), in the same sentence or the next ("can
you keep my passport number? it's LM482913"). The caption says what it opens,
from the words before the secret word or the topic of the conversation ("the
wifi first. ... the password is ..."): it is the only part ever shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from hexamem.llm.offline.reading import Reading

MASK = "[kept in the vault]"

_KINDS: list[tuple[str, str, str, str]] = [
    # (pattern, entry type, sensitivity, caption word)
    (r"pass(?:word|code|phrase)s?|pw", "password", "high", "password"),
    (r"pin(?:\s+code)?|pin\s+number", "pin", "high", "PIN"),
    (r"(?:\w+)?code(?=\s|$|[,.:;])|key\s+code", "access_code", "medium", "code"),
    (r"passport(?:\s+(?:number|no\.?))?", "id_number", "high", "passport number"),
    (
        r"(?:social security|ssn|national insurance|tax id|driver'?s licen[cs]e|licen[cs]e)"
        r"(?:\s+(?:number|no\.?))?",
        "id_number",
        "high",
        "number",
    ),
    (
        r"iban|account\s+number|sort\s+code|card\s+number|routing\s+number",
        "account_number",
        "high",
        "number",
    ),
    (
        r"(?:api|access|secret|private)\s+key|token|seed\s+phrase|recovery\s+(?:code|phrase)",
        "api_key",
        "high",
        "key",
    ),
]
_KEYWORD = re.compile(
    r"\b(?P<word>" + "|".join(f"(?:{pattern})" for pattern, *_ in _KINDS) + r")\b", re.IGNORECASE
)
_NOT_SECRET_CODES = frozenset(
    {
        "zip code",
        "post code",
        "postcode",
        "dress code",
        "area code",
        "source code",
        "qr code",
        "bar code",
        "barcode",
    }
)
_BRIDGE = re.compile(
    r"^(?:[\s,:=-]|is|was|are|'s|now|new|the|for|to|of|my|our|it's|its|it|is:|changed|set|"
    r"will|be|just|yesterday|today|last|week|one|again|also|and|[a-z]+'s)*",
    re.IGNORECASE,
)
_VALUE = re.compile(r"(?P<value>[^\s,;]+[^\s,;.!?)]|\d{4,8})")
_TOPICS = (
    "wifi wi-fi network internet router alarm door building gate garage entry "
    "bank card email laptop computer phone account locker safe bike padlock server admin "
    "netflix icloud work office car house flat apartment mailbox"
).split()
_FOR = re.compile(
    r"^\s+(?:for|to|of|on|at|in)\s+(?:the\s+|my\s+|our\s+)?(?P<what>(?:[\w-]+\s+){0,2}?[\w-]+)"
    r"(?=\s+(?:is|was|are|=|:)\b|\s*[:=])"
)
_CAPTION_WORDS = re.compile(r"([\w-]+)\s*$")


@dataclass(frozen=True)
class Secret:
    entry_type: str
    sensitivity: str
    caption: str
    value: str
    message_id: str


def secrets_in(reading: Reading, context_text: str = "") -> list[Secret]:
    """Every secret the user shared in the episode, with a caption that is safe to show."""
    found: dict[str, Secret] = {}
    said = reading.said
    for n, sentence in enumerate(said):
        for word in _KEYWORD.finditer(sentence.text):
            if _ordinary_code(sentence.text, word):
                continue
            kind = _kind(word.group("word"))
            rest = sentence.text[word.end() :]
            purpose = _FOR.match(rest)
            value = _value_after(rest[purpose.end() :] if purpose else rest)
            if (
                value is None
                and n + 1 < len(said)
                and said[n + 1].message_id == sentence.message_id
            ):
                value = _value_after(" " + said[n + 1].text)
            if value is None:  # said some other way: any value-like word after the secret word
                value = next((t for t in _tokens(rest) if _looks_secret(t)), None)
            if value is None or value in found:
                continue
            topic_text = context_text + " " + " ".join(s.text for s in said[: n + 1])
            general = kind[0] in ("password", "pin", "access_code", "api_key")
            caption = _caption(sentence.text, word, kind[2], topic_text if general else "")
            found[value] = Secret(kind[0], kind[1], caption, value, sentence.message_id)
    return list(found.values())


def masked(text: str, secrets: Iterable[Secret]) -> str:
    """`text` with every secret value replaced: only the vault may hold them."""
    for secret in secrets:
        text = text.replace(secret.value, MASK)
    return text


def _kind(word: str) -> tuple[str, str, str]:
    for pattern, entry_type, sensitivity, caption in _KINDS:
        if re.fullmatch(pattern, word, re.IGNORECASE):
            return entry_type, sensitivity, caption
    return "secret", "high", "secret"


def _ordinary_code(text: str, word: re.Match[str]) -> bool:
    """'zip code', 'dress code', 'I code in Python': not a secret."""
    phrase = (text[max(0, word.start() - 8) : word.end()]).lower()
    if any(ordinary in phrase for ordinary in _NOT_SECRET_CODES):
        return not re.search(r"\b(?:building|door|gate|alarm|entry|access)\b", text, re.I)
    return (
        word.group("word").lower() == "code"
        and re.match(r"\s+(?:in|for|with)\s+[A-Z]", text[word.end() :]) is not None
    )


def _value_after(rest: str) -> str | None:
    bridge = _BRIDGE.match(rest)
    tail = rest[bridge.end() if bridge else 0 :]
    if len(rest) - len(tail) > 40:
        return None
    found = _VALUE.match(tail)
    if found is None:
        return None
    value = found.group("value").rstrip(".,!?;:)\"'")
    if _looks_secret(value):
        return value
    return None


def _tokens(text: str) -> list[str]:
    return [t.strip(".,!?;:)\"'(") for t in text.split()[:8]]


def _looks_secret(value: str) -> bool:
    has_digit = any(c.isdigit() for c in value)
    mixed = any(c.isupper() for c in value[1:]) and any(c.islower() for c in value)
    symbol = any(not c.isalnum() for c in value)
    return (
        len(value) >= 4
        and (has_digit or (mixed and symbol))
        and not re.fullmatch(r"\d{1,2}(?::\d\d)?(?:am|pm)?|(?:19|20)\d\d", value, re.IGNORECASE)
    )


def _caption(text: str, word: re.Match[str], noun: str, topic_text: str) -> str:
    """What the secret is for: the words just before it ('router admin password'), a 'for
    the building door', or the conversation's topic ('wifi' for a bare 'the password')."""
    modifiers: list[str] = []
    for raw in reversed(text[: word.start()].split()[-3:]):
        clean = raw.lower().strip(",.:;!?")
        if clean != raw.lower() or not (clean in _TOPICS or clean in ("admin", "master", "home")):
            break  # punctuation or an ordinary word ends the name of the thing
        modifiers.insert(0, clean)
    purpose = _FOR.match(text[word.end() :])
    things = [w for w in purpose.group("what").lower().split() if w in _TOPICS] if purpose else []
    if things and all(m in _KIND_WORDS for m in modifiers):
        modifiers = things  # "the entry code for the back gate": the gate's code
    if not modifiers and topic_text and (topic := _topic(topic_text)):
        modifiers = [topic]
    core = word.group("word").lower()
    label = {"pin": "PIN", "pin code": "PIN", "pin number": "PIN"}.get(core, core)
    if noun == "code":
        label = "code"
    words = [_SAME_TOPIC.get(w, w) for w in modifiers] + [label]
    return " ".join(dict.fromkeys(words))


#: Words before a secret that say what kind it is, not what it opens.
_KIND_WORDS = frozenset({"entry", "access", "security", "admin", "master", "home"})
_SAME_TOPIC = {"wi-fi": "wifi", "network": "wifi", "internet": "wifi"}


def _topic(text: str) -> str | None:
    """The last thing a secret could belong to that the conversation named."""
    found = list(_TOPIC_WORD.finditer(text))
    return (
        _SAME_TOPIC.get(found[-1].group(0).lower(), found[-1].group(0).lower()) if found else None
    )


_TOPIC_WORD = re.compile(r"\b(?:" + "|".join(map(re.escape, _TOPICS)) + r")\b", re.IGNORECASE)


def value_tokens(secrets: Sequence[Secret]) -> set[str]:
    return {s.value for s in secrets}
