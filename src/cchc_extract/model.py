"""The corpus format ``cchc-extract/1`` as dataclasses.

Field names follow ../shared/design/corpus-format.md exactly: that file is the contract other
tools read, so renaming a field here is a breaking change (bump SCHEMA).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Optional

SCHEMA = "cchc-extract/1"
Span = tuple  # (start, end) code-point offsets into Document.text


@dataclass(slots=True)
class Issuer:
    name: str
    parent: Optional[str] = None
    span: Optional[Span] = None


@dataclass(slots=True)
class Header:
    issuer: Optional[Issuer] = None
    number: Optional[str] = None
    year: Optional[int] = None
    symbol: Optional[str] = None
    code: Optional[str] = None
    doc_type: Optional[str] = None
    title: Optional[str] = None
    place: Optional[str] = None
    date: Optional[str] = None
    urgency: Optional[str] = None
    secrecy: Optional[str] = None
    addressees: list = field(default_factory=list)
    recipients: list = field(default_factory=list)
    # spans of the individual fields, for review/highlighting: {"code": [s, e], ...}
    spans: dict = field(default_factory=dict)
    # this file is a copy (SAO Y / SAO LỤC / TRÍCH SAO) of the document the fields above describe:
    # {"kind": "SAO Y", "issuer": …, "code": …, "date": …, "span": [s, e]} (unknown parts null)
    copy: Optional[dict] = None


@dataclass(slots=True)
class Reference:
    doc_type: Optional[str]
    number: Optional[str]
    year: Optional[int]
    symbol: Optional[str]
    code: Optional[str]
    date: Optional[str]
    issuer: Optional[str]
    title: Optional[str]
    kind: str
    span: Span
    issuer_name: Optional[str] = None  # issuer code in the symbol resolved through the lexicon
    raw: Optional[str] = None


@dataclass(slots=True)
class Section:
    id: int
    parent: Optional[int]
    level: int
    label: str
    title: str
    span: Span
    kind: Optional[str] = None  # phan, chuong, muc, dieu, roman, number, letter, appendix, ...
    area: Optional[str] = None  # CCHC area


@dataclass(slots=True)
class Metric:
    value: Optional[float]
    percent: bool
    unit: Optional[str]
    subject: Optional[str]
    qualifier: str
    kind: str
    period: Optional[str]
    section: Optional[int]
    parent: Optional[int]
    span: Span
    value_max: Optional[float] = None  # upper bound of a range "từ 70% đến 80%"
    rank_of: Optional[int] = None  # "xếp thứ 12/63" -> value 12, rank_of 63
    area: Optional[str] = None
    table: Optional[int] = None
    entity: Optional[str] = None  # agency/row label a table figure belongs to ("Sở Nội vụ")


@dataclass(slots=True)
class Signatory:
    authority: Optional[str]
    on_behalf_of: Optional[str]
    deputy_for: Optional[str]
    title: Optional[str]
    name: Optional[str]
    span: Span


@dataclass(slots=True)
class Table:
    section: Optional[int]
    caption: Optional[str]
    header: list
    rows: list
    span: Span


@dataclass(slots=True)
class Source:
    path: str
    format: str
    sha256: str
    bytes: int
    pages: Optional[int] = None
    ocr: bool = False
    encoding: str = "unicode"


@dataclass(slots=True)
class Document:
    doc_id: str
    source: Source
    status: str = "ok"
    errors: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    text: str = ""
    header: Optional[Header] = None
    references: list = field(default_factory=list)
    sections: list = field(default_factory=list)
    metrics: list = field(default_factory=list)
    signatories: list = field(default_factory=list)
    tables: list = field(default_factory=list)

    def to_dict(self) -> dict:
        d = {"schema": SCHEMA}
        d.update(_plain(asdict(self)))
        return d

    @classmethod
    def from_dict(cls, d: dict) -> "Document":
        d = {k: v for k, v in d.items() if k != "schema"}
        src = Source(**d.pop("source"))
        h = d.pop("header", None)
        header = None
        if h is not None:
            iss = h.pop("issuer", None)
            header = Header(issuer=Issuer(**_tup(iss)) if iss else None, **h)
        conv = {"references": Reference, "sections": Section, "metrics": Metric,
                "signatories": Signatory, "tables": Table}
        kw = {k: [c(**_tup(x)) for x in d.pop(k, [])] for k, c in conv.items()}
        return cls(source=src, header=header, **kw, **d)

    def _repr_html_(self) -> str:  # rich display in notebooks
        from .display import document_html

        return document_html(self)


def _tup(x: dict) -> dict:
    x = dict(x)
    if isinstance(x.get("span"), list):
        x["span"] = tuple(x["span"])
    return x


def _plain(x: Any) -> Any:
    if isinstance(x, dict):
        return {k: _plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_plain(v) for v in x]
    return x
