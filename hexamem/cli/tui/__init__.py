"""The full-screen `hexamem chat`: the conversation beside a live view of the memory.

Textual runs it; `hexamem.cli.chat` starts it on a terminal and keeps the line
mode for scripts and pipes.
"""

from hexamem.cli.tui.app import ChatApp

__all__ = ["ChatApp"]
