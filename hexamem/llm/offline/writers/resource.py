"""Resource writer: links and files the user shares, once each; a new version updates the old.

The title is what the user calls it ("the manual", "the runbook") when they say
so, else the file or link name. "thesis-v5.docx" after "thesis-v4.docx" is the
same document in a new version.
"""

from __future__ import annotations

import re

from hexamem.agents.schemas import ProposedOp
from hexamem.llm.offline.writers.job import Job
from hexamem.memory_types import Resource

URL = re.compile(r"\bhttps?://[^\s<>\"')]+", re.IGNORECASE)
FILE = re.compile(
    r"(?<![/\w.-])[\w-]+(?:[_.-][\w-]+)*\.(?:pdf|docx?|xlsx?|pptx?|csv|txt|md|png|jpe?g|gif|"
    r"zip|mp3|mp4|key|numbers|pages|odt|ods)\b",
    re.IGNORECASE,
)
_NAMED = re.compile(
    r"\b(?:the|my|our|his|her)\s+(?P<name>[\w -]{2,40}?)\s+(?:is|are|lives|lies|sits|can be found)"
    r"\s+(?:at|in|on|here)\b|\b(?P<pre>[\w -]{2,30}?)(?:\s*:|\s+here:?)\s*$",
    re.IGNORECASE,
)
_VERSION = re.compile(r"[-_ .]?v(?:ersion)?[-_ .]?\d+(?:\.\d+)*", re.IGNORECASE)


def resource(job: Job) -> list[ProposedOp]:
    ops = job.forgets(Resource)
    stored = [(i, i.payload) for i in job.live() if isinstance(i.payload, Resource)]
    seen = {p.uri or p.title for _, p in stored}
    for said in job.reading.said:
        urls = [m.group(0).rstrip(".,)!?") for m in URL.finditer(said.text)]
        inside = [(m.start(), m.end()) for m in URL.finditer(said.text)]
        files = [
            m.group(0)
            for m in FILE.finditer(said.text)
            if not any(a <= m.start() < b for a, b in inside)
        ]
        for ref in [*urls, *files]:
            if ref in seen or ref.rstrip("/").split("/")[-1] in seen:
                continue
            seen.add(ref)
            is_url = ref in urls
            name = (_what(said.text[: said.text.find(ref)]) or ref) if is_url else ref
            newer = next((i for i, p in stored if _same_document(p.title, ref)), None)
            payload = {
                "title": name,
                "resource_type": "link" if is_url else "file",
                "summary": job.text_of(said),
                "uri": ref if is_url else None,
            }
            if newer is not None:
                ops.append(job.update(newer, payload, "a new version of the document"))
            else:
                ops.append(ProposedOp(kind="ADD", reason="shared a link or file", payload=payload))
    return ops


def _what(before: str) -> str | None:
    found = _NAMED.search(before.strip())
    if found is None:
        return None
    name = (found.group("name") or found.group("pre") or "").strip(" ,:")
    return name if name and len(name.split()) <= 5 else None


def _same_document(stored: str, new: str) -> bool:
    """'report-v4.docx' and 'report-v5.docx': the same file name apart from its version."""
    if stored == new or not _VERSION.search(new):
        return False
    return _VERSION.sub("", stored).lower() == _VERSION.sub("", new).lower()
