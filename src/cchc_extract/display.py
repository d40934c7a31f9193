"""A Document as self-contained HTML for notebooks: header card, outline, highlighted text.

Highlights are nested ``<mark>`` elements whose text is exactly ``text[start:end]`` (escaped), so
what a reviewer sees is what the extractor reported. A span that crosses the end of an enclosing
span is clipped to it (never reordered).
"""
from __future__ import annotations

from html import escape
from typing import Optional

KINDS = {  # kind -> (label, background colour)
    "reference": ("reference", "#cfe3ff"),
    "metric": ("metric", "#ffe3b3"),
    "signatory": ("signatory", "#d7f5d0"),
    "date": ("date", "#f3d1f4"),
}
COLLAPSE_AT = 6000  # characters of text above which the full text starts collapsed

_CSS = """
.cchc-doc{font-family:system-ui,sans-serif;font-size:13px;line-height:1.45;max-width:980px}
.cchc-doc .card{border:1px solid #bbb;border-radius:6px;padding:8px 12px;margin-bottom:8px;background:#fafafa}
.cchc-doc .card table{border-collapse:collapse}
.cchc-doc .card td{padding:1px 10px 1px 0;vertical-align:top}
.cchc-doc .card td.k{color:#666;white-space:nowrap}
.cchc-doc .st-ok{color:#17702a}.cchc-doc .st-partial{color:#a35a00}.cchc-doc .st-error{color:#b00020}
.cchc-doc .legend span{display:inline-block;padding:0 6px;margin-right:6px;border-radius:3px}
.cchc-doc .outline ul{margin:2px 0 2px 16px;padding:0}
.cchc-doc pre.text{white-space:pre-wrap;font-family:inherit;background:#fff;border:1px solid #ddd;padding:8px}
.cchc-doc mark{border-radius:2px;padding:0;color:inherit}
""" + "".join(f".cchc-doc mark.k-{k}{{background:{c}}}\n" for k, (_, c) in KINDS.items())


def _as_document(doc):
    if isinstance(doc, dict):
        from .model import Document

        return Document.from_dict(dict(doc))
    return doc


def _spans_of(doc) -> list[tuple]:
    """(start, end, kind, tooltip) for every highlighted item, clipped to the text."""
    n = len(doc.text)
    out = []

    def add(span, kind, tip):
        if span and len(span) == 2 and isinstance(span[0], int) and 0 <= span[0] < span[1] <= n:
            out.append((span[0], span[1], kind, tip))

    for r in doc.references:
        add(r.span, "reference", " · ".join(str(x) for x in (r.doc_type, r.code, r.date) if x))
    for m in doc.metrics:
        v = "?" if m.value is None else f"{m.value:g}{'%' if m.percent else ''}"
        add(m.span, "metric", f"{v} {m.unit or ''} · {m.kind}/{m.qualifier} · {m.subject or ''}")
    for s in doc.signatories:
        add(s.span, "signatory", " / ".join(x for x in (s.authority, s.on_behalf_of,
                                                        s.deputy_for, s.title, s.name) if x))
    for s, e, iso in find_dates_safe(doc.text):
        add((s, e), "date", iso)
    return out


def find_dates_safe(text: str) -> list:
    try:
        from .extract.dates import find_dates
    except ImportError:  # dates stage not installed: no date highlights
        return []
    return find_dates(text)


def highlight(text: str, spans: list[tuple], anchors: Optional[dict] = None) -> str:
    """Escaped text with nested <mark> for spans (start, end, kind, tip) and empty anchors
    {offset: id} (section starts)."""
    events = sorted(spans, key=lambda x: (x[0], -x[1], x[2]))
    anchors = anchors or {}
    marks = sorted(anchors)
    out, stack, pos = [], [], 0

    def text_to(p):
        nonlocal pos
        while marks and marks[0] <= p:
            a = marks.pop(0)
            if a >= pos:
                out.append(escape(text[pos:a]))
                pos = a
            out.append(f'<span id="{anchors[a]}"></span>')
        if p > pos:
            out.append(escape(text[pos:p]))
            pos = p

    for s, e, kind, tip in events:
        while stack and stack[-1] <= s:
            text_to(stack.pop())
            out.append("</mark>")
        if stack:
            e = min(e, stack[-1])
        if e <= s:
            continue
        text_to(s)
        out.append(f'<mark class="k-{kind}" data-kind="{kind}" title="{escape(tip)}">')
        stack.append(e)
    while stack:
        text_to(stack.pop())
        out.append("</mark>")
    text_to(len(text))
    return "".join(out)


