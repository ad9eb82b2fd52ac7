"""The README's pictures of `hexamem chat`, drawn from the app's snapshot tests.

    pytest tests/cli/test_chat_app_screens.py --snapshot-update   # when a screen changed
    python demo/screens.py                                        # SVG snapshots -> PNG

Needs `pip install cairosvg` (not a dependency of hexamem). The snapshots name a
web font; it is swapped for a monospace font this machine has, so columns line up.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOTS = ROOT / "tests" / "cli" / "__snapshots__" / "test_chat_app_screens"
OUT = ROOT / "docs" / "screens"
FONT = "DejaVu Sans Mono, monospace"


def main() -> int:
    try:
        import cairosvg
    except ImportError:
        print("error: needs cairosvg (pip install cairosvg)", file=sys.stderr)
        return 1
    svgs = sorted(SNAPSHOTS.glob("*.svg"))
    if not svgs:
        print(f"error: no snapshots in {SNAPSHOTS}; run the snapshot tests first", file=sys.stderr)
        return 1
    OUT.mkdir(parents=True, exist_ok=True)
    for svg in svgs:
        text = svg.read_text(encoding="utf-8").replace("Fira Code, monospace", FONT)
        png = OUT / f"{svg.stem.removeprefix('test_')}.png"
        cairosvg.svg2png(bytestring=text.encode("utf-8"), write_to=str(png), scale=1.0)
        print(png.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
