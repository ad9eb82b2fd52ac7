"""`WriteBehindVectors`: new memories are embedded and upserted in groups, off the write path.

A vector-store upsert has a fixed cost per call (Chroma: 10-30 ms, most of a
one-turn `add`), and embedding one text at a time wastes the model's batching.
So a write stages its texts here once its records are committed, and a flusher
thread embeds and upserts whatever has gathered, one call per user. Every read
of the vector store drains the stage first, so a search sees every acknowledged
write. A crash loses only staged vectors, never records: the next open runs the
store check, which writes the missing vectors again from the records.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Sequence

from hexamem.embedding import Embedder, Vectors
from hexamem.errors import HexamemError
from hexamem.stores.vector.base import VectorHit, VectorStore

#: Staged texts that make the flusher start at once rather than wait for more.
GROUP = 256
#: Seconds the flusher waits for more texts after the first one is staged.
DELAY = 0.05
#: Staged texts beyond which a write flushes itself (the flusher has fallen behind).
MOST_STAGED = 4096
log = logging.getLogger("hexamem")


class WriteBehindVectors(VectorStore):
    """A `VectorStore` wrapper whose writes are staged texts; reads see them all."""

    def __init__(self, inner: VectorStore, embedder: Embedder) -> None:
        self.inner, self._embedder = inner, embedder
        self._staged: dict[tuple[str, str], str] = {}  # (scope, key) -> text, in stage order
        self._store_lock = threading.RLock()  # one caller of `inner` at a time
        self._wake = threading.Condition()
        self._closing = False
        self._flusher: threading.Thread | None = None  # started by the first stage

    @property
    def staged(self) -> int:
        """Texts staged and not yet in the vector store."""
        with self._wake:
            return len(self._staged)

    def stage(self, scope: str, keys: Sequence[str], texts: Sequence[str]) -> None:
        """Queue texts to embed and upsert under `keys`; a key staged again takes the new text."""
        if not keys:
            return
        with self._wake:
            for key, text in zip(keys, texts, strict=True):
                self._staged.pop((scope, key), None)
                self._staged[(scope, key)] = text
            backlog = len(self._staged)
            if self._flusher is None and not self._closing:
                self._flusher = threading.Thread(
                    target=self._run, name="hexamem-vectors", daemon=True
                )
                self._flusher.start()
            self._wake.notify()
        if backlog > MOST_STAGED:
            self.flush()

    def flush(self) -> None:
        """Embed and upsert everything staged; on failure it stays staged and this raises."""
        with self._store_lock:
            with self._wake:
                taken = dict(self._staged)
            if not taken:
                return
            rows_of: dict[str, list[int]] = {}
            for row, (scope, _key) in enumerate(taken):
                rows_of.setdefault(scope, []).append(row)
            entries = list(taken.items())
            vectors = self._embedder.embed([text for _, text in entries])
            for scope, rows in rows_of.items():
                self.inner.upsert(scope, [entries[row][0][1] for row in rows], vectors[rows])
                with self._wake:  # written: unstage what was not staged again meanwhile
                    for row in rows:
                        staged, text = entries[row]
                        if self._staged.get(staged) == text:
                            del self._staged[staged]

    # -- the seam: every read and direct write drains the stage first -------------------

    def upsert(self, scope: str, keys: Sequence[str], vectors: Vectors) -> None:
        with self._store_lock:
            self.flush()
            self.inner.upsert(scope, keys, vectors)

    def query(
        self, scope: str, vector: Vectors, n: int, *, among: Sequence[str] | None = None
    ) -> list[VectorHit]:
        with self._store_lock:
            self.flush()
            return self.inner.query(scope, vector, n, among=among)

    def delete(self, scope: str, keys: Sequence[str] | None = None) -> None:
        with self._store_lock:
            self.flush()
            self.inner.delete(scope, keys)

    def count(self, scope: str) -> int:
        with self._store_lock:
            self.flush()
            return self.inner.count(scope)

    def keys(self, scope: str, among: Sequence[str] | None = None) -> set[str]:
        with self._store_lock:
            self.flush()
            return self.inner.keys(scope, among)

    def close(self) -> None:
        """Stop the flusher, write what is staged, close the store (raises if it cannot)."""
        with self._wake:
            self._closing = True
            self._wake.notify()
            flusher = self._flusher
        if flusher is not None:
            flusher.join()
        try:
            self.flush()
        finally:
            self.inner.close()

    def _run(self) -> None:
        while True:
            with self._wake:
                while not self._staged and not self._closing:
                    self._wake.wait()
                if self._closing:
                    return
                deadline = time.monotonic() + DELAY
                while len(self._staged) < GROUP and not self._closing:
                    left = deadline - time.monotonic()
                    if left <= 0:
                        break
                    self._wake.wait(left)
            try:
                self.flush()
            except Exception as exc:  # stays staged: the next read retries, and raises
                if isinstance(exc, HexamemError):
                    log.warning("vectors not written yet, will retry: %s", exc)
                else:
                    log.exception("vectors not written yet, will retry")
                with self._wake:
                    self._wake.wait(1.0)
