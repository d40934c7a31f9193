"""Extractors, in the order the pipeline runs them. Each takes a Context and returns model items.

Order matters: header first (its span is excluded from references, its date bounds them),
sections before tables and metrics (items point at their section), signatories before metrics
(the signature block is not body text).
"""
STAGES = [
    # (stage name, module, function, Context attribute to store the result in or None)
    ("header", "header", "extract_header", "header"),
    ("sections", "sections", "extract_sections", "sections"),
    ("tables", "tables", "extract_tables", "tables"),
    ("signatories", "signatures", "extract_signatories", "signatories"),
    ("references", "references", "extract_references", None),
    ("metrics", "metrics", "extract_metrics", None),
]
