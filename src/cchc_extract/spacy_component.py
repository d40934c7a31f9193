"""spaCy integration: the ``cchc_extract`` pipeline component and a code-preserving tokenizer.

    >>> nlp = make_nlp()                      # spacy.blank("vi") without pyvi + our tokenizer
    >>> nlp.add_pipe("cchc_extract")
    >>> doc = nlp(text)
    >>> doc.spans["references"], doc._.cchc.header.code

Loaded by spaCy through the ``spacy_factories`` entry point whenever a pipeline is created,
so this module must import quickly and never fail. ``doc._.cchc`` is rebuilt from a plain dict
kept in ``doc.user_data``, which is what lets docs travel between processes
(``nlp.pipe(texts, n_process=2)``) and through ``DocBin``.
"""
from __future__ import annotations

import difflib
from bisect import bisect_right

import regex as re
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry

SPAN_KEYS = ("references", "metrics", "signatories", "dates")
_USER_KEY = "cchc_extract"


def _code_pattern() -> str:
    try:
        from .extract.codes import CODE_PATTERN

        return CODE_PATTERN
    except ImportError:
        return r"\d{1,6}(?:/(?:19|20)\d{2})?/[\p{Lu}Đ][\p{L}0-9.&]*(?:-[\p{L}0-9.&]+)*"


# kept whole: document codes, numeric dates, decimals and percentages ("95,5%"), then words,
# then any other single non-space character
_TOKEN = re.compile(
    r"(?P<keep>(?:" + _code_pattern() + r")"
    r"|\d{1,2}[/.\-]\d{1,2}[/.\-](?:19|20)\d{2}(?!\d)"
    r"|\d+(?:[.,]\d+)+%?|\d+%)"
    r"|(?P<word>[\p{L}\p{M}\p{N}_]+)|(?P<other>\S)", re.V0)


class _Stateless:
    """spaCy serialization hooks for objects with nothing to save: the rules are code."""

    def to_bytes(self, **kw) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kw):
        return self

    def to_disk(self, path, **kw) -> None:
        pass

    def from_disk(self, path, **kw):
        return self


class CodeTokenizer(_Stateless):
    """Vietnamese syllables as tokens (no word segmentation, no pyvi) with document codes,
    dates and numbers kept whole, so every extracted span aligns with token boundaries."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        words, spaces, pos = [], [], 0

        def gap_to(s: int) -> None:
            g = text[pos:s]
            if g and words and g[0] == " ":
                spaces[-1] = True
                g = g[1:]
            if g:  # other whitespace (newlines, runs of spaces) is a token, as in spaCy
                words.append(g)
                spaces.append(False)

        for m in _TOKEN.finditer(text):
            tok = m.group(0).rstrip()
            gap_to(m.start())
            words.append(tok)
            spaces.append(False)
            pos = m.start() + len(tok)
        gap_to(len(text))
        return Doc(self.vocab, words=words, spaces=spaces)

    def pipe(self, texts, batch_size=1000):
        for t in texts:
            yield self(t)

    def __reduce__(self):
        return (CodeTokenizer, (self.vocab,))


@registry.tokenizers("cchc_extract.CodeTokenizer.v1")
def create_tokenizer():
    def make(nlp):
        return CodeTokenizer(nlp.vocab)

    return make


def make_nlp(component: bool = True, **cfg) -> Language:
    """``spacy.blank("vi")`` with the code-preserving tokenizer (pyvi not needed) and, by default,
    the cchc_extract component added."""
    import spacy

    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {
        "@tokenizers": "cchc_extract.CodeTokenizer.v1"}}})
    if component:
        nlp.add_pipe("cchc_extract", config=cfg)
    return nlp


def _get_document(doc: Doc):
    d = doc.user_data.get(_USER_KEY)
    if d is None:
        return None
    from .model import Document

    return Document.from_dict(dict(d))


if not Doc.has_extension("cchc"):
    Doc.set_extension("cchc", getter=_get_document)


class _OffsetMap:
    """Offsets in the pipeline's normalized text -> offsets in the spaCy doc's text."""

    def __init__(self, src: str, dst: str):
        self.same = src == dst
        if not self.same:
            sm = difflib.SequenceMatcher(None, src, dst, autojunk=False)
            self.ops = sm.get_opcodes()
            self.starts = [op[3] for op in self.ops]

    def __call__(self, p: int, end: bool = False) -> int:
        if self.same:
            return p
        k = max(0, bisect_right(self.starts, p) - 1)
        tag, i1, i2, j1, j2 = self.ops[k]
        if p >= j2 and end:  # the end of the previous op
            return i2
        if tag == "equal" or (i2 - i1) == (j2 - j1):
            return i1 + min(p - j1, i2 - i1)
        return i2 if end else i1


class CCHCComponent(_Stateless):
    """Runs the cchc_extract pipeline on ``doc.text`` and exposes the result as span groups."""

    def __init__(self, nlp: Language, name: str = "cchc_extract", stages=None):
        self.name = name
        self.stages = set(stages) if stages else None

    def __call__(self, doc: Doc) -> Doc:
        from .pipeline import parse_text
        from .display import find_dates_safe

        d = parse_text(doc.text, path="<spacy>", stages=self.stages)
        omap = _OffsetMap(doc.text, d.text)
        groups = {k: [] for k in SPAN_KEYS}

        def add(key, span, label, mapped=True):
            if not span:
                return
            s, e = (omap(span[0]), omap(span[1], end=True)) if mapped else span
            sp = doc.char_span(s, e, label=label) or \
                doc.char_span(s, e, label=label, alignment_mode="expand")
            if sp is not None and len(sp):
                groups[key].append(sp)

        for r in d.references:
            add("references", r.span, "REF")
        for m in d.metrics:
            add("metrics", m.span, "TARGET" if m.kind == "target" else "METRIC")
        for g in d.signatories:
            add("signatories", g.span, "SIGNATORY")
        for s, e, _iso in find_dates_safe(doc.text):  # found on doc.text itself: no mapping
            add("dates", (s, e), "DATE", mapped=False)
        for k, v in groups.items():
            doc.spans[k] = v
        doc.user_data[_USER_KEY] = d.to_dict()
        return doc


@Language.factory("cchc_extract", default_config={"stages": None})
def make_component(nlp: Language, name: str, stages=None) -> CCHCComponent:
    return CCHCComponent(nlp, name, stages)
