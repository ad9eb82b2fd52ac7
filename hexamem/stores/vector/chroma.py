"""ChromaDB backend: embedded `PersistentClient`, or `HttpClient` for a Chroma server.

Each user scope is its own collection, chosen in `_collection` and nowhere
else: an unfiltered HNSW read is ~1 ms at 100k vectors while a metadata
filter that matches most of a shared collection costs 150 ms and more.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar, cast
from urllib.parse import urlparse

import chromadb
import numpy as np
from chromadb.errors import NotFoundError

from hexamem.embedding.base import Vectors
from hexamem.errors import ConfigurationError, StoreError
from hexamem.stores.vector.base import VectorHit, VectorStore

_PREFIX = "hexamem-u-"
_UPSERT_CHUNK = 4096
#: Up to this many `among` keys are ranked exactly; HNSW restricted to a tiny set can miss
#: some, while for larger sets fetching every vector costs more than the filtered HNSW read.
EXACT_AMONG = 500


def scope_collection_name(scope: str) -> str:
    """A collection name for any scope string (Chroma allows only [a-zA-Z0-9._-])."""
    return _PREFIX + hashlib.sha256(scope.encode("utf-8")).hexdigest()[:32]


Method = TypeVar("Method", bound=Callable[..., Any])


def _again_if_dropped(method: Method) -> Method:
    """Run a call once more with a fresh handle when the collection it used was dropped by
    another instance since it was looked up (a user forgotten, then written again)."""

    @functools.wraps(method)
    def call(self: ChromaVectorStore, scope: str, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, scope, *args, **kwargs)
        except StoreError as exc:
            if not isinstance(exc.__cause__, NotFoundError):
                raise
            with self._lock:
                self._collections.pop(scope, None)
            self._counts.pop(scope, None)
            return method(self, scope, *args, **kwargs)

    return cast(Method, call)


class ChromaVectorStore(VectorStore):
    """One cosine HNSW collection per user."""

    def __init__(self, client: Any, *, namespace: str = "", shared: bool = False) -> None:
        self._client, self._namespace, self._shared = client, namespace, shared
        self._collections: dict[str, Any] = {}
        # count() costs ~5 ms at 100k vectors; reads reuse it until this process writes
        # (not when other instances write to the same server).
        self._counts: dict[str, int] = {}
        self._lock = threading.Lock()

    def _name(self, scope: str) -> str:
        return scope_collection_name(f"{self._namespace}\x00{scope}" if self._namespace else scope)

    @classmethod
    def embedded(cls, path: Path) -> ChromaVectorStore:
        """Chroma files under `path`, in this process."""
        path.mkdir(parents=True, exist_ok=True)
        return cls(chromadb.PersistentClient(path=str(path), settings=_client_settings()))

    @classmethod
    def remote(cls, url: str, *, namespace: str = "", shared: bool = False) -> ChromaVectorStore:
        """A running Chroma server, e.g. ``http://127.0.0.1:8000``; `shared` when other
        instances write to the same collections."""
        parsed = urlparse(url)
        if parsed.scheme not in {"http", "https"} or not parsed.hostname:
            raise ConfigurationError(f"chroma_url {url!r} must look like http://host:port")
        port = parsed.port or (443 if parsed.scheme == "https" else 8000)
        try:
            client = chromadb.HttpClient(
                host=parsed.hostname,
                port=port,
                ssl=parsed.scheme == "https",
                settings=_client_settings(),
            )
            client.heartbeat()
        except Exception as exc:
            raise StoreError(f"Chroma server at {url} did not answer: {exc}") from exc
        return cls(client, namespace=namespace, shared=shared)

    def _collection(self, scope: str) -> Any:
        """The user-scope filter: the only place a scope becomes a collection."""
        with self._lock:
            found = self._collections.get(scope)
            if found is None:
                try:
                    found = self._client.get_or_create_collection(
                        self._name(scope),
                        embedding_function=None,
                        metadata={"hnsw:space": "cosine"},
                    )
                except Exception as exc:
                    raise StoreError(f"Chroma collection for scope failed: {exc}") from exc
                self._keep(scope, found)
            return found

    def _existing(self, scope: str) -> Any | None:
        """The scope's collection if it has ever been written, without creating it."""
        with self._lock:
            found = self._collections.get(scope)
            if found is None:
                try:
                    found = self._client.get_collection(self._name(scope), embedding_function=None)
                except NotFoundError:
                    return None
                except Exception as exc:
                    raise StoreError(f"Chroma collection lookup failed: {exc}") from exc
                self._keep(scope, found)
            return found

    def _keep(self, scope: str, collection: Any) -> None:
        """Remember a collection's handle (one lookup per scope, not one per call); when
        another instance drops the collection, `_again_if_dropped` looks it up afresh."""
        self._collections[scope] = collection

    @_again_if_dropped
    def upsert(self, scope: str, keys: Sequence[str], vectors: Vectors) -> None:
        if not keys:
            return
        collection = self._collection(scope)
        self._counts.pop(scope, None)
        try:
            for start in range(0, len(keys), _UPSERT_CHUNK):
                end = start + _UPSERT_CHUNK
                collection.upsert(ids=list(keys[start:end]), embeddings=vectors[start:end])
        except Exception as exc:
            refused = isinstance(exc, ValueError | TypeError)  # Chroma's word for bad input
            raise StoreError(f"Chroma upsert failed: {exc}", refused=refused) from exc

    @_again_if_dropped
    def query(
        self, scope: str, vector: Vectors, n: int, *, among: Sequence[str] | None = None
    ) -> list[VectorHit]:
        collection = self._existing(scope)
        if collection is None or n <= 0 or (among is not None and not among):
            return []
        query = np.asarray(vector, dtype=np.float32).reshape(-1)
        if among is not None and len(among) <= EXACT_AMONG:
            return self._exact_among(collection, query, n, among)
        try:  # Chroma returns fewer than n_results when fewer exist; no count() needed
            result = collection.query(
                query_embeddings=query.reshape(1, -1),
                n_results=min(n, len(among)) if among is not None else n,
                ids=list(among) if among is not None else None,
                include=["distances"],
            )
        except Exception as exc:
            raise StoreError(f"Chroma query failed: {exc}") from exc
        keys, distances = result["ids"][0], (result["distances"] or [[]])[0]
        return [VectorHit(key, 1.0 - float(d)) for key, d in zip(keys, distances, strict=True)]

    @staticmethod
    def _exact_among(
        collection: Any, query: Vectors, n: int, among: Sequence[str]
    ) -> list[VectorHit]:
        """Exact cosine over a small key set."""
        try:
            found = collection.get(ids=list(among), include=["embeddings"])
        except Exception as exc:
            raise StoreError(f"Chroma get failed: {exc}") from exc
        if not found["ids"]:
            return []
        matrix = np.asarray(found["embeddings"], dtype=np.float32)
        norms = np.linalg.norm(matrix, axis=1) * max(float(np.linalg.norm(query)), 1e-12)
        scores = matrix @ query / np.maximum(norms, 1e-12)
        best = np.argsort(-scores)[:n]
        return [VectorHit(found["ids"][i], float(scores[i])) for i in best]

    @_again_if_dropped
    def delete(self, scope: str, keys: Sequence[str] | None = None) -> None:
        self._counts.pop(scope, None)
        try:
            if keys is None:
                with self._lock:
                    self._collections.pop(scope, None)
                    # Never written, or already gone: the scope is empty either way.
                    with contextlib.suppress(NotFoundError):
                        self._client.delete_collection(self._name(scope))
                return
            collection = self._existing(scope)
            if collection is not None and keys:
                collection.delete(ids=list(keys))
        except Exception as exc:
            raise StoreError(f"Chroma delete failed: {exc}") from exc

    @_again_if_dropped
    def keys(self, scope: str, among: Sequence[str] | None = None) -> set[str]:
        collection = self._existing(scope)
        if collection is None or (among is not None and not among):
            return set()
        found: set[str] = set()
        try:
            if among is not None:
                for start in range(0, len(among), _UPSERT_CHUNK):
                    chunk = list(among[start : start + _UPSERT_CHUNK])
                    found.update(collection.get(ids=chunk, include=[])["ids"])
                return found
            offset = 0
            while page := collection.get(include=[], limit=_UPSERT_CHUNK, offset=offset)["ids"]:
                found.update(page)
                offset += len(page)
        except Exception as exc:
            raise StoreError(f"Chroma get failed: {exc}") from exc
        return found

    @_again_if_dropped
    def count(self, scope: str) -> int:
        cached = self._counts.get(scope)
        if cached is None:
            collection = self._existing(scope)
            try:
                cached = 0 if collection is None else int(collection.count())
            except Exception as exc:
                raise StoreError(f"Chroma count failed: {exc}") from exc
            if not self._shared:
                self._counts[scope] = cached
        return cached


def _client_settings() -> chromadb.Settings:
    return chromadb.Settings(anonymized_telemetry=False)
