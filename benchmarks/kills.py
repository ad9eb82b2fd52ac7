"""The kill harness at full size: hundreds of SIGKILLs of the writer and the graph server.

    python benchmarks/kills.py [--rounds 200] [--home DIR]

Prints the kills, the writes acknowledged, and what was missing, duplicated or
disagreeing afterwards (all zero when the write path holds). See
`tests/oplog/kill_harness.py` for what a round does.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.oplog.kill_harness import main  # noqa: E402

if __name__ == "__main__":
    main()