def _card(doc) -> str:
    h = doc.header
    src = doc.source
    rows = []
    if h is not None:
        iss = h.issuer
        rows += [("issuer", iss and (iss.name + (f" — {iss.parent}" if iss.parent else ""))),
                 ("type", h.doc_type), ("code", h.code), ("date", h.date), ("place", h.place),
                 ("title", h.title), ("kính gửi", "; ".join(h.addressees)),
                 ("nơi nhận", "; ".join(h.recipients))]
    fmt = f"{src.format}" + (f", {src.pages} pages" if src.pages else "") + \
        (", OCR" if src.ocr else "") + (f", {src.encoding}" if src.encoding != "unicode" else "")
    rows += [("file", f"{src.path} ({fmt})"),
             ("found", f"{len(doc.references)} references, {len(doc.sections)} sections, "
                       f"{len(doc.metrics)} metrics, {len(doc.signatories)} signatories, "
                       f"{len(doc.tables)} tables")]
    trs = "".join(f'<tr><td class="k">{escape(k)}</td><td>{escape(str(v))}</td></tr>'
                  for k, v in rows if v)
    st = escape(doc.status)
    errs = "".join(f"<li>{escape(str(e.get('message', e)))}</li>" for e in doc.errors)
    return (f'<div class="card"><b>{escape((h and h.doc_type) or "Document")}</b> '
            f'<span class="st-{st}">[{st}]</span><table>{trs}</table>'
            + (f"<ul class=\"errors\">{errs}</ul>" if errs else "") + "</div>")


def _outline(doc) -> str:
    if not doc.sections:
        return ""
    kids: dict = {}
    for s in doc.sections:
        kids.setdefault(s.parent, []).append(s)

    def ul(parent, depth=0) -> str:
        if parent not in kids or depth > 12:
            return ""
        items = "".join(
            f'<li><a href="#{_sec_id(doc, s)}">{escape(s.label)}</a> {escape(s.title[:120])}'
            f"{ul(s.id, depth + 1)}</li>" for s in kids[parent])
        return f"<ul>{items}</ul>"

    return (f'<details class="outline" open><summary>Outline ({len(doc.sections)} sections)'
            f"</summary>{ul(None)}</details>")


def _sec_id(doc, s) -> str:
    return f"cchc-{doc.doc_id}-s{s.id}"


def document_html(doc, collapse_at: int = COLLAPSE_AT) -> str:
    """The whole view as one HTML string (no scripts, no external resources)."""
    doc = _as_document(doc)
    spans = _spans_of(doc)
    anchors = {}
    for s in doc.sections:
        if s.span and 0 <= s.span[0] <= len(doc.text):
            anchors.setdefault(s.span[0], _sec_id(doc, s))
    counts = {k: 0 for k in KINDS}
    for *_, kind, _tip in spans:
        counts[kind] += 1
    legend = "".join(f'<span style="background:{c}">{escape(lbl)} ({counts[k]})</span>'
                     for k, (lbl, c) in KINDS.items())
    body = f'<pre class="text">{highlight(doc.text, spans, anchors)}</pre>'
    if len(doc.text) > collapse_at:
        body = (f"<details><summary>Full text ({len(doc.text):,} characters)</summary>"
                f"{body}</details>")
    return (f"<div class=\"cchc-doc\"><style>{_CSS}</style>{_card(doc)}{_outline(doc)}"
            f'<div class="legend">{legend}</div>{body}</div>')
