"""What the offline engine's language libraries buy and cost, beside what they replaced.

    python benchmarks/language.py

- Sentences: spaCy's rule sentencizer (with hexamem's joins) against the regex
  splitter the engine used before, on the user turns of the shared scenarios:
  how many boundaries each finds, and how many a lower-case opening hid from the
  regex ("tired. rosie is 3 weeks old").
- Words: lemminflect's lemma tables against five-letter prefix stemming, on pairs
  of word forms a question and a memory use for the same thing ("lent"/"lend").
- Cost: loading each library once, and reading time per sentence.
"""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

SHARED = Path(__file__).resolve().parents[2] / "shared" / "scenarios"
OLD_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"'])|\n+")
#: (form in a question, form in a memory): the same word, inflected differently.
PAIRS = [
    ("lent", "lending"), ("went", "go"), ("drove", "drive"), ("studies", "studying"),
    ("married", "marry"), ("children", "child"), ("bought", "buy"), ("ran", "running"),
    ("met", "meet"), ("flew", "flying"), ("sold", "selling"), ("taught", "teaching"),
    ("wrote", "written"), ("kept", "keeping"), ("lives", "lived"), ("mice", "mouse"),
    ("feet", "foot"), ("weighed", "weigh"), ("came", "coming"), ("began", "beginning"),
    ("stayed", "stay"), ("proposed", "proposal"), ("ate", "eating"), ("left", "leaving"),
]
#: Pairs that are different words and must stay apart.
APART = [("live", "liver"), ("part", "partner"), ("car", "card"), ("plan", "planet"),
         ("cat", "category"), ("pin", "pine"), ("art", "artery"), ("ring", "ringo")]


def user_turns() -> list[str]:
    turns = []
    for path in sorted(SHARED.glob("*.yaml")):
        scenario = yaml.safe_load(path.read_text(encoding="utf-8"))
        for session in scenario["sessions"]:
            turns += [t["user"] for t in session["turns"] if "user" in t]
    return turns


def timed(action):  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    value = action()
    return value, time.perf_counter() - started


def prefix_stem(word: str) -> str:
    word = word.lower()
    return (re.sub(r"(?:ing|ed|s)$", "", word) if len(word) > 4 else word)[:5]


def main() -> int:
    from hexamem.llm.offline.language import lemmas, sentences

    turns = user_turns()
    _, spacy_load = timed(lambda: sentences("Warm up. Now."))
    _, lemma_load = timed(lambda: lemmas("warming"))
    split, seconds = timed(lambda: [sentences(t) for t in turns])
    ours = sum(len(s) for s in split)
    old = sum(len([p for p in OLD_SPLIT.split(t) if p.strip()]) for t in turns)
    hidden = sum(len(re.findall(r"[.!?]\s+[a-z]", t)) for t in turns)
    per_sentence = seconds / ours * 1000
    print(f"sentences in {len(turns)} user turns of the shared scenarios:")
    print(f"  regex splitter {old}, spaCy sentencizer with joins {ours}; "
          f"boundaries before a lower-case word (missed by the regex): {hidden}")
    print(f"  reading {per_sentence:.2f} ms per sentence")
    lemma_hits = sum(bool(lemmas(a) & lemmas(b)) for a, b in PAIRS)
    stem_hits = sum(prefix_stem(a) == prefix_stem(b) for a, b in PAIRS)
    lemma_false = sum(bool(lemmas(a) & lemmas(b)) for a, b in APART)
    stem_false = sum(prefix_stem(a) == prefix_stem(b) for a, b in APART)
    print(f"word forms matched ({len(PAIRS)} pairs of one word): lemmas {lemma_hits}, "
          f"five-letter stems {stem_hits}")
    print(f"different words wrongly matched ({len(APART)} pairs): lemmas {lemma_false}, "
          f"stems {stem_false}")
    print(f"cost: spaCy blank pipeline {spacy_load:.2f} s to load, lemma tables "
          f"{lemma_load:.2f} s (once per process, on first use)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
