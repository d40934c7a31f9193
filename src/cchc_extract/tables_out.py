"""Documents -> flat tables (one row per item, keyed by doc_id + path) written as Parquet/CSV/XLSX.

Rows are built from the JSON form of a document (what documents.jsonl holds), so a table can be
rebuilt from the corpus alone. Writers stream: Parquet in row groups, CSV and XLSX row by row,
so memory does not grow with the corpus.

Duplicates: ``doc_id`` is the content hash (sha256[:16]), so two identical files share it.
``path`` is unique and is the key of the documents table; ``duplicate_of`` names the first path
(in path order) with the same content. Every item table carries both ``doc_id`` and ``path``.
"""
from __future__ import annotations

import csv
import re
from pathlib import Path
from typing import Iterable, Optional

# column name -> arrow type name; the order is the column order in every format
SCHEMAS: dict[str, list[tuple[str, str]]] = {
    "documents": [
        ("doc_id", "str"), ("path", "str"), ("duplicate_of", "str"), ("format", "str"),
        ("sha256", "str"), ("bytes", "int"), ("pages", "int"), ("ocr", "bool"),
        ("encoding", "str"), ("status", "str"), ("n_errors", "int"), ("n_warnings", "int"),
        ("chars", "int"), ("issuer", "str"), ("issuer_parent", "str"), ("doc_type", "str"),
        ("number", "str"), ("year", "int"), ("symbol", "str"), ("code", "str"),
        ("date", "str"), ("place", "str"), ("title", "str"), ("urgency", "str"),
        ("secrecy", "str"), ("addressees", "str"), ("n_recipients", "int"),
        ("n_references", "int"), ("n_sections", "int"), ("n_metrics", "int"),
        ("n_signatories", "int"), ("n_tables", "int"),
    ],
    "references": [
        ("doc_id", "str"), ("path", "str"), ("idx", "int"), ("kind", "str"),
        ("doc_type", "str"), ("number", "str"), ("year", "int"), ("symbol", "str"),
        ("code", "str"), ("date", "str"), ("issuer", "str"), ("issuer_name", "str"),
        ("title", "str"), ("start", "int"), ("end", "int"), ("text", "str"),
    ],
    "sections": [
        ("doc_id", "str"), ("path", "str"), ("id", "int"), ("parent", "int"), ("level", "int"),
        ("label", "str"), ("title", "str"), ("kind", "str"), ("area", "str"),
        ("start", "int"), ("end", "int"),
    ],
    "metrics": [
        ("doc_id", "str"), ("path", "str"), ("idx", "int"), ("value", "float"),
        ("value_max", "float"), ("percent", "bool"), ("unit", "str"), ("subject", "str"),
        ("qualifier", "str"), ("kind", "str"), ("period", "str"), ("section", "int"),
        ("section_label", "str"), ("parent", "int"), ("rank_of", "int"), ("area", "str"),
        ("table", "int"), ("entity", "str"), ("doc_issuer", "str"), ("start", "int"),
        ("end", "int"), ("text", "str"),
    ],
    "signatories": [
        ("doc_id", "str"), ("path", "str"), ("idx", "int"), ("authority", "str"),
        ("on_behalf_of", "str"), ("deputy_for", "str"), ("title", "str"), ("name", "str"),
        ("start", "int"), ("end", "int"),
    ],
    "recipients": [
        ("doc_id", "str"), ("path", "str"), ("idx", "int"), ("role", "str"), ("name", "str"),
    ],
    "errors": [
        ("doc_id", "str"), ("path", "str"), ("severity", "str"), ("stage", "str"),
        ("message", "str"), ("start", "int"), ("end", "int"),
    ],
    "links": [
        ("from_doc", "str"), ("from_path", "str"), ("to_doc", "str"), ("to_path", "str"),
        ("code", "str"), ("ref_idx", "int"), ("match", "str"), ("start", "int"), ("end", "int"),
    ],
}
TABLES = list(SCHEMAS)
FORMATS = ("parquet", "csv", "xlsx")


def _span(x: dict) -> tuple:
    s = x.get("span") or (None, None)
    return (s[0], s[1]) if len(s) == 2 else (None, None)


def _surface(text: str, s, e) -> Optional[str]:
    return text[s:e] if isinstance(s, int) and isinstance(e, int) else None


