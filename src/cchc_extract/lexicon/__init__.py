"""Lexicons are data files (TSV, UTF-8, '#' comments) shipped with the package, loaded once."""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def rows(name: str) -> tuple:
    """Rows of ``lexicon/<name>.tsv`` as dicts keyed by the header line."""
    with resources.files(__name__).joinpath(f"{name}.tsv").open(encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    return tuple(dict(r) for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))
