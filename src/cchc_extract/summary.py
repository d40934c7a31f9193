"""A readable plain-text summary of one Document (the `show` command)."""
from __future__ import annotations


def summary(doc, full: bool = False) -> str:
    n = None if full else 10
    src = doc.source
    flags = [src.format, doc.status] + (["ocr"] if src.ocr else []) \
        + ([src.encoding] if src.encoding != "unicode" else [])
    out = [f"{src.path}  [{', '.join(map(str, flags))}]"]
    for e in doc.errors:
        out.append(f"  ERROR: {e['message']}")
    h = doc.header
    if h:
        iss = h.issuer
        out.append("Header")
        for k, v in [("issuer", iss and (f"{iss.name}" + (f" ({iss.parent})" if iss.parent else ""))),
                     ("type", h.doc_type), ("code", h.code), ("date", h.date), ("place", h.place),
                     ("title", h.title), ("urgency", h.urgency), ("secrecy", h.secrecy),
                     ("kính gửi", "; ".join(h.addressees)), ("nơi nhận", "; ".join(h.recipients))]:
            if v:
                out.append(f"  {k:9} {v}")
    if doc.references:
        out.append(f"References ({len(doc.references)})")
        for r in doc.references[:n]:
            out.append(f"  {r.doc_type or '?'} {r.code or r.raw or ''} {r.date or ''} "
                       f"{('của ' + r.issuer) if r.issuer else ''}".rstrip())
    if doc.sections:
        out.append(f"Outline ({len(doc.sections)})")
        for s in doc.sections[: (None if full else 25)]:
            out.append(f"  {'  ' * (s.level - 1)}{s.label}. {s.title[:80]}")
    if doc.tables:
        out.append(f"Tables ({len(doc.tables)})")
        for t in doc.tables[:n]:
            out.append(f"  {t.caption or '(no caption)'}: {len(t.rows)} rows x "
                       f"{len(t.header[-1]) if t.header else len(t.rows[0]) if t.rows else 0} cols")
    if doc.metrics:
        out.append(f"Metrics ({len(doc.metrics)})")
        for m in doc.metrics[:n]:
            v = f"{m.value:g}{'%' if m.percent else ''}" if m.value is not None else "?"
            unit = "" if m.percent and m.unit in (None, "%") else (m.unit or "")
            out.append(f"  {v} {unit} | {m.subject or ''} [{m.kind}, {m.qualifier}"
                       f"{', ' + m.period if m.period else ''}]")
    if doc.signatories:
        out.append("Signatories")
        for s in doc.signatories:
            authority = s.authority and f"{s.authority} {s.on_behalf_of or ''}".strip()
            parts = [authority, s.deputy_for, s.title, s.name or "(unsigned)"]
            out.append("  " + " / ".join(x for x in parts if x))
    for w in doc.warnings[: n]:
        out.append(f"  warning: {w['message']}")
    return "\n".join(out)