# item-table columns computed here rather than copied from the item's JSON
_DERIVED = {"doc_id", "path", "idx", "start", "end", "text", "section_label", "doc_issuer"}


def _item_rows(table: str, items, key: dict, text: str) -> list[dict]:
    """Rows of an item table: every schema column not in ``_DERIVED`` is the item's field."""
    names = [c for c, _ in SCHEMAS[table]]
    copied = [c for c in names if c not in _DERIVED]
    out = []
    for i, x in enumerate(items or []):
        s, e = _span(x)
        r = {**key, **{c: x.get(c) for c in copied}, "start": s, "end": e}
        if "idx" in names:
            r["idx"] = i
        if "text" in names:
            r["text"] = _surface(text, s, e)
        out.append(r)
    return out


def rows_for(d: dict, duplicate_of: Optional[str] = None) -> dict[str, list[dict]]:
    """All table rows (except links) for one document in its JSON form."""
    src = d.get("source") or {}
    key = {"doc_id": d.get("doc_id"), "path": src.get("path")}
    text = d.get("text") or ""
    h = d.get("header") or {}
    iss = h.get("issuer") or {}
    recips = list(h.get("recipients") or [])
    addrs = list(h.get("addressees") or [])
    out: dict[str, list[dict]] = {t: [] for t in TABLES if t != "links"}
    out["documents"].append({
        **key, "duplicate_of": duplicate_of, "format": src.get("format"),
        "sha256": src.get("sha256"), "bytes": src.get("bytes"), "pages": src.get("pages"),
        "ocr": src.get("ocr"), "encoding": src.get("encoding"), "status": d.get("status"),
        "n_errors": len(d.get("errors") or []), "n_warnings": len(d.get("warnings") or []),
        "chars": len(text), "issuer": iss.get("name"), "issuer_parent": iss.get("parent"),
        "doc_type": h.get("doc_type"), "number": h.get("number"), "year": h.get("year"),
        "symbol": h.get("symbol"), "code": h.get("code"), "date": h.get("date"),
        "place": h.get("place"), "title": h.get("title"), "urgency": h.get("urgency"),
        "secrecy": h.get("secrecy"), "addressees": "; ".join(map(str, addrs)) or None,
        "n_recipients": len(recips), "n_references": len(d.get("references") or []),
        "n_sections": len(d.get("sections") or []), "n_metrics": len(d.get("metrics") or []),
        "n_signatories": len(d.get("signatories") or []), "n_tables": len(d.get("tables") or []),
    })
    for t in ("references", "sections", "signatories"):
        out[t] = _item_rows(t, d.get(t), key, text)
    labels = {sec.get("id"): sec.get("label") for sec in d.get("sections") or []}
    out["metrics"] = [{**r, "section_label": labels.get(r["section"]),
                       "doc_issuer": iss.get("name")}
                      for r in _item_rows("metrics", d.get("metrics"), key, text)]
    for i, name in enumerate(addrs):
        out["recipients"].append({**key, "idx": i, "role": "addressee", "name": name})
    for i, name in enumerate(recips):
        out["recipients"].append({**key, "idx": i, "role": "recipient", "name": name})
    for sev in ("errors", "warnings"):
        for x in d.get(sev) or []:
            x = x if isinstance(x, dict) else {"message": str(x)}
            s, e = _span(x)
            out["errors"].append({**key, "severity": sev[:-1], "stage": x.get("stage"),
                                  "message": x.get("message"), "start": s, "end": e})
    return out


def arrow_schema(table: str):
    import pyarrow as pa

    types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_()}
    return pa.schema([(c, types[t]) for c, t in SCHEMAS[table]])


_ILLEGAL_XLSX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _coerce(v, t):
    """Make a value fit its column type (extractors may hand over a str where an int belongs)."""
    if v is None:
        return None
    try:
        if t == "int":
            return int(v)
        if t == "float":
            return float(v)
        if t == "bool":
            return bool(v)
    except (TypeError, ValueError):
        return None
    return v if isinstance(v, str) else str(v)


