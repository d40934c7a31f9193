"""CCHC area of sections and metrics: a linear model over character n-grams, stored as JSON.

The model (models/area_model.json, built by scripts/train_area_model.py) is TF-IDF over
``char_wb`` 2-4-grams of the folded text + logistic regression. Its coefficients are kept as
plain JSON and applied here with numpy alone, so inference needs neither scikit-learn nor a
pickle that breaks across library versions. The keyword rule (lexicon/areas.tsv) is the baseline
and the fallback when the model file is absent.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Optional

import regex as re

from .. import lexicon
from ..normalize import fold

MODEL_PATH = Path(__file__).resolve().parents[3] / "models" / "area_model.json"
_PKG_MODEL = Path(__file__).resolve().parents[1] / "models" / "area_model.json"
MIN_PROB = 0.35  # below this the model abstains ("other")


_NUMBER = re.compile(r"\d+(?:[.,/]\d+)*")
_SPACE_RUN = re.compile(r"\s+")


def preprocess(text: str) -> str:
    """What the model sees: folded, digits collapsed (numbers carry no area), single spaces."""
    t = fold(text)
    t = _NUMBER.sub("0", t)
    return _SPACE_RUN.sub(" ", t).strip()


def char_wb_ngrams(text: str, lo: int = 2, hi: int = 4) -> list:
    """Same n-grams as sklearn's analyzer='char_wb' (words padded with one space)."""
    out = []
    for w in text.split():
        w = " " + w + " "
        n_w = len(w)
        for n in range(lo, hi + 1):
            if n >= n_w:  # the whole padded word, and no longer n-grams
                out.append(w)
                break
            out += [w[i:i + n] for i in range(n_w - n + 1)]
    return out


@lru_cache(maxsize=1)
def _rules() -> list:
    rows = [(fold(r["keyword"]), r["area"]) for r in lexicon.rows("areas") if r.get("keyword")]
    rows.sort(key=lambda kv: -len(kv[0]))
    return rows


@lru_cache(maxsize=1)
def _rules_rx() -> "re.Pattern":
    """All keywords in one pattern, longest first: one scan instead of one regex per keyword."""
    alts = [re.escape(kw) for kw, _ in _rules()]
    return re.compile(r"(?<![\p{L}])(?:" + "|".join(f"({a})" for a in alts) + r")(?![\p{L}])")


def rule_area(text: str) -> str:
    """Keyword baseline: the area of the longest keyword the text contains, else 'other'."""
    rules = _rules()
    if not rules:
        return "other"
    best = None
    for m in _rules_rx().finditer(fold(text), overlapped=True):
        i = m.lastindex - 1  # group i+1 is rules[i]; the earliest rule that occurs wins
        if best is None or i < best:
            best = i
    return rules[best][1] if best is not None else "other"


@lru_cache(maxsize=1)
def load_model() -> Optional[dict]:
    for p in (MODEL_PATH, _PKG_MODEL):
        if p.is_file():
            with p.open(encoding="utf-8") as fh:
                m = json.load(fh)
            m["_index"] = {g: i for i, g in enumerate(m["vocabulary"])}
            return m
    return None


def _feature_counts(words: list, m: dict) -> Counter:
    """Vocabulary ids of the words' n-grams with their counts, in first-occurrence order (what
    char_wb_ngrams + a vocabulary lookup give); each distinct word is analysed once."""
    cache = m.setdefault("_word_ids", {})
    if len(cache) > 50_000:  # bound the memory over a long run
        cache.clear()
    idx, rng = m["_index"], m["ngram_range"]
    ids: list = []
    for w in words:
        got = cache.get(w)
        if got is None:
            got = cache[w] = [j for g in char_wb_ngrams(w, *rng) if (j := idx.get(g)) is not None]
        ids += got
    return Counter(ids)


def predict_proba(text: str, model: Optional[dict] = None) -> dict:
    """Class probabilities for one text (empty dict when no model is available)."""
    m = model or load_model()
    if m is None:
        return {}
    import numpy as np

    counts = _feature_counts(preprocess(text).split(), m)
    if m.get("_coef_t") is None:  # feature-major weights, one row per feature
        m["_coef_t"] = np.array(m["coef"], dtype=float).T
        m["_idf"] = np.array(m["idf"], dtype=float)
    ids = np.fromiter(counts, dtype=np.intp, count=len(counts))
    if m["sublinear_tf"]:  # 1 + log(count) with math.log (np.log may round differently)
        tf_of = {c: 1 + math.log(c) for c in set(counts.values())}
        tf = np.fromiter(map(tf_of.__getitem__, counts.values()), dtype=float, count=len(ids))
    else:
        tf = np.fromiter(counts.values(), dtype=float, count=len(ids))
    v = tf * m["_idf"][ids]
    # every sum is a cumsum: sequential like the plain-Python reference (np.sum is pairwise),
    # so the probabilities are bit-identical to it
    norm = math.sqrt(np.cumsum(v * v)[-1]) if len(v) else 0.0
    terms = m["_coef_t"][ids] * (v / (norm or 1.0))[:, None]
    scores = np.cumsum(np.vstack([m["intercept"], terms]), axis=0)[-1].tolist()
    mx = max(scores)
    ex = [math.exp(s - mx) for s in scores]
    z = sum(ex)
    return {c: e / z for c, e in zip(m["classes"], ex)}


@lru_cache(maxsize=2048)
def classify(text: str) -> str:
    """Model area of a text; the keyword rule when no model file is there."""
    p = predict_proba(text)
    if not p:
        return rule_area(text)
    best = max(p, key=lambda c: (p[c], c))
    return best if p[best] >= MIN_PROB else "other"


def assign_areas(ctx, metrics: list) -> None:
    """Set Section.area (heading keywords, else model on heading + opening text, else parent's)
    and Metric.area (its section's area, else the model on its sentence)."""
    secs = sorted(ctx.sections, key=lambda s: s.span[0])
    by_id = {s.id: s for s in secs}
    for s in secs:
        area = rule_area(s.title or "")
        if area == "other":
            body = ctx.text[s.span[0]:min(s.span[1], s.span[0] + 400)]
            area = classify(body) if body.strip() else "other"
        if area == "other" and s.parent in by_id and by_id[s.parent].area:
            area = by_id[s.parent].area
        s.area = area
    for m in metrics:
        sec = by_id.get(m.section)
        if sec is not None and sec.area and sec.area != "other":
            m.area = sec.area
            continue
        a, b = _sentence(ctx.text, m.span[0])
        m.area = classify(ctx.text[a:b])


def _sentence(text: str, pos: int) -> tuple:
    a = max(text.rfind("\n", 0, pos), text.rfind(". ", 0, pos))
    b_candidates = [x for x in (text.find("\n", pos), text.find(". ", pos)) if x != -1]
    b = min(b_candidates) if b_candidates else len(text)
    return a + 1, b
