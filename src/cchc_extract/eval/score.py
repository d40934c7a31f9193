"""Match predicted items to gold items and count hits, misses and false hits.

Every scorer returns ``(scores, misses)``: ``scores`` maps a row name (``references``,
``header.date`` …) to a :class:`Score`; ``misses`` lists :class:`Miss` entries a developer can
act on. List fields are matched as multisets on a key, paired in text order within a key, and
the paired items' secondary attributes are then scored as accuracy.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any, Callable, Optional

from . import normal as N

HEADER_KEYS = ("issuer", "parent", "number", "symbol", "code", "doc_type", "title", "place",
               "date", "urgency", "secrecy", "addressees", "recipients")
HEADER_LISTS = ("addressees", "recipients")
_HEADER_KEYFN: dict = {
    "issuer": N.issuer_key, "parent": N.issuer_key, "number": N.norm, "symbol": N.code_key,
    "code": N.code_key, "doc_type": N.doc_type_key, "title": N.title_key, "place": N.text_key,
    "date": N.norm, "year": N.norm, "urgency": N.text_key, "secrecy": N.text_key,
}


@dataclass(slots=True)
class Score:
    """Counts for one row. ``primary`` says which number the row is judged by (floors, tables):
    ``f1`` for list matching, ``acc`` for per-document or per-pair attributes."""
    primary: str = "f1"
    tp: int = 0
    fp: int = 0
    fn: int = 0
    correct: int = 0
    total: int = 0
    docs: int = 0

    def add(self, o: "Score") -> "Score":
        self.tp += o.tp
        self.fp += o.fp
        self.fn += o.fn
        self.correct += o.correct
        self.total += o.total
        self.docs += o.docs
        return self

    @property
    def precision(self) -> Optional[float]:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> Optional[float]:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> Optional[float]:
        d = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / d if d else None

    @property
    def accuracy(self) -> Optional[float]:
        return self.correct / self.total if self.total else None

    @property
    def value(self) -> Optional[float]:
        return self.f1 if self.primary == "f1" else self.accuracy

    def to_dict(self) -> dict:
        r = lambda x: None if x is None else round(x, 4)  # noqa: E731
        return {"primary": self.primary, "value": r(self.value), "docs": self.docs,
                "tp": self.tp, "fp": self.fp, "fn": self.fn, "gold": self.tp + self.fn,
                "pred": self.tp + self.fp, "precision": r(self.precision),
                "recall": r(self.recall), "f1": r(self.f1), "correct": self.correct,
                "total": self.total, "accuracy": r(self.accuracy)}


@dataclass(slots=True)
class Miss:
    row: str  # score row, e.g. "references" or "header.date"
    kind: str  # MISS (gold not found), FALSE (predicted, not in gold), WRONG (paired, differs)
    gold: Any = None
    pred: Any = None

    def __str__(self) -> str:
        if self.kind == "MISS":
            return f"{self.row:22} MISS   {_show(self.gold)}"
        if self.kind == "FALSE":
            return f"{self.row:22} FALSE  {_show(self.pred)}"
        return f"{self.row:22} WRONG  gold {_show(self.gold)}  pred {_show(self.pred)}"

    def to_dict(self) -> dict:
        return {"row": self.row, "kind": self.kind, "gold": self.gold, "pred": self.pred}


def _show(v) -> str:
    s = repr(v) if not isinstance(v, str) else v
    return s if len(s) <= 90 else s[:87] + "…"


@dataclass(slots=True)
class Result:
    scores: dict = field(default_factory=dict)  # row -> Score
    misses: list = field(default_factory=list)

    def row(self, name: str, primary: str = "f1") -> Score:
        if name not in self.scores:
            self.scores[name] = Score(primary=primary, docs=1)
        return self.scores[name]


def _get(obj, name, default=None):
    if obj is None:
        return default
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


# ---------------------------------------------------------------- generic list matching

def match_multiset(gold: list, pred: list, key: Callable) -> tuple:
    """Pairs ``(gi, pi)`` of equal keys (in order within a key), unmatched gold, unmatched pred."""
    by_key = defaultdict(list)
    for i, p in enumerate(pred):
        k = key(p)
        if k is not None:
            by_key[k].append(i)
    pairs, miss = [], []
    for gi, g in enumerate(gold):
        k = key(g)
        if k is not None and by_key.get(k):
            pairs.append((gi, by_key[k].pop(0)))
        else:
            miss.append(gi)
    used = {pi for _, pi in pairs}
    false = [i for i in range(len(pred)) if i not in used]
    return pairs, miss, false


def _count(res: Result, row: str, gold: list, pred: list, pairs, miss, false, show: Callable):
    s = res.row(row)
    s.tp += len(pairs)
    s.fn += len(miss)
    s.fp += len(false)
    res.misses += [Miss(row, "MISS", gold=show(gold[i])) for i in miss]
    res.misses += [Miss(row, "FALSE", pred=show(pred[i])) for i in false]


def _count_only(res: Result, row: str, gold: list, pred: list, key: Callable) -> list:
    """A diagnostic row (which part of a full match fails): counts only, no misses listed."""
    pairs, miss, false = match_multiset(gold, pred, key)
    s = res.row(row)
    s.tp, s.fn, s.fp = len(pairs), len(miss), len(false)
    return pairs


def _pair_accuracy(res: Result, row: str, g: dict, p, attr: str, keyfn: Callable,
                   pred_attr: Optional[str] = None, label: str = ""):
    """Accuracy of one attribute on a matched pair; only when the gold item states it."""
    if attr not in g:
        return
    s = res.row(row, "acc")
    gv, pv = g.get(attr), _get(p, pred_attr or attr)
    s.total += 1
    if keyfn(gv) == keyfn(pv):
        s.correct += 1
    else:
        res.misses.append(Miss(row, "WRONG", gold=f"{label}: {gv}" if label else gv,
                               pred=f"{label}: {pv}" if label else pv))


# ---------------------------------------------------------------- header

def _pred_header_value(h, key: str):
    if h is None:
        return [] if key in HEADER_LISTS else None
    if key == "issuer":
        return _get(_get(h, "issuer"), "name")
    if key == "parent":
        return _get(_get(h, "issuer"), "parent")
    return _get(h, key, [] if key in HEADER_LISTS else None)


def score_header(gold: Optional[dict], pred) -> Result:
    """Each key the gold states, on its own: gold null vs a predicted value is a false hit."""
    res = Result()
    if gold is None:  # gold: no header block at all
        gold = {k: ([] if k in HEADER_LISTS else None) for k in HEADER_KEYS}
    gold = dict(gold)
    iss = gold.get("issuer")
    if isinstance(iss, dict):  # tolerate {"name": …, "parent": …}
        gold["issuer"] = iss.get("name")
        gold.setdefault("parent", iss.get("parent"))
    for key in [k for k in (*HEADER_KEYS, "year") if k in gold]:
        row = f"header.{key}"
        gv, pv = gold[key], _pred_header_value(pred, key)
        if key in HEADER_LISTS:
            _score_list_key(res, row, gv or [], pv or [])
            continue
        keyfn = _HEADER_KEYFN[key]
        gk, pk = keyfn(gv), keyfn(pv)
        s = res.row(row, "acc")
        s.total += 1
        if gk == pk:
            s.correct += 1
            if gk is not None:
                s.tp += 1
        elif gk is None:
            s.fp += 1
            res.misses.append(Miss(row, "FALSE", pred=pv))
        elif pk is None:
            s.fn += 1
            res.misses.append(Miss(row, "MISS", gold=gv))
        else:
            s.fp += 1
            s.fn += 1
            res.misses.append(Miss(row, "WRONG", gold=gv, pred=pv))
    return res


def _score_list_key(res: Result, row: str, gold: list, pred: list):
    gold = [g for g in gold if N.text_key(g)]
    pred = [p for p in pred if N.text_key(p)]
    pairs, miss, false = match_multiset(gold, pred, N.text_key)
    _count(res, row, gold, pred, pairs, miss, false, str)
    s = res.scores[row]
    s.primary = "acc"
    s.total += 1
    s.correct += int(not miss and not false)


# ---------------------------------------------------------------- references

def _ref_name(r, text: str) -> Optional[str]:
    """The cited name of a law_name reference (prediction or gold)."""
    for a in ("name", "title", "raw"):
        v = _get(r, a)
        if v:
            return v
    sp = _get(r, "span")
    if sp and text:
        return text[sp[0]:sp[1]]
    return None


def _ref_key(r, text: str = ""):
    c = N.code_key(_get(r, "code"))
    if c:
        return ("code", c)
    if _get(r, "kind") == "law_name" or isinstance(r, dict):
        n = N.issuer_key(_ref_name(r, text))  # "Luật tổ chức HĐND" ≈ "… Hội đồng nhân dân"
        return ("name", n) if n else None
    return None


def score_references(gold: list, pred: list, text: str = "") -> Result:
    """Codes as a multiset; law names by name (exact key, then one containing the other);
    then date, doc_type, issuer and kind accuracy on the matched pairs."""
    res = Result()
    pred = [p for p in pred if _ref_key(p, text) is not None]
    gold = [g for g in gold if _ref_key(g) is not None]
    key = lambda x: _ref_key(x, text)  # noqa: E731
    pairs, miss, false = match_multiset(gold, pred, key)
    # second chance for names: "Luật Tổ chức chính quyền địa phương" in "… năm 2015"
    for gi in list(miss):
        gk = key(gold[gi])
        if gk[0] != "name":
            continue
        for pi in false:
            pk = key(pred[pi])
            if pk[0] == "name" and (gk[1] in pk[1] or pk[1] in gk[1]):
                pairs.append((gi, pi))
                miss.remove(gi)
                false.remove(pi)
                break
    show = lambda r: _get(r, "code") or _ref_name(r, text)  # noqa: E731
    _count(res, "references", gold, pred, pairs, miss, false, show)
    for gi, pi in sorted(pairs):
        g, p = gold[gi], pred[pi]
        lab = show(g)
        _pair_accuracy(res, "references.date", g, p, "date", N.norm, label=lab)
        _pair_accuracy(res, "references.doc_type", g, p, "doc_type", N.doc_type_key, label=lab)
        _pair_accuracy(res, "references.issuer", g, p, "issuer", N.issuer_key, label=lab)
        _pair_accuracy(res, "references.kind", g, p, "kind", N.text_key, label=lab)
    return res


# ---------------------------------------------------------------- sections

TITLE_PREFIX = 30


def _title_match(g: Optional[str], p: Optional[str], n: int = TITLE_PREFIX) -> bool:
    g, p = N.text_key(g) or "", N.text_key(p) or ""
    if not g:
        return True  # gold gives no title: label + level decide
    if not p:
        return False
    g, p = g[:n], p[:n]
    return g == p or p.startswith(g) or g.startswith(p) and len(p) >= min(len(g), 12)


def score_sections(gold: list, pred: list) -> Result:
    """(label, level, title prefix) over the top levels the gold covers (at least 3)."""
    res = Result()
    max_level = max([3] + [int(g.get("level") or 0) for g in gold])
    pred = [p for p in pred if (_get(p, "level") or 0) <= max_level]
    ll = lambda x: (N.label_key(_get(x, "label")), int(_get(x, "level") or 0))  # noqa: E731
    show = lambda x: f"L{_get(x, 'level')} {_get(x, 'label')}. {(_get(x, 'title') or '')[:60]}"  # noqa: E731
    # label+level as a multiset, then the title decides among candidates (in order)
    cand = defaultdict(list)
    for i, p in enumerate(pred):
        cand[ll(p)].append(i)
    pairs, miss, used = [], [], set()
    for gi, g in enumerate(gold):
        hit = next((i for i in cand[ll(g)] if i not in used
                    and _title_match(g.get("title"), _get(pred[i], "title"))), None)
        if hit is None:
            miss.append(gi)
        else:
            used.add(hit)
            pairs.append((gi, hit))
    false = [i for i in range(len(pred)) if i not in used]
    _count(res, "sections", gold, pred, pairs, miss, false, show)
    _count_only(res, "sections.label_level", gold, pred, ll)  # is it the title or the label?
    return res


# ---------------------------------------------------------------- signatories

_SIG_FIELDS = ("authority", "on_behalf_of", "deputy_for", "title")
_SIG_KEYFN = {"authority": N.authority_key, "on_behalf_of": N.text_key,
              "deputy_for": N.text_key, "title": N.text_key, "name": N.text_key}


def score_signatories(gold: list, pred: list) -> Result:
    """Full match on all four role fields + name; then name-only matching, and the role
    fields' accuracy on name-matched pairs, to show which part is wrong."""
    res = Result()
    full = lambda x: tuple(_SIG_KEYFN[a](_get(x, a)) for a in (*_SIG_FIELDS, "name"))  # noqa: E731
    show = lambda x: " / ".join(str(_get(x, a)) for a in (*_SIG_FIELDS, "name"))  # noqa: E731
    pairs, miss, false = match_multiset(gold, pred, full)
    _count(res, "signatories", gold, pred, pairs, miss, false, show)
    name = lambda x: N.text_key(_get(x, "name"))  # noqa: E731
    gn = [g for g in gold if name(g)]
    pn = [p for p in pred if name(p)]
    for gi, pi in _count_only(res, "signatories.name", gn, pn, name):
        for a in _SIG_FIELDS:
            _pair_accuracy(res, "signatories.roles", gn[gi], pn[pi], a, _SIG_KEYFN[a],
                           label=f"{_get(gn[gi], 'name')}.{a}")
    return res


