"""One error discipline for every command: one line on stderr and an exit code.

Every failure prints exactly one ``error: ...`` line, never a traceback: exit 2
when the command or its input was wrong (a usage error, a `CallerError`), 1 when
a run failed (a `RunError`) or something unexpected broke. `--debug` (or
``HEXAMEM_DEBUG=1``) prints the traceback before that line. The group class
below runs every command this way, so no command handles errors itself.

Imports only click, typer and the error tree: `hexamem --help` stays fast.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence
from typing import Any

import typer
from typer.core import TyperGroup

from hexamem.errors import CallerError, HexamemError

try:  # typer 0.2x carries its own copy of click
    from typer._click import exceptions as clicks
except ImportError:  # pragma: no cover - older typer runs on click itself
    from click import exceptions as clicks  # type: ignore[no-redef]

USAGE, RUN = 2, 1
DEBUG_ENV = "HEXAMEM_DEBUG"


class _State:
    debug = False


def set_debug(on: bool) -> None:
    """Print tracebacks for the rest of this invocation (the `--debug` option)."""
    _State.debug = on or _env_debug()


def _env_debug() -> bool:
    return os.environ.get(DEBUG_ENV, "").strip().lower() in ("1", "true", "yes", "on")


def one_line(message: str) -> str:
    """The message with its line breaks and runs of spaces folded: an error is one line."""
    return " ".join(message.split())


def say_error(message: str) -> None:
    """Write ``error: message`` to stderr as one line, never wrapped, no markup read."""
    from rich.console import Console
    from rich.text import Text

    errors = Console(stderr=True, soft_wrap=True, highlight=False)
    errors.print(Text.assemble(("error:", "red"), " ", one_line(message)), soft_wrap=True)


def report(exc: BaseException) -> int:
    """Print `exc` as the one error line (and its traceback with `--debug`); its exit code."""
    if isinstance(exc, clicks.ClickException):
        return _usage(exc)
    if _State.debug:
        traceback.print_exception(exc, file=sys.stderr)
    if isinstance(exc, HexamemError):
        say_error(str(exc) or type(exc).__name__)
        return USAGE if isinstance(exc, CallerError) else RUN
    if isinstance(exc, typer.Abort | KeyboardInterrupt):
        say_error("interrupted")
        return 130
    text = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    hint = "" if _State.debug else " (rerun with --debug for the traceback)"
    say_error(f"internal error: {text}{hint}")
    return RUN


def _usage(exc: clicks.ClickException) -> int:
    message = exc.format_message()
    if len(message) > 1 and message[0].isupper() and not message[1].isupper():
        message = message[0].lower() + message[1:]
    context = getattr(exc, "ctx", None)
    if isinstance(exc, clicks.UsageError) and context is not None:
        message = f"{message.rstrip('.')} (see {context.command_path} --help)"
    say_error(message)
    return exc.exit_code


class ReportingGroup(TyperGroup):
    """The `hexamem` group: runs a command and turns whatever it raises into one line."""

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        set_debug(False)
        try:
            code = super().main(
                args, prog_name or "hexamem", complete_var, standalone_mode=False, **extra
            )
        except clicks.NoArgsIsHelpError as exc:
            exc.show()
            code = exc.exit_code
        except Exception as exc:  # the whole point: nothing escapes as a traceback
            code = report(exc)
        code = code if isinstance(code, int) else 0
        if standalone_mode:
            sys.exit(code)
        return code
