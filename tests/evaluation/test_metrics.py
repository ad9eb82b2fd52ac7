"""Every metric against values worked out by hand."""

from __future__ import annotations

import math

import pytest

from hexamem.evaluation.metrics import (
    bleu1,
    deduplicated,
    ndcg,
    packed,
    percentile,
    recall_all,
    recall_any,
    token_f1,
)


def test_recall_any_and_all_look_only_at_the_first_k() -> None:
    ranked = ["a", "b", "c", "d"]
    assert recall_any(ranked, ["c"], 2) == 0.0 and recall_any(ranked, ["c"], 3) == 1.0
    assert recall_all(ranked, ["a", "d"], 3) == 0.0 and recall_all(ranked, ["a", "d"], 4) == 1.0


def test_ndcg_by_hand() -> None:
    # relevant at ranks 2 and 3 of 3: gain 1/log2(3) + 1/log2(4); ideal 1 + 1/log2(3)
    expected = (1 / math.log2(3) + 0.5) / (1 + 1 / math.log2(3))
    assert ndcg(["x", "a", "b"], ["a", "b"], 3) == pytest.approx(expected)
    assert ndcg(["a"], ["a", "b"], 1) == 1.0  # the ideal at k=1 is one hit
    assert ndcg(["x"], ["a"], 1) == 0.0 and ndcg(["x"], [], 1) == 0.0


def test_packing_skips_what_does_not_fit_and_keeps_smaller_ones_after_it() -> None:
    memories = [("aaaa", ["t1"]), ("a" * 10, ["t2"]), ("aa", ["t3", "t1"])]
    sources, used = packed(memories, 7, len)
    assert sources == ["t1", "t3"] and used == 6


def test_token_f1_and_bleu1_by_hand() -> None:
    # normalised: prediction [7, may, 2023, in, paris], answer [7, may, 2023]
    assert token_f1("The 7 May 2023, in Paris.", "7 May 2023") == pytest.approx(2 * 0.6 / 1.6)
    assert token_f1("nothing", "7 May") == 0.0 and token_f1("", "") == 1.0
    assert bleu1("7 May 2023 in Paris", "7 May 2023") == pytest.approx(3 / 5)
    # shorter than the answer: brevity penalty exp(1 - 3/1)
    assert bleu1("May", "7 May 2023") == pytest.approx(math.exp(-2))


def test_deduplicated_and_percentile() -> None:
    assert deduplicated(["b", "a", "b", "c", "a"]) == ["b", "a", "c"]
    assert percentile([1.0, 2.0, 3.0, 4.0], 50) == 2.5 and percentile([], 95) == 0.0
    assert percentile([10.0, 20.0], 95) == pytest.approx(19.5)