class TableSink:
    """Streams rows into OUT/tables/<name>.{parquet,csv} and OUT/tables/corpus.xlsx.

    ``part`` (set via ``new_part``) switches Parquet to a directory of parts,
    ``<name>/part-00000.parquet``, which is how the Dask runner writes partitioned tables.
    """

    def __init__(self, folder: Path, formats: Iterable[str] = ("parquet", "csv"),
                 row_group: int = 20000, partitioned: bool = False, part: int = 0):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.formats = [f for f in formats if f]
        bad = set(self.formats) - set(FORMATS)
        if bad:
            raise ValueError(f"unknown table format(s) {sorted(bad)}; use {', '.join(FORMATS)}")
        self.row_group, self.partitioned = row_group, partitioned
        self.buf: dict[str, list] = {t: [] for t in TABLES}
        self.pq: dict[str, object] = {}
        self.part = part
        self.has_part: set = set()  # tables with at least one Parquet file written
        self.csv: dict[str, tuple] = {}
        self.xlsx = None
        self.sheets: dict[str, object] = {}
        self.xlsx_rows: dict[str, int] = {}
        self.truncated: set = set()
        if "csv" in self.formats:
            for t in TABLES:
                fh = open(self.folder / f"{t}.csv", "w", encoding="utf-8-sig", newline="")
                w = csv.writer(fh)
                w.writerow([c for c, _ in SCHEMAS[t]])
                self.csv[t] = (fh, w)
        if "xlsx" in self.formats:
            from openpyxl import Workbook

            self.xlsx = Workbook(write_only=True)
            for t in TABLES:
                ws = self.xlsx.create_sheet(t)
                ws.append([c for c, _ in SCHEMAS[t]])
                self.sheets[t] = ws
                self.xlsx_rows[t] = 1

    def add(self, table: str, rows: list[dict]) -> None:
        cols = SCHEMAS[table]
        for r in rows:
            vals = [_coerce(r.get(c), t) for c, t in cols]
            if table in self.csv:
                self.csv[table][1].writerow(["" if v is None else v for v in vals])
            if self.xlsx is not None:
                self._xlsx_row(table, vals)
            if "parquet" in self.formats:
                self.buf[table].append(vals)
                if len(self.buf[table]) >= self.row_group:
                    self._flush(table)

    def add_document(self, d: dict, duplicate_of: Optional[str] = None) -> None:
        for t, rows in rows_for(d, duplicate_of).items():
            self.add(t, rows)

    def _xlsx_row(self, table: str, vals: list) -> None:
        if self.xlsx_rows[table] >= 1_048_576:  # Excel's sheet limit
            self.truncated.add(table)
            return
        clean = [(_ILLEGAL_XLSX.sub("", v)[:32767] if isinstance(v, str) else v) for v in vals]
        self.sheets[table].append(clean)
        self.xlsx_rows[table] += 1

    def _writer(self, table: str):
        import pyarrow.parquet as pq

        w = self.pq.get(table)
        if w is None:
            if self.partitioned:
                (self.folder / table).mkdir(exist_ok=True)
                path = self.folder / table / f"part-{self.part:05d}.parquet"
            else:
                path = self.folder / f"{table}.parquet"
            w = self.pq[table] = pq.ParquetWriter(str(path), arrow_schema(table))
        return w

    def _flush(self, table: str) -> None:
        import pyarrow as pa

        rows = self.buf[table]
        schema = arrow_schema(table)
        cols = list(zip(*rows)) if rows else [[] for _ in schema]
        batch = pa.table([pa.array(list(c), type=f.type) for c, f in zip(cols, schema)],
                         schema=schema)
        self._writer(table).write_table(batch)
        self.buf[table] = []

    def new_part(self, part: int) -> None:
        """Close the current Parquet parts and start part number ``part`` (partitioned mode)."""
        if part != self.part:
            self._close_parquet()
        self.part = part

    def _close_parquet(self) -> None:
        if "parquet" not in self.formats:
            return
        for t in TABLES:
            # an empty table still gets one file, so readers always find its schema
            if self.buf[t] or (t not in self.pq and t not in self.has_part):
                self._flush(t)
        self.has_part.update(self.pq)
        for w in self.pq.values():
            w.close()
        self.pq = {}

    def close(self) -> None:
        self._close_parquet()
        for fh, _ in self.csv.values():
            fh.close()
        if self.xlsx is not None:
            self.xlsx.save(self.folder / "corpus.xlsx")

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
