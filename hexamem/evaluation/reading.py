"""Reading a benchmark file: JSON of the expected shape, or a clear error naming it."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hexamem.errors import InvalidInput


def read_json(path: Path) -> Any:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InvalidInput(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise InvalidInput(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot read ({exc.strerror})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InvalidInput(f"{path}: not JSON (line {exc.lineno}: {exc.msg})") from None


def records_in(path: Path, noun: str) -> list[tuple[str, Any]]:
    """A file's top-level list, each record with the words that name it in an error."""
    data = read_json(path)
    if not isinstance(data, list):
        raise InvalidInput(f"{path}: expected a list of {noun}s")
    return [(f"{path}: {noun} {number}", record) for number, record in enumerate(data)]


def field_of(record: Any, name: str, kind: type, where: str) -> Any:
    """`record[name]`, which must be a `kind`; else an error saying which record."""
    if not isinstance(record, dict) or name not in record:
        raise InvalidInput(f"{where}: missing {name!r}")
    value = record[name]
    if not isinstance(value, kind):
        raise InvalidInput(f"{where}: {name!r} should be a {kind.__name__}")
    return value


def parsed_date(text: str, formats: tuple[str, ...], where: str) -> datetime:
    """A benchmark's date (no zone given: read as UTC, as scenario files are)."""
    for form in formats:
        try:
            return datetime.strptime(text.strip(), form).replace(tzinfo=UTC)
        except ValueError:
            continue
    raise InvalidInput(f"{where}: cannot read the date {text!r}")
