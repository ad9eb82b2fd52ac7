"""Text files a person hands in (scenarios, exports), read as UTF-8 with errors that say where."""

from __future__ import annotations

from pathlib import Path

from hexamem.errors import InvalidInput


def utf8_text(data: bytes, name: str) -> str:
    """`data` decoded as UTF-8; otherwise an `InvalidInput` naming the first bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput(
            f"{name} is not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8 and try again"
        ) from None


def read_utf8(path: Path) -> str:
    """The text of the file at `path`; unreadable or not UTF-8 is an `InvalidInput`."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"{path}: cannot be read: {exc.strerror or exc}") from exc
    return utf8_text(data, str(path))
