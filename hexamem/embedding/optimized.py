"""The MiniLM graph optimised once and kept, so each process loads it ready.

Optimising the int8 graph turns its weights into float32; a process that does it
at every start holds the optimiser's copies too (measured: a session of 164 MB,
200 MB once used). Loading the graph already optimised, with optimisation off,
gives the same speed in 115 MB (162 MB once used). The optimised file (~90 MB)
is written once per model and onnxruntime version into the user's cache
(`$XDG_CACHE_HOME/hexamem`, else `~/.cache/hexamem`), at the "extended" level
so it holds no optimisation specific to this CPU. Anything wrong with the cache
(no room, not writable, a damaged file) falls back to optimising in process.
"""

from __future__ import annotations

import logging
import os
import tempfile
from pathlib import Path
from typing import Any

log = logging.getLogger("hexamem")


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "hexamem"


def session(model: Path, sha256: str, options: Any, providers: list[str]) -> Any:
    """An onnxruntime session for `model` (whose sha256 is checked already), from the
    cached optimised graph when there is one or one can be written."""
    import onnxruntime

    kept = cache_dir() / f"minilm-{sha256[:16]}-ort{onnxruntime.__version__}.onnx"
    if not kept.is_file():
        _write_optimised(model, kept, options, providers)
    if kept.is_file():
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
        try:
            return onnxruntime.InferenceSession(str(kept), options, providers=providers)
        except Exception as exc:  # a damaged cache file: drop it, optimise here instead
            log.warning("ignoring the optimised model cache %s: %s", kept, exc)
            kept.unlink(missing_ok=True)
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    return onnxruntime.InferenceSession(str(model), options, providers=providers)


def _write_optimised(model: Path, kept: Path, options: Any, providers: list[str]) -> None:
    """Optimise `model` in a throwaway session that saves the result to `kept`
    (through a temporary name, so a crash never leaves half a file there)."""
    import onnxruntime

    saving = onnxruntime.SessionOptions()
    saving.log_severity_level = options.log_severity_level
    saving.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        handle, partial = tempfile.mkstemp(dir=kept.parent, suffix=".partial")
        os.close(handle)
        saving.optimized_model_filepath = partial
        onnxruntime.InferenceSession(str(model), saving, providers=providers)
        os.replace(partial, kept)
    except Exception as exc:  # no cache to be had: this process optimises for itself
        log.info("no optimised model cache in %s: %s", kept.parent, exc)
        if "partial" in locals():
            Path(partial).unlink(missing_ok=True)
