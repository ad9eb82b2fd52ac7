"""Freed heap memory wiped, so no store can write a secret it never saw.

Chroma's HNSW segment allocates its buffers with plain `malloc` and writes them to disk
whole, unused slots included. Those slots hold whatever the process freed before (a
secret the vault just sealed, a message being masked). glibc's `M_PERTURB` fills freed
memory, and memory handed out again, with a fixed byte instead; it is process-wide and
costs a `memset` per call, which measured as noise here. Elsewhere than glibc this
does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import functools

M_PERTURB = -6
#: Any non-zero byte works; freed chunks get it, fresh ones its complement.
PERTURB_BYTE = 0xA5


@functools.cache
def wipe_freed_memory() -> bool:
    """Turn the wiping on for this process (once); whether the C library took it."""
    name = ctypes.util.find_library("c")
    if name is None:
        return False
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError):  # not glibc
        return False
    return bool(mallopt(M_PERTURB, PERTURB_BYTE))