# ---------------------------------------------------------------- metrics

def _metric_key(x):
    v = N.value_key(_get(x, "value"))
    if v is None:
        return None
    return (v, N.unit_key(_get(x, "unit"), bool(_get(x, "percent"))))


def score_metrics(gold: list, pred: list) -> Result:
    """(value, unit) as a multiset; then kind and qualifier accuracy on matched pairs."""
    res = Result()
    gold = [g for g in gold if _metric_key(g) is not None]
    pred = [p for p in pred if _metric_key(p) is not None]
    show = lambda x: f"{_get(x, 'value')} {'%' if _get(x, 'percent') else (_get(x, 'unit') or '')}".strip()  # noqa: E731
    pairs, miss, false = match_multiset(gold, pred, _metric_key)
    _count(res, "metrics", gold, pred, pairs, miss, false, show)
    for gi, pi in sorted(pairs):
        g, p = gold[gi], pred[pi]
        _pair_accuracy(res, "metrics.kind", g, p, "kind", N.text_key, label=show(g))
        _pair_accuracy(res, "metrics.qualifier", g, p, "qualifier", N.text_key, label=show(g))
        # ranges "từ X đến Y": value is X; value_max Y (null in gold = not a range)
        _pair_accuracy(res, "metrics.value_max", g, p, "value_max", N.value_key, label=show(g))
    _count_only(res, "metrics.value", gold, pred, lambda x: _metric_key(x)[0])
    return res


def score_field(fname: str, gold, doc) -> Result:
    """Score one gold file (a :class:`~.gold.GoldDoc`) against a parsed Document."""
    if fname == "header":
        return score_header(gold.header, doc.header)
    if fname == "references":
        return score_references(gold.items, doc.references, doc.text)
    if fname == "sections":
        return score_sections(gold.items, doc.sections)
    if fname == "signatories":
        return score_signatories(gold.items, doc.signatories)
    if fname == "metrics":
        return score_metrics(gold.items, _in_scope(doc.metrics, getattr(gold, "scope", None)))
    raise ValueError(f"unknown gold field {fname!r}")


def doc_format(doc) -> str:
    """Bucket for per-format scores: ``ocr`` when the text came from OCR, else the format."""
    return "ocr" if doc.source.ocr else (doc.source.format or "unknown")


def _in_scope(items, scope):
    """Predicted items whose span starts inside the gold's annotated ``scope`` (all if None)."""
    if not scope:
        return items
    a, b = scope
    return [x for x in items if _get(x, "span") and a <= _get(x, "span")[0] < b]
