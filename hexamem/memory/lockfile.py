"""Who may open a data directory: one process while any store lives in it.

Embedded Chroma, the embedded graph and the SQLite file are not safe to share,
so the directory is locked while a memory is open. The lock file holds the pid
and is emptied on a clean close: a pid found in it means the last process died
holding it, and the stores are checked. When every store is a server
(PostgreSQL, a Chroma server, a graph server) there is nothing to lock: any
number of instances open the same memory, and the op log's per-user locks order
their writes.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from typing import IO

from hexamem.errors import ConfigurationError

LOCK_FILE = "hexamem.lock"


class DirectoryLock:
    def __init__(self, handle: IO[str] | None, crashed: bool) -> None:
        self._handle, self.crashed = handle, crashed
        self.released = False

    @classmethod
    def shared(cls) -> DirectoryLock:
        """No lock: every store is a server the instances share."""
        return cls(None, False)

    @classmethod
    def take(cls, home: Path) -> DirectoryLock:
        handle = open(home / LOCK_FILE, "a+", encoding="utf-8")  # noqa: SIM115
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise ConfigurationError(
                f"{home} is already open (by pid {holder}); close that Memory first "
                "or give this one its own path"
            ) from None
        handle.seek(0)
        crashed = bool(handle.read().strip())
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        return cls(handle, crashed)

    def release(self, *, clean: bool) -> None:
        """Let the directory go; `clean` (everything saved) empties the pid first."""
        self.released = True
        if self._handle is None or self._handle.closed:
            return
        try:
            if clean:
                self._handle.truncate(0)
        finally:
            self._handle.close()
