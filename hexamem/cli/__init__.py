"""The `hexamem` terminal command: chat, simulate, and the commands that look inside a memory.

One module per command group: `chat` (with `slash` and `conversation`),
`simulate`, `inspect`, `transfer`; `views` renders, `options` opens memories
and turns errors into exit codes.
"""

from hexamem.cli.app import app, main

__all__ = ["app", "main"]
