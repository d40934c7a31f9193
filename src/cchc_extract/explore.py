"""``cchc_extract.load(OUT)``: a corpus on disk as pandas DataFrames, DuckDB SQL and Documents.

    >>> corpus = cchc_extract.load("out")
    >>> corpus.documents[["path", "doc_type", "code", "date"]]
    >>> corpus.sql("SELECT code, count(*) n FROM references GROUP BY code ORDER BY n DESC")
    >>> corpus.cited_by("2398/QĐ-UBND")
"""
from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path
from typing import Iterator, Optional

from .links import canonical_code
from .tables_out import TABLES

REPORT_TYPES = ("Báo cáo",)
PLAN_TYPE = "Kế hoạch"


class Corpus:
    def __init__(self, out):
        self.out = Path(out)
        if not (self.out / "documents.jsonl").is_file():
            raise FileNotFoundError(
                f"{self.out} holds no corpus (documents.jsonl missing); build one with "
                f"`python -m cchc_extract extract INPUT -o {self.out}`")
        self.tables_dir = self.out / "tables"
        self._con = None

    def __repr__(self) -> str:
        c = self.manifest.get("counts", {})
        return (f"<Corpus {self.out}: {self.manifest.get('files', '?')} files, "
                f"{c.get('ok', 0)} ok, {c.get('partial', 0)} partial, {c.get('error', 0)} error>")

    @cached_property
    def manifest(self) -> dict:
        p = self.out / "manifest.json"
        return json.loads(p.read_text(encoding="utf-8")) if p.is_file() else {}

    # ------------------------------------------------------------ tables
    def _parquet(self, name: str) -> Optional[str]:
        """The Parquet file, or glob over a directory of parts, for table ``name``."""
        f = self.tables_dir / f"{name}.parquet"
        if f.is_file():
            return str(f)
        d = self.tables_dir / name
        if d.is_dir() and any(d.glob("*.parquet")):
            return str(d / "*.parquet")
        return None

    def table(self, name: str):
        """One table as a DataFrame (Parquet, else the CSV)."""
        import pandas as pd

        if name not in TABLES:
            raise KeyError(f"no table {name!r}; tables are {', '.join(TABLES)}")
        pq = self._parquet(name)
        if pq is not None:
            return self._connect().execute(f"SELECT * FROM {_q(name)}").df() if "*" in pq \
                else pd.read_parquet(pq)
        csv = self.tables_dir / f"{name}.csv"
        if csv.is_file():
            return pd.read_csv(csv, encoding="utf-8-sig")
        raise FileNotFoundError(f"table {name} not found in {self.tables_dir}")

    documents = cached_property(lambda self: self.table("documents"))
    references = cached_property(lambda self: self.table("references"))
    sections = cached_property(lambda self: self.table("sections"))
    metrics = cached_property(lambda self: self.table("metrics"))
    signatories = cached_property(lambda self: self.table("signatories"))
    recipients = cached_property(lambda self: self.table("recipients"))
    errors = cached_property(lambda self: self.table("errors"))
    links = cached_property(lambda self: self.table("links"))

    def _connect(self):
        if self._con is None:
            import duckdb

            self._con = duckdb.connect()
            for t in TABLES:
                src = self._parquet(t)
                if src is not None:
                    self._con.execute(
                        f"CREATE VIEW {_q(t)} AS SELECT * FROM read_parquet('{_lit(src)}')")
            if self._parquet("references") is not None:  # REFERENCES is an SQL keyword
                self._con.execute('CREATE VIEW refs AS SELECT * FROM "references"')
        return self._con

    def sql(self, query: str):
        """Run SQL over the Parquet tables (views named like the tables) -> DataFrame.
        ``references`` is an SQL keyword: write ``"references"`` or use the alias view ``refs``."""
        return self._connect().execute(query).df()

    # ------------------------------------------------------------ documents
    def __iter__(self) -> Iterator:
        from .model import Document

        with open(self.out / "documents.jsonl", encoding="utf-8") as fh:
            for line in fh:
                yield Document.from_dict(json.loads(line))

    def __len__(self) -> int:
        with open(self.out / "documents.jsonl", "rb") as fh:
            return sum(1 for _ in fh)

    def doc(self, key: str):
        """The Document with this path, or doc_id (the first path with that content)."""
        from .model import Document

        with open(self.out / "documents.jsonl", encoding="utf-8") as fh:
            for line in fh:
                d = json.loads(line)
                if key in (d["source"]["path"], d["doc_id"]):
                    return Document.from_dict(d)
        raise KeyError(f"no document with path or doc_id {key!r}")

    # ------------------------------------------------------------ citation graph
    def cited_by(self, code: str):
        """Documents that cite ``code`` (one row per citing file; duplicates of a file count
        once): doc_id, path, doc_type, code, date, title, mentions, first_span."""
        import pandas as pd

        want = canonical_code(code)
        refs = self.references
        hit = refs[refs["code"].map(canonical_code) == want]
        docs = self.documents
        docs = docs[docs["duplicate_of"].isna()]
        if hit.empty:
            return pd.DataFrame(columns=["doc_id", "path", "doc_type", "code", "date", "title",
                                         "mentions", "first_span"])
        g = (hit.groupby("path", sort=True)
             .agg(mentions=("idx", "size"), start=("start", "min"))
             .reset_index())
        out = docs[["doc_id", "path", "doc_type", "code", "date", "title"]].merge(g, on="path")
        out["first_span"] = out["start"]
        return out.drop(columns=["start"]).sort_values(["date", "path"], na_position="last") \
            .reset_index(drop=True)

    def uncited_plans(self, code: str, by_types=REPORT_TYPES):
        """Plans issued to implement ``code`` that no report in the corpus cites back.

        A decision (say ``2398/QĐ-UBND`` on the year's CCHC plan) asks each unit to issue its own
        Kế hoạch; those plans cite the decision. A plan is *cited back* when a document whose type
        is in ``by_types`` (default: Báo cáo; ``None`` = any document) resolves a reference to it
        in the ``links`` table. Returns the plans (documents rows, with ``cited_back`` False)
        never cited back: implementation the corpus has no report on.
        """
        plans = self.cited_by(code)
        plans = plans[plans["doc_type"] == PLAN_TYPE]
        links = self.links
        if by_types is not None:
            types = self.documents.set_index("path")["doc_type"]
            links = links[links["from_path"].map(types).isin(list(by_types))]
        back = set(links["to_doc"])
        plans = plans.assign(cited_back=plans["doc_id"].isin(back))
        return plans[~plans["cited_back"]].reset_index(drop=True)

    # ------------------------------------------------------------ plots (matplotlib, optional)
    def plot_references_by_issuer(self, top: int = 15, ax=None):
        from .plots import references_by_issuer

        return references_by_issuer(self, top=top, ax=ax)

    def plot_metrics_over_periods(self, subject: Optional[str] = None, ax=None):
        from .plots import metrics_over_periods

        return metrics_over_periods(self, subject=subject, ax=ax)

    def plot_documents_per_month(self, ax=None):
        from .plots import documents_per_month

        return documents_per_month(self, ax=ax)


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _lit(s: str) -> str:
    return s.replace("'", "''")
