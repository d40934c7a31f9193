"""Quick looks at a corpus with matplotlib (``pip install 'cchc-extract[plot]'``), imported lazily."""
from __future__ import annotations

from typing import Optional


def _plt():
    try:
        import matplotlib.pyplot as plt  # picks a non-GUI backend by itself when headless
    except ImportError as e:
        raise ImportError("plots need matplotlib: pip install 'cchc-extract[plot]'") from e
    return plt


def _axes(ax):
    if ax is not None:
        return ax
    _, ax = _plt().subplots(figsize=(8, 4))
    return ax


def references_by_issuer(corpus, top: int = 15, ax=None):
    """Horizontal bars: how often each issuer is cited (the "của …" phrase, else the issuer code
    resolved from the symbol, else the symbol's last group)."""
    refs = corpus.references
    who = refs["issuer_name"].fillna(refs["issuer"])
    who = who.fillna(refs["symbol"].str.split("-").str[-1]).fillna("(unknown)")
    counts = who.value_counts().head(top).sort_values()
    ax = _axes(ax)
    ax.barh(counts.index.astype(str), counts.values, color="#4a7fd4")
    ax.set_xlabel("references")
    ax.set_title(f"References by issuer (top {min(top, len(counts))})")
    ax.figure.tight_layout()
    return ax


def metrics_over_periods(corpus, subject: Optional[str] = None, ax=None):
    """Count of reported (actual) and targeted metrics per period; with ``subject``, only metrics
    whose subject contains it (case-insensitive)."""
    m = corpus.metrics
    if subject:
        m = m[m["subject"].fillna("").str.lower().str.contains(subject.lower(), regex=False)]
    m = m.assign(period=m["period"].fillna("(no period)"))
    tab = m.groupby(["period", "kind"]).size().unstack(fill_value=0).sort_index()
    ax = _axes(ax)
    if tab.empty:
        ax.text(0.5, 0.5, "no metrics", ha="center", va="center", transform=ax.transAxes)
    else:
        tab.plot.bar(ax=ax, stacked=True)
        ax.set_ylabel("metrics")
    ax.set_title("Metrics by period" + (f" — {subject}" if subject else ""))
    ax.figure.tight_layout()
    return ax


def documents_per_month(corpus, ax=None):
    """Documents per month of their header date (documents without a month are left out)."""
    d = corpus.documents
    d = d[d["duplicate_of"].isna()]
    months = d["date"].dropna()
    months = months[months.str.len() >= 7].str[:7].value_counts().sort_index()
    ax = _axes(ax)
    ax.bar(months.index.astype(str), months.values, color="#3b9e5a")
    ax.set_ylabel("documents")
    ax.set_title("Documents per month")
    ax.tick_params(axis="x", labelrotation=60)
    ax.figure.tight_layout()
    return ax
