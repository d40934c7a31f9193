"""Reference patterns, built once from the lexicons (data) so the extractor code stays generic.

Code patterns run on ``Document.text`` (case matters: symbols are upper case); context patterns
(type words, "của", "về", dates) run on ``fold(text)``, which has the same length.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import regex as re

from .. import lexicon
from ..normalize import fold, strip_accents

# One symbol group: upper-case start ("QĐ", "SNgV", "T06", "CCHC&VTLT", "L.12", "QH13").
_SEG = r"[A-ZĐÐ0-9][A-Za-zĐÐđ0-9&]*(?:\.(?=\d)\d+)?"
# Groups joined by "-" (or a spaced "-" after the first group: "QĐ - UBND"), or "/" before a
# letter group ("QĐ/UBND", old Party-like state symbols "42/LCT/HĐNN8").
_H = r"[-\u2013\u2014\ufffe]"  # U+FFFE: a PDF line-break hyphen ("QĐ\ufffeBCĐ")
_SYM = (r"[A-ZĐÐ][A-Za-zĐÐđ0-9&]*(?:\.(?=\d)\d+)?"
        r"(?:(?:\s" + _H + r"\s|\s?" + _H + r"\s?)" + _SEG + r")?"
        r"(?:(?:" + _H + r"\n?|/(?=[A-ZĐÐ]))" + _SEG + r")*")
# A number starts a code unless glued to a word, a number, a ratio or a standard ("ISO 9001:2015",
# "QCVN 01:2021/BXD"); "số82/2005/…" (glued to "số") is allowed.
_NUM_START = r"(?:(?<=[Ss][ốỐ])|(?<![\p{L}\d.,/:+\-]))"
_NUM = r"\d{1,5}(?:\.\d{1,3})?[a-zđ]?"
_YEAR = r"(?:19[4-9]\d|20\d\d)"

STATE = re.compile(
    _NUM_START + r"(?P<num>" + _NUM + r")\s?/\s?(?:(?P<year>" + _YEAR + r")\s?[/-]\s?)?"
    r"(?P<sym>" + _SYM + r")(?![\p{L}\d])")
# Party: "04-NQ/TU", "234-CV/BTGTU"; historical state "20-L/CTN", "110-SL/L.12".
PARTY = re.compile(
    _NUM_START + r"(?P<num>\d{1,4}[a-z]?)\s?-\s?(?P<type>[A-ZĐÐ][A-Za-zĐÐđ]{0,4})\s?/\s?"
    r"(?P<sym>[A-ZĐÐ][A-Za-zĐÐđ0-9]*(?:\.\d+)?(?:-[A-ZĐÐ0-9][A-Za-zĐÐđ0-9]*)*)(?![\p{L}\d])")
# Blank number in drafts/templates: "Kế hoạch số /KH-UBND", "số …/TTr-UBND". Needs "số" before.
# The match starts at the "/" (what comes before is a lookbehind): the literal anchors the search,
# instead of trying the alternation at every position.
BLANK = re.compile(r"(?<=(?<=[Ss][ốỐ])\s*:?\s*[.…_ ]*|(?<![\p{L}\d])[.…_]+)/\s?"
                   r"(?:(?P<year>" + _YEAR + r")\s?/\s?)?(?P<sym>" + _SYM + r")(?![\p{L}\d])")
# What may follow a known agency name inside an issuer phrase: places, terms, proper names.
AFTER_ALIAS = re.compile(r"(?:[ ]+(?:tỉnh|thành phố|huyện|xã|phường|quận|thị xã|thị trấn|khóa|lần thứ|"
                         r"tinh|thanh pho|huyen|xa|phuong|quan|"
                         r"nhiệm kỳ|\p{Lu}[\p{L}\-]*|\d+|\([A-ZĐÐ&]{2,8}\))(?![\p{L}]))*")
AND_ALIAS = re.compile(r"\s+và\s+")
# Historical hyphen style without slash ("Nghị định 64-CP", "353-HĐBT"): only after a type word.
HYPHEN = re.compile(_NUM_START + r"(?P<num>\d{1,4})-(?P<sym>[A-ZĐÐ]{2,}[A-Za-zĐÐđ]*)(?![\p{L}\d/-])")
# Short normative citations "NĐ 30/2020", "TT 13/2025" (no symbol); only after a type word.
SHORT = re.compile(_NUM_START + r"(?P<num>\d{1,4})\s?/\s?(?P<year>" + _YEAR + r")(?![\d/\-])")
# Historical space style "94 QĐ/LB" (number, space, TYPE/BODY); only after a type word.
SPACED = re.compile(_NUM_START + r"(?P<num>\d{1,4}) (?P<type>[A-ZĐÐ][A-Za-zĐÐđ]{0,4})/"
                    r"(?P<sym>[A-ZĐÐ][A-Za-zĐÐđ0-9]*)(?![\p{L}\d/-])")
# Supersets of HYPHEN and PARTY anchored on their "-" / "/" (see SPACED_GATE below).
HYPHEN_GATE = re.compile(r"(?<=\d)-[A-ZĐÐ]{2,}[A-Za-zĐÐđ]*(?![\p{L}\d/-])")
PARTY_GATE = re.compile(r"(?<=\d[a-z]?\s?-\s?[A-ZĐÐ][A-Za-zĐÐđ]{0,4}\s?)/\s?[A-ZĐÐ]")
# A superset of SPACED anchored on its "/" (a literal regex finds fast; SPACED itself is tried
# at every digit): a text without it has no SPACED match.
SPACED_GATE = re.compile(r"(?<=\d [A-ZĐÐ][A-Za-zĐÐđ]{0,4})/[A-ZĐÐ]")
# A type abbreviation glued to a bare number, "NĐ30", "TT01" (no year, no symbol): built in vocab()
# from the normative abbreviations; the number must not go on into a code or a date.
GLUED_TAIL = r"(?P<num>\d{1,4})(?![\d/.,\-]\d|[\p{L}\d/])"

# Cheap literal screen (eyecite-style): a document with none of these has no reference.
SCREEN = re.compile(r"\d\s?[/-]\s?[A-ZĐÐ]|\d/(?:19|20)\d\d|[Ss]ố\s*:?\s*[.…_ ]*/|[Ll]uật|Hiến pháp|Pháp lệnh"
                    r"|\d [A-ZĐÐ][A-Za-zĐÐđ]{0,4}/[A-ZĐÐ]|(?<![\p{L}])(?:NĐ|NQ|TT|QĐ)\s?\d")

_D = r"(?P<d>\d{1,2}|[.…_]+)\s?[/.\-]\s?(?P<m>\d{1,2})\s?[/.\-]\s?(?P<y>(?:19|20)\d\d)(?!\d)"
# "tháng"/"năm" also without tone marks and glued by a hyphen, as OCR prints them ("02 thang-12").
_DW = (r"(?P<d2>\d{1,2})?[\s.…_]*th[aá]ng[\s\-]*(?P<m2>\d{1,2})?[\s.…_\-]*n[aă]m\s*"
       r"(?P<y2>(?:19|20)\d\d)")
# A date right after a code: " ngày 26/12/2022", ", ngày 05/9/2024", "ngày06/5/2005",
# " ngày 05 tháng 3 năm 2020", " (ngày …)", " ban hành ngày …", ", được Quốc hội ban hành ngày …".
DATE_AFTER = re.compile(
    r"\s*[,(]?\s*(?:(?:đã\s+)?được\s+(?:[\p{L}]+\s+){0,4}?(?=(?:ban hành|thông qua|ký)\s))?"
    r"(?:ban hành\s+|thông qua\s+|ký\s+)?ng[àa]y\s*(?:" + _D + r"|" + _DW + r")")
# The date told before the citation: "Ngày 03/7/2025, Hội đồng nhân dân tỉnh ban hành Nghị quyết
# số …" (reports narrate this way); searched on a window that ends where the type word starts.
DATE_BEFORE = re.compile(
    r"(?:^|(?<=[.;:\n])|(?<=[.;:\n] ))(?:\p{L}+\s+){0,2}?ngày\s*(?:" + _D + r"|" + _DW + r")\s*,\s*"
    r"[^.;:\n]{0,120}?\s(?:đã\s+)?(?:ký\s+)?ban hành\s+(?:các\s+)?$")
# " năm 2015", " ban hành năm 2010" or a bare " 2020" ("Luật Doanh nghiệp 2020") after a law's name.
YEAR_AFTER = re.compile(r"\s*,?\s*(?:(?:được\s+\S+\s+)?(?:ban hành\s+|thông qua\s+)?năm\s+|(?<=\S) (?=\d))(?P<y>(?:19|20)\d\d)(?![\d/\-])")
ISSUER_START = re.compile(r"\s*,?\s*(?:của|cua|do)\s+")  # "cua": text that lost its diacritics
TITLE_START = re.compile(r"\s*[,:]?\s*(?:về việc|về|v/v|v\.v)\s*:?\s+")
# Where an issuer phrase ends (on folded text).
ISSUER_STOP = re.compile(
    r"\s+(?:về việc|về|v/v)(?![\p{L}])|[,;\n\"]|(?<!\([A-ZĐÐ&]{2,8})\)|(?<!liên (?:bộ|ngành)):"
    r"|\((?![A-ZĐÐ&]{2,8}\))|\.(?:\s|$)"
    r"|\s+(?:nhằm|để|thì|đã|đang|tại|trong|theo|gửi|đối với|trên|cho|là|với|kèm theo|được|có|"
    r"ngày|năm)(?![\p{L}])|\s+số(?=\s*:?\s*\d)", re.I)
# Issuers whose names contain "về" and commas ("Ban Chỉ đạo về phát triển khoa học, công nghệ, …").
LONG_ISSUER = re.compile(r"(?:(?:phó\s+)?trưởng\s+)?(?:ban chỉ đạo|hội đồng(?!\s+nhân dân)|tổ công tác|tiểu ban|"
                         r"ban tổ chức)(?![\p{L}])")
LONG_STOP = re.compile(r"[;\n\"]|\.(?:\s|$)|\s+(?:về việc|v/v)(?![\p{L}])|\s+(?:tại|ngày|theo|"
                       r"thì|đã|nhằm|để)(?![\p{L}])|\s+số(?=\s*:?\s*\d)", re.I)
MAX_LONG_ISSUER = 150
TITLE_STOP = re.compile(r"[;\n]|\.(?=[\s,;]|$)|\s\(\s*sau đây")
MAX_ISSUER = 90
MAX_TITLE = 240


_WS = re.compile(r"\s")


@dataclass(frozen=True, slots=True)
class Vocab:
    type_alias: dict  # folded alias -> canonical type name
    type_before: object  # regex over a folded window ending just before the number
    law_before: object  # "Luật <name> số" before a number
    symbol_types: dict  # type code (as printed or accent-stripped upper) -> (name, family)
    issuers: dict  # code -> row dict; also accent-stripped upper keys
    issuer_alias: object  # regex over folded phrase start -> alias
    alias_code: dict  # folded alias -> code
    title_start: object  # regex (folded) of title-start words at a position
    not_before: object  # regex over folded window: form/standard prefixes
    law_known: object  # regex (folded) of known law names
    law_generic: object  # regex (text) of "Luật <Capitalised…>"
    draft_before: object
    # reverse regexes: the N-th non-blank back from a number, N = the most non-blank characters a
    # type_before match can hold without / with a "(…)" (when no "của X:" enumeration can occur)
    type_reach: tuple = ()
    law_named: object = None  # the middle branch of law_generic alone


def _alt(words) -> str:
    """Longest-first alternation; a space in an entry matches any whitespace (PDF line breaks)."""
    ws = sorted({w for w in words if w}, key=len, reverse=True)
    return "|".join(re.escape(w).replace("\\ ", r"\s+").replace(" ", r"\s+") for w in ws)


def _trie(words) -> str:
    """The same alternation as ``_alt``, factored into a prefix tree: regex tries the branches of
    an alternation one by one, so ~100 flat entries cost ~100 attempts at every position.

    Same matches and groups: siblings start with different literal characters (or one \\s+), so
    at most one of them can match at a position; an entry ending where longer ones go on is
    tried after them, as longest-first does. Entries with other whitespace or a double space
    (where \\s+ could overlap a sibling) keep the flat form."""
    ws = sorted({w for w in words if w}, key=len, reverse=True)
    if any("  " in w or any(ch != " " and _WS.match(ch) for ch in w) for w in ws):
        return _alt(ws)
    root: dict = {}
    for w in ws:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        parts = [(r"\s+" if ch == " " else re.escape(ch)) + emit(sub)
                 for ch, sub in node.items() if ch]
        if not parts:
            return ""
        if "" in node:
            parts.append("")
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return emit(root)


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    types = {}
    symbol_types = {}
    for r in lexicon.rows("doc_types"):
        name, fam = r["name"], r["family"]
        for a in [name] + [x for x in (r.get("aliases") or "").split("|") if x]:
            types.setdefault(fold(a), name)
        ab = r.get("abbr") or ""
        if ab:
            symbol_types.setdefault(ab, []).append((name, fam))
    words = lexicon.rows("ref_words")
    for r in words:
        if r["kind"] == "type_word":
            types[fold(r["word"])] = r["value"]
    override = {r["word"]: r["value"] for r in words if r["kind"] == "symbol_type"}
    st = {}
    for ab, lst in symbol_types.items():
        st[ab] = lst
    for ab, name in override.items():
        st[ab] = [(name, "override")]
    keyed = dict(st)
    for ab, lst in st.items():
        keyed.setdefault(strip_accents(ab).upper(), lst)
    type_alt = _trie(types)
    type_before = re.compile(
        r"(?<![\p{L}])(?P<type>" + type_alt + r")"
        r"(?:\s*\([^()\n]{1,30}\))?"  # "Quyết định (QĐ)"
        r"(?:\s+(?:của|do)\s+(?P<enum_issuer>[^;:\n]{1,80}?)\s*:)?"  # "các Quyết định của UBND tỉnh: số"
        r"\s*(?:số|so)?\s*:?\s*$")
    law_before = re.compile(r"(?<![\p{L}])(?P<type>bộ luật|luật|pháp lệnh)\s+(?P<name>[^;\n()]{2,120}?)"
                            r"\s+(?:số|so)\s*:?\s*$")
    issuers, alias_code = {}, {}
    for r in lexicon.rows("issuers"):
        issuers.setdefault(r["code"], r)
        issuers.setdefault(strip_accents(r["code"]).upper(), r)
        for a in [r["name"]] + [x for x in (r.get("aliases") or "").split("|") if x]:
            alias_code.setdefault(fold(a), r["code"])
    issuer_alias = re.compile(r"(?:" + _trie(alias_code) + r")(?![\p{L}])")
    ts = [fold(r["word"]) for r in words if r["kind"] == "title_start"]
    title_start = re.compile(r"\s+(?:" + _trie(ts) + r")(?![\p{L}])")
    nb = [fold(r["word"]) for r in words if r["kind"] == "not_before"]
    nb += [fold(r["prefix"]) for r in lexicon.rows("not_refs")]
    not_before = re.compile(r"(?<![\p{L}])(?:" + _trie(nb) + r")\s*(?:số\s*)?:?\s*$")
    known = [fold(r["name"]) for r in lexicon.rows("law_names")]
    law_known = re.compile(r"(?<![\p{L}])(?:" + _trie(known) + r")(?![\p{L}])")
    stop = (r"năm|ngày|số|của|hoặc|đã|được|hiện|thì|tại|theo|về|trong|do|với|để|cho|có|sửa|"
            r"này|nêu|trên|đó|khóa|kỳ|đến|từ|là|mà|khi|nhưng|cũng|phải|sẽ|đang|bao|quy\s+định|chưa|không|"
            r"đều|cần|nay|mới|gồm|nhằm|như|thuộc|tại")
    words_ = (r"(?:(?:[ ]+|\n(?=\p{Ll}))(?!(?:" + stop + r")(?![\p{L}])|và\s+(?i:luật|bộ|nghị|thông|quyết|pháp|các|"
              r"những|khoản|điều|điểm|chương|mục)(?![\p{L}]))[\p{L}][\p{L}\-]*){0,9}")
    # a long name ("Luật Tổ chức Hội đồng nhân dân và Ủy ban nhân dân") is taken whole when its
    # date follows; without a date the name is capped shorter, so prose does not run into it
    words_long = words_.replace("{0,9}", "{10,16}")
    named = r"(?<![\p{L}])(?P<type>Bộ luật|Luật|Pháp lệnh)\s+(?P<rest>\p{Lu}[\p{L}\-]*" + words_ + r")"
    law_generic = re.compile(
        r"(?<![\p{L}])(?P<type3>Bộ luật|Luật|Pháp lệnh)\s+(?P<rest3>\p{Lu}[\p{L}\-]*" + words_long + r")"
        r"(?=\s*,?\s+(?:ngày|năm)\s+\d)"
        r"|" + named +
        # a lower-case name only when a date follows ("Luật tổ chức HĐND và UBND ngày 26 …")
        r"|(?<![\p{L}])(?P<type2>Bộ luật|Luật|Pháp lệnh)\s+(?P<rest2>\p{Ll}[\p{L}\-]*" + words_ + r")"
        r"(?=\s+(?:ngày|năm)\s+\d)")
    law_named = re.compile(named)  # law_generic where no "ngày"/"năm" follows (others need one)
    dr = [fold(r["word"]) for r in words if r["kind"] == "draft"]
    draft_before = re.compile(r"(?<![\p{L}])(?:" + _trie(dr) + r")\s*(?:của\s+|các\s+)?$")
    reach = ()
    if all(a and not _WS.match(a[0]) for a in types):  # every match then starts on a non-blank
        n = max(sum(1 for ch in a if not _WS.match(ch)) for a in types) + 3  # + "số:"
        reach = tuple(re.compile(r"(?r)(?:\S\s*){0,%d}$" % k) for k in (n, n + 32))  # + "(…)"
    positions()  # the issuer parser's lazy pattern (15 ms to compile): built with the rest, in warm-up
    return Vocab(types, type_before, law_before, keyed, issuers, issuer_alias, alias_code,
                 title_start, not_before, law_known, law_generic, draft_before, reach,
                 law_named)


DRAFT_AFTER = re.compile(r"\s*\(\s*sửa đổi(?:,\s*bổ sung)?\s*\)")
HIEN_PHAP = re.compile(
    r"(?<![\p{L}])Hiến pháp(?P<rest>\s+(?:nước\s+)?Cộng hòa xã hội chủ nghĩa Việt Nam)?"
    r"(?=\s*,?\s*(?:năm|ngày)\s)")


@lru_cache(maxsize=1)
def positions():
    """Titles of office ("bộ trưởng", "chủ nhiệm", "phó chủ tịch") from positions.tsv (folded)."""
    ps = [fold(r["position"]) for r in lexicon.rows("positions")]
    return re.compile(r"\s*(?:" + _alt(ps) + r")(?=\s*$|\s*,|\s+\p{Lu}|\s+\p{Ll})", re.I)


@lru_cache(maxsize=1)
def glued():
    """(regex, abbr -> type) for "NĐ30" / "TT 01": a type abbreviation glued to a bare number."""
    rows = {r["word"]: r["value"] for r in lexicon.rows("ref_words") if r["kind"] == "glued_type"}
    rx = re.compile(r"(?<![\p{L}\d])(?P<abbr>" + _trie(rows) + r") ?" + GLUED_TAIL)
    return rx, rows


@lru_cache(maxsize=1)
def glued_gates() -> tuple:
    """One literal-led regex per abbreviation ("NĐ ?\\d"): together a superset of ``glued()``
    that regex finds by fast literal search, unlike the alternation tried at every position."""
    return tuple(re.compile(re.escape(a) + r" ?\d") for a in sorted(glued()[1]))


@dataclass(frozen=True, slots=True)
class LawFilters:
    foreign: object  # regex (text, case kept) of countries/bodies whose laws are not cited ones
    not_name: frozenset  # accent-stripped lower first words that do not start a law's name


@lru_cache(maxsize=1)
def law_filters() -> LawFilters:
    words = lexicon.rows("ref_words")
    fo = [r["word"] for r in words if r["kind"] == "foreign"]
    foreign = re.compile(r"(?<![\p{L}])(?:" + _trie(fo) + r")(?![\p{L}])")
    nn = frozenset(r["word"] for r in words if r["kind"] == "not_law_name")
    return LawFilters(foreign, nn)


# An English title in brackets right after a name: "(Framework Act on …)", "(Act on the …)".
ENGLISH_AFTER = re.compile(r"\s*\((?:[A-Z][a-z]+\s+){0,3}(?:Act|Law|Code)(?![\p{L}])")
# Where a sentence ends, for the window a foreign marker is looked for in.
SENTENCE_END = re.compile(r"[.;!?](?=\s)|\n\s*[-+•]")
# An all-caps abbreviation ends a generic name ("Luật BHYT vẫn có …"), unless "và UBND" follows.
ABBR_END = re.compile(r"(?<![\p{L}])\p{Lu}{2,}[\p{Lu}\d]*(?![\p{L}])(?!\s+và\s+\p{Lu}{2,})")
