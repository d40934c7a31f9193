"""Rebuild models/area_model.json from data/area_sentences.tsv and print the scores for the card.

    python scripts/train_area_model.py            # train, 5-fold CV, write the model
    python scripts/train_area_model.py --no-write # scores only

Deterministic (fixed folds and solver); the JSON holds vocabulary, idf and coefficients so the
library applies the model without scikit-learn (see extract/areas.py).
"""
from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cchc_extract.extract.areas import predict_proba, preprocess, rule_area  # noqa: E402

DATA = ROOT / "data" / "area_sentences.tsv"
OUT = ROOT / "models" / "area_model.json"
NGRAMS = (2, 4)
MAX_FEATURES = 6000


def load() -> tuple:
    with DATA.open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    rows = list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [r["text"] for r in rows], [r["label"] for r in rows], [r["source"] for r in rows]


def pipeline():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    return make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=NGRAMS, sublinear_tf=True,
                        lowercase=False, max_features=MAX_FEATURES),
        LogisticRegression(C=10.0, max_iter=2000, class_weight="balanced"))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--no-write", action="store_true")
    args = ap.parse_args()
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    texts, labels, _ = load()
    X = [preprocess(t) for t in texts]
    cv = StratifiedKFold(n_splits=5, shuffle=True, random_state=0)
    pred = cross_val_predict(pipeline(), X, labels, cv=cv)
    base = [rule_area(t) for t in texts]
    print(f"n={len(X)} classes={sorted(set(labels))}")
    print(f"model 5-fold CV: accuracy={accuracy_score(labels, pred):.3f} "
          f"macro-F1={f1_score(labels, pred, average='macro'):.3f}")
    print(f"keyword rule:    accuracy={accuracy_score(labels, base):.3f} "
          f"macro-F1={f1_score(labels, base, average='macro'):.3f}")
    pipe = pipeline().fit(X, labels)
    vec, clf = pipe.named_steps["tfidfvectorizer"], pipe.named_steps["logisticregression"]
    vocab = sorted(vec.vocabulary_, key=vec.vocabulary_.get)
    model = {"format": "cchc-area-linear/1", "classes": list(clf.classes_),
             "ngram_range": list(NGRAMS), "sublinear_tf": True, "vocabulary": vocab,
             "idf": [round(float(x), 6) for x in vec.idf_],
             "coef": [[round(float(x), 6) for x in row] for row in clf.coef_],
             "intercept": [round(float(x), 6) for x in clf.intercept_],
             "trained_on": {"sentences": len(X), "data": "data/area_sentences.tsv"}}
    # the library's own inference (extract/areas.py, no scikit-learn) must agree with it
    m = dict(model, _index={g: i for i, g in enumerate(vocab)})
    agree = sum(max(predict_proba(t, m).items(), key=lambda kv: kv[1])[0] == p
                for t, p in zip(texts, pipe.predict(X)))
    print(f"library inference agrees with sklearn on {agree}/{len(X)}")
    if not args.no_write:
        OUT.parent.mkdir(exist_ok=True)
        OUT.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
