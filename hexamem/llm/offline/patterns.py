"""What the offline engine recognises in what people say, as plain regular expressions."""

from __future__ import annotations

import re

CI = re.IGNORECASE

# -- the user's own name ------------------------------------------------------------------
NAME = re.compile(r"(?i:\b(?:my name is|i'm|i am|call me)\s+)([A-Z][a-z]+(?:\s+[A-Z][a-z]+)?)\b")

# -- facts: (pattern, relation, single-valued) -----------------------------------------------
_OBJ = r"(?P<object>[A-Z0-9][\w'&.-]*(?:\s+(?:[A-Z0-9][\w'&.-]*|(?:of|de|la|the)\b))*)"
# A thing of up to four words that stops at a conjunction, so "X and my favourite Y" is two.
_THING = r"(?P<object>[\w'&.-]+(?:\s+(?!(?:and|but|or|so|because|my|i)\b)[\w'&.-]+){0,3})"
FACTS: list[tuple[re.Pattern[str], str, bool]] = [
    (
        re.compile(
            r"(?i:\b(?:i|we)\s+(?:now\s+)?(?:live|am living|are living|reside)\s+in\s+)" + _OBJ
        ),
        "lives_in",
        True,
    ),
    (
        re.compile(r"(?i:\b(?:i|we)\s+(?:just\s+|recently\s+)?(?:moved|relocated)\s+to\s+)" + _OBJ),
        "lives_in",
        True,
    ),
    (re.compile(r"(?i:\bi\s+(?:now\s+)?work\s+(?:at|for)\s+)" + _OBJ), "works_at", True),
    (re.compile(r"\bi\s+(?:work|am working)\s+as\s+(?:an?\s+)?" + _THING, CI), "works_as", True),
    (
        re.compile(
            r"\bi'?m\s+an?\s+(?P<object>(?:nurse|teacher|doctor|engineer|developer|designer|student|lawyer|chef|baker|writer|manager|artist|nurse practitioner|accountant|scientist)\b[\w ]{0,20}?)(?=[.,!]|$| and| at| in)",
            CI,
        ),
        "works_as",
        True,
    ),
    (
        re.compile(r"\bmy\s+favou?rite\s+(?P<topic>[\w ]{2,30}?)\s+is\s+" + _THING, CI),
        "favourite",
        True,
    ),
    (re.compile(r"\bi'?m\s+(?P<object>\d{1,3})\s+years?\s+old\b", CI), "age", True),
    (
        re.compile(
            r"(?i:\bmy\s+(?:wife|husband|partner|girlfriend|boyfriend|fianc[ée]e?)\s+(?:is\s+)?(?:called\s+|named\s+)?)"
            + _OBJ
        ),
        "partner",
        True,
    ),
    (
        re.compile(
            r"\bi\s+(?:(?:really|also|still|just)\s+)*(?:love|like|enjoy|adore)\s+" + _THING, CI
        ),
        "likes",
        False,
    ),
    (
        re.compile(
            r"\bi\s+(?:(?:really|also|still|just)\s+)*(?:hate|dislike|can't stand|cannot stand)\s+"
            + _THING,
            CI,
        ),
        "dislikes",
        False,
    ),
    (re.compile(r"\bi'?m\s+allergic\s+to\s+" + _THING, CI), "allergic_to", False),
    (
        re.compile(
            r"\bi\s+have\s+an?\s+(?P<object>(?:dog|cat|puppy|kitten|parrot|rabbit|hamster)\b(?:\s+(?:called|named)\s+[A-Z]\w+)?)",
            CI,
        ),
        "has_pet",
        False,
    ),
]
# Third person: "Bob lives in Rome", "Maya works at Acme".
THIRD_PERSON: list[tuple[re.Pattern[str], str, bool]] = [
    (re.compile(r"\b(?P<subject>[A-Z][a-z]+)\s+(?:now\s+)?lives\s+in\s+" + _OBJ), "lives_in", True),
    (
        re.compile(r"\b(?P<subject>[A-Z][a-z]+)\s+(?:just\s+)?moved\s+to\s+" + _OBJ),
        "lives_in",
        True,
    ),
    (re.compile(r"\b(?P<subject>[A-Z][a-z]+)\s+works\s+(?:at|for)\s+" + _OBJ), "works_at", True),
]

