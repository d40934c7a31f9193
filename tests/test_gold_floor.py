"""Regression floor: the eval over gold/ must not drop below gold/floors.json.

One evaluation per session (each gold document parsed once, OCR included); one test per floor
row, skipped when that row has no gold yet. Raise floors after an improvement with
``python -m cchc_extract eval gold --docs ../shared/corpus/dev --update-floors gold/floors.json``.
"""
from pathlib import Path

import pytest

from cchc_extract.eval import evaluate
from cchc_extract.eval.floors import read_floors

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "gold"
FLOORS = read_floors(GOLD / "floors.json")


@pytest.fixture(scope="session")
def gold_eval(dev_dir):
    if not any(any((GOLD / f).glob("*.json")) for f in
               ("header", "references", "sections", "signatories", "metrics")):
        pytest.skip("gold/ has no annotations yet")
    return evaluate(GOLD, dev_dir, cache={})


@pytest.mark.parametrize("row", sorted(FLOORS) or [None])
def test_score_not_below_floor(gold_eval, row):
    if row is None:
        pytest.skip("gold/floors.json records no floors yet")
    s = gold_eval.overall.get(row)
    if s is None or s.value is None:
        pytest.skip(f"no gold for {row} (folder empty or documents missing)")
    misses = [f"{d.path}: {m}" for d in gold_eval.docs for m in d.misses
              if m.row == row][:10]
    assert s.value >= FLOORS[row], (
        f"{row}: {s.value:.3f} < floor {FLOORS[row]:.3f} "
        f"(tp {s.tp} fp {s.fp} fn {s.fn}, acc {s.correct}/{s.total}); first issues:\n"
        + "\n".join(misses))


def test_gold_files_resolve(gold_eval):
    """Every gold file names a document that exists and still has the annotated bytes."""
    bad = [w for w in gold_eval.warnings if "not found" in w or "skipped" in w
           or "sha256 differs" in w]
    assert not bad, "\n".join(bad)
