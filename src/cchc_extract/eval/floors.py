"""Score floors (gold/floors.json): the regression bar tests/test_gold_floor.py enforces.

Floors only go up: ``update_floors`` raises each row to ``score - slack`` when that is higher,
where slack is ``margin`` or one item's worth (1/n) on rows with few gold items, so a real
improvement becomes the new bar while a single flipped item on a small row does not fail.
"""
from __future__ import annotations

import json
from pathlib import Path

DEFAULT_MARGIN = 0.02
_DOC = ("Minimum score per eval row (the row's judged-by number: F1 for list fields, accuracy "
        "for header keys and pair attributes). tests/test_gold_floor.py fails when a score drops "
        "below its floor. Raise with: python -m cchc_extract eval gold --docs ../shared/corpus/dev "
        "--update-floors gold/floors.json (score minus max(0.02, 1/n); floors never go down; "
        "edit by hand to lower one, and say why in the commit).")


def read_floors(path) -> dict:
    p = Path(path)
    if not p.is_file():
        return {}
    return dict(json.loads(p.read_text(encoding="utf-8")).get("floors", {}))


def update_floors(path, result, margin: float = DEFAULT_MARGIN) -> dict:
    """Raise floors to the current scores minus ``margin``; returns the rows that changed."""
    p = Path(path)
    old = read_floors(p)
    new, changed = dict(old), {}
    for row, s in result.overall.items():
        v = s.value
        if v is None:
            continue
        n = s.total if s.primary == "acc" else s.tp + s.fn
        slack = max(margin, 1.0 / n) if n else margin  # one item's worth on small rows
        f = max(0.0, round(v - slack, 3))
        if f > old.get(row, -1.0):
            new[row] = f
            changed[row] = (old.get(row), f)
    p.write_text(json.dumps({"_doc": _DOC, "margin": margin,
                             "floors": dict(sorted(new.items()))},
                            ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return changed