# -- secrets: (pattern, entry type, sensitivity) --------------------------------------------
SECRETS: list[tuple[re.Pattern[str], str, str]] = [
    (
        re.compile(
            r"\b(?P<what>(?:wi-?fi|wifi|email|bank|laptop|phone|router|alarm|door|account)?\s*)"
            r"(?:password|passcode|passphrase)\s*(?:is|:|=)\s*(?P<secret>\S+)",
            CI,
        ),
        "password",
        "high",
    ),
    (
        re.compile(
            r"\b(?P<what>(?:bank|card|phone|sim|door|alarm)?\s*)pin\s*(?:code\s*)?(?:is|:|=)\s*(?P<secret>\d{4,8})\b",
            CI,
        ),
        "pin",
        "high",
    ),
    (
        re.compile(
            r"\b(?P<what>[\w-]*\s*)(?:api|access|secret)\s*key\s*(?:is|:|=)\s*(?P<secret>\S{8,})",
            CI,
        ),
        "api_key",
        "high",
    ),
    (
        re.compile(r"(?P<what>)\b(?P<secret>(?:sk|pk|ghp|xox[bp])[-_][A-Za-z0-9_-]{12,})"),
        "api_key",
        "high",
    ),
    (
        re.compile(
            r"\b(?P<what>iban|account number)\s*(?:is|:)?\s*(?P<secret>[A-Z]{2}\d{2}[A-Z0-9 ]{10,30}|\d{6,18})",
            CI,
        ),
        "account_number",
        "high",
    ),
    (
        re.compile(
            r"\b(?P<what>(?:social security|passport|driver'?s licen[cs]e)\s*(?:number|no\.?)?)\s*(?:is|:)\s*(?P<secret>[A-Z0-9-]{6,20})",
            CI,
        ),
        "id_number",
        "high",
    ),
    (
        re.compile(r"\b(?P<what>door|gate|locker|safe)\s*code\s*(?:is|:)\s*(?P<secret>\S+)", CI),
        "access_code",
        "medium",
    ),
]

# -- resources, procedures, events ------------------------------------------------------------
URL = re.compile(r"\bhttps?://[^\s<>\"')]+", CI)
FILE = re.compile(
    r"\b[\w-]+(?:[ _-][\w-]+)*\.(?:pdf|docx?|xlsx?|pptx?|csv|txt|md|png|jpe?g|gif|zip|mp3|mp4)\b",
    CI,
)
NUMBERED_STEP = re.compile(
    r"(?:^|\s)(?:\d{1,2}[.)]|step\s+\d{1,2}:?)\s+(?P<step>[^\n]+?)(?=\s+(?:\d{1,2}[.)]|step\s+\d{1,2}:?)\s|$|\n)",
    CI,
)
SEQUENCE = re.compile(r"\b(?:first|then|next|after that|finally|lastly)\b,?\s+", CI)
HOW_TO = re.compile(
    r"\b(?:how (?:to|i|you)|here'?s how|to (?:make|reset|fix|set up|install|cook|bake|feed|clean|deploy))\s+(?P<goal>[^.:!?\n]{3,80})",
    CI,
)
EVENT_VERBS = re.compile(
    r"\b(?:went|visited|bought|met|moved|started|finished|had|got|attended|ran|won|lost|"
    r"adopted|married|graduated|travel(?:l)?ed|flew|booked|celebrated|joined|quit|left|"
    r"signed|launched|painted|cooked|baked|read|watched|played|saw|took|gave|received|"
    r"am going to|will|plan to|planning to)\b",
    CI,
)
PERSONA = re.compile(
    r"\b(?:please\s+)?(?:always|never|don't|do not|be more|be less|keep (?:it|answers)|"
    r"answer in|reply in|talk to me|address me)\b[^.!?]*",
    CI,
)

# -- chat ----------------------------------------------------------------------------------
QUESTION = re.compile(
    r"\?\s*$|^\s*(?:what|where|when|who|whom|whose|which|why|tell me|remind me|do you know)\b",
    CI,
)
