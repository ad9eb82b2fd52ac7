"""The optimised MiniLM graph kept in the user's cache: written once, the same vectors
from it, and any trouble with it falls back to optimising in process."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from hexamem.embedding import optimized
from hexamem.embedding.minilm import MiniLMEmbedder

TEXTS = ["I moved to Porto last month.", "Where does Sam live?"]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "hexamem"


def test_the_graph_is_optimised_once_and_gives_the_same_vectors(cache: Path) -> None:
    first = MiniLMEmbedder().embed(TEXTS)
    [kept] = cache.glob("minilm-*.onnx")
    written = kept.stat().st_mtime_ns
    again = MiniLMEmbedder().embed(TEXTS)
    assert kept.stat().st_mtime_ns == written  # read, not written again
    assert list(cache.glob("*.partial")) == []
    np.testing.assert_allclose(first, again, atol=1e-6)


def test_a_damaged_cache_file_is_dropped_and_embedding_still_works(cache: Path) -> None:
    reference = MiniLMEmbedder().embed(TEXTS)
    [kept] = cache.glob("minilm-*.onnx")
    kept.write_bytes(b"not a model")
    np.testing.assert_allclose(MiniLMEmbedder().embed(TEXTS), reference, atol=1e-6)
    assert not kept.exists() or kept.read_bytes() != b"not a model"


def test_no_cache_to_be_had_still_embeds(
    cache: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = MiniLMEmbedder().embed(TEXTS)
    blocker = tmp_path / "a-file"
    blocker.write_text("a cache directory cannot be made under a file")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert optimized.cache_dir().parent == blocker
    np.testing.assert_allclose(MiniLMEmbedder().embed(TEXTS), reference, atol=1e-6)
