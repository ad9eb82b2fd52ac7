"""`python -m hexamem.embedding.check`: prove the offline model is installed and works."""

from __future__ import annotations

import sys

from hexamem.embedding.minilm import MiniLMEmbedder
from hexamem.errors import HexamemError


def main() -> int:
    try:
        embedder = MiniLMEmbedder()
        near = embedder.embed(["I live in Paris", "My home is in Paris"])
        far = embedder.embed_one("Quarterly revenue fell sharply")
    except HexamemError as exc:
        print(f"embedding model: NOT READY: {exc}", file=sys.stderr)
        return 1
    similar, unrelated = float(near[0] @ near[1]), float(near[0] @ far)
    scores = f"paraphrase {similar:.2f}, unrelated {unrelated:.2f}"
    print(f"embedding model: ok ({embedder.model_id}, {scores})")
    return 0 if similar > unrelated else 1


if __name__ == "__main__":
    sys.exit(main())
