"""Metrics: the counts, percentages, money, scores and ranks a report carries.

A number becomes a metric when what follows it is a counting noun/unit (lexicon/units.tsv) or
"%", or when it completes a quantity clause ("Tổng số nhiệm vụ được giao là 123", "biên chế
hành chính: 16"). Dates, codes, periods, list labels, article numbers, phone numbers and
durations are rejected first. A range ("từ 500.000 đồng đến 2.000.000 đồng", "từ 5 đến 10 triệu
đồng", "khoảng 3-5 tỷ đồng", "20-30%") is ONE metric: value = lower bound, value_max = upper
bound, span over both; its qualifier stays in the contract's four values: "exact" (both bounds
are stated; "đến dưới Y" keeps Y as value_max) or "about" when approximated. A range may wrap
over one PDF line break (lines are blocks: the next block is read as its continuation).
Table cells become metrics with subject/unit from their row and column headers. Everything
runs on ``ctx.folded`` per block; underthesea is only asked for the unit of a number followed by
a word the lexicon does not know (cached per window).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Optional

import regex

from .. import model
from ..normalize import fold
from . import metric_cues as cues
from .dates import find_dates
from .numbers import NUMERAL, number_word_pattern, parse_number, parse_words

class _CachedRe:
    """``regex`` with a plain dict cache: the module's own cache lookup dominated run time."""

    compile = staticmethod(regex.compile)
    escape = staticmethod(regex.escape)
    Pattern = regex.Pattern
    _cache: dict = {}

    def _c(self, p):
        r = self._cache.get(p)
        if r is None:
            r = self._cache[p] = regex.compile(p)
        return r

    def search(self, p, s):
        return self._c(p).search(s)

    def match(self, p, s):
        return self._c(p).match(s)

    def fullmatch(self, p, s):
        return self._c(p).fullmatch(s)

    def finditer(self, p, s):
        return self._c(p).finditer(s)

    def split(self, p, s):
        return self._c(p).split(s)

    def sub(self, p, r, s):
        return self._c(p).sub(r, s)


re = _CachedRe()

# not after "+": "Km 5+300" is a road chainage
_NUM_RX = re.compile(r"(?<![\p{L}\d.,/\-+])(?:" + NUMERAL + r")(?![\d])")
_WORD_NUM_RX = None  # compiled lazily: number words followed by a count unit

# Words that, right before a number, make it an identifier/date/ordinal rather than a quantity.
_NOT_BEFORE = re.compile(
    r"(?<![\p{L}])(?:ngày|tháng|năm|quý|giai đoạn|khóa|khoá|kỳ|kì|thứ|số|điều|khoản|điểm|mục|"
    r"chương|phần|tiết|km|phụ lục|biểu|mẫu|đề án|nghị định|nghị quyết|quyết định|thông tư|chỉ thị|"
    r"kế hoạch|công văn|luật|iso|tcvn|phiên bản|tầng|lô|đường|quốc lộ|tỉnh lộ|khu vực|tổ dân phố|"
    r"thôn|ấp|khu phố|mức độ|mức|cấp độ|nhóm|loại|hạng|bậc|lớp|phòng số|hội nghị lần|lần thứ|"
    r"chương trình|dự án|ban chỉ đạo|tổ|đoàn|đợt|bước|vòng|trang|tập|version|covid|sars)"
    r"\s*(?:số\s*)?[:.]?\s*$")
_RANK_BEFORE = re.compile(r"(?:xếp|xếp hạng|đứng|vị trí|xếp vị trí)\s+(?:thứ\s+)?$")
_TOTAL_SO = re.compile(r"(?:tổng|tổng cộng)\s+số\s*$")
_PHONE_BEFORE = re.compile(r"(?:điện thoại|đt|đtdđ|fax|hotline|sđt|di động|zalo)\s*[:.]?\s*[\d.\s]*$")
_TRIGGER_BEFORE = re.compile(
    r"(?:là|đạt|đạt được|chiếm|gồm|có|được giao|tổng cộng|tổng số|còn|với|bằng|tăng|giảm|"
    r"đạt tỷ lệ|tỷ lệ|số lượng|trong đó)\s*[:]?\s*$|:\s*$")
_QUANTITY_WORD = re.compile(r"(?<![\p{L}])(?:số|tổng|tỷ lệ|tỉ lệ|biên chế|chỉ tiêu|số lượng|kết quả)(?![\p{L}])")
_LABEL_AFTER = re.compile(r"^(?:\.\d+)*\s*[.)]|^(?:\.\d+)+(?:\s|$)")
_STOP_AFTER = re.compile(
    r"^\s?(?:được|đã|và|của|tại|trong|với|năm|là|đến|để|cho|theo|từ|về|thì|nhưng|hoặc|so|"
    r"lên|xuống|trở lên|trở xuống|nay)(?![\p{L}])")
_YEAR_RANGE_AFTER = re.compile(r"^\s*-\s*(?:19|20)\d{2}(?!\d)")
_RANGE_AFTER = re.compile(r"^\s*(?:%\s*)?(?:đến|tới|-)\s*(" + NUMERAL + r")(?!\d)(\s?%)?")
_RATIO_AFTER = re.compile(r"^/(\d+(?:\.\d{3})*(?:,\d+)?)(?![\d/]|[.,]\d)")
_SENT_END = re.compile(r"[.!?](?=\s+[\p{Lu}\d\-+*(\"])|[.!?]$")
_CLAUSE_BOUND = re.compile(r"[,;:()\[\]\"]|\s-\s|\.(?=\s)|\.$")
_SUBJECT_STOP = re.compile(
    r"\s(?:trong đó|đạt|gồm|bao gồm|với|tăng|giảm|so với|chiếm|là)(?![\p{L}])|[,;:()]|\.(?=\s|$)|\s-\s")
_PERIOD_RX = re.compile(
    r"(?<![\p{L}\d])(?:(?:\d{1,2}|sáu|chín) tháng (?:đầu|cuối) năm(?: \d{4})?|"
    r"quý [ivx1-4]+(?:\s?[/-]\s?\d{4}| năm \d{4})?|tháng \d{1,2}(?:\s?/\s?\d{4}| năm \d{4})?|"
    r"giai đoạn \d{4}\s?-\s?\d{4}|năm \d{4}|năm nay)(?![\p{L}\d])")
_TARGET_SECTION = re.compile(
    r"mục tiêu|phương hướng|chỉ tiêu|nhiệm vụ trọng tâm|nhiệm vụ,? giải pháp|kế hoạch năm|"
    r"nhiệm vụ.{0,40}năm \d{4}|nội dung,? nhiệm vụ|yêu cầu")
_ACTUAL_SECTION = re.compile(r"kết quả|tình hình|đánh giá|thực trạng|tồn tại")
_TARGET_CHI_TIEU_FALSE = re.compile(r"chỉ tiêu (?:hợp đồng|biên chế|lao động)")
# "đưa ra khỏi kế hoạch 55 lớp": a document-type word before a count with its unit. Not "đề án",
# "chương trình", "dự án": their numbers are names ("Đề án 06 tỉnh Lâm Đồng", "Chương trình 135").
_DOCWORD_BEFORE = re.compile(r"(?<![\p{L}])(?:kế hoạch|nghị quyết|quyết định|công văn|chỉ thị)\s*$")
_THOUSANDS_NUM = re.compile(r"\d{1,3}(?:\.\d{3})+")
# "1.376 các đơn vị": a plural marker between the number and its counting noun
_PLURAL_GAP = re.compile(r"\s(?:các|những)(?=\s)")
# "(số đơn vị tự bảo đảm từ 70% - dưới 100% chi thường xuyên là 36 đơn vị)": the percentages
# bound a category inside the subject of "số ... là N"; N is the metric, not they.
_CATEGORY_AFTER = re.compile(r"[^,;()\n]{0,80}?\slà\s+\d")
_COUNT_SUBJECT_BEFORE = re.compile(r"(?<![\p{L}])(?:số|số lượng|tổng số)\s[^,;()\n]*$")
# a kind cue right after a rate is its base, not a target statement: "đạt 51,8% kế hoạch"
_RATE_BASE = re.compile(r"\d\s?%\s*$")
_ACTUAL_OVERRIDE_FALSE = re.compile(r"đã (?:đề ra|đặt ra|được giao|giao|xác định)")
# Ranges "từ X <unit> đến [dưới] Y <unit>", "X đến|- Y <unit>": the separator and the upper bound.
# "-" only inside a line: at a line start it is a bullet ("… 3 người\n- 5 người …").
_W = r"[ \t]*\n?[ \t]*"  # a range may wrap over one PDF line break, never at a "-"
_RANGE_SEP = re.compile(r"(?:" + _W + r"(?:đến|tới)" + _W + r"(?:(?:dưới|không quá)" + _W + r")?|"
                        r"[ \t]*[-–—][ \t]*(?:(?:dưới|không quá)[ \t]+)?)"
                        r"(" + NUMERAL + r")(?![\d]|[.,]\d)")
_MULTIPLIER = re.compile(r"\s?(triệu|tỷ|tỉ|nghìn|ngàn)(?![\p{L}])")
_ARTICLE_AFTER = re.compile(r"\s?(?:điều|khoản|điểm|chương|mục|phụ lục)\s+\d")
_RANGE_FROM = re.compile(r"(?<![\p{L}])từ\s*$")
_RANGE_CLASSES = ("money", "count", "score", "percent")


def _range_tail(fx: str, e: int, value: float, from_cue: bool):
    """The rest of a range after X ends at ``e``: (value_max, end, unit, class), or None.

    Both bounds must name the same unit ("từ 500.000 đồng đến 2.000.000 đồng", "348 tỷ - 1.146 tỷ
    đồng"), or only Y does ("từ 5 đến 10 triệu đồng", "3-5 tỷ đồng"); a bare multiplier after X
    must begin Y's unit ("5 triệu đến 10 triệu đồng"). Durations ("từ 5 đến 10 ngày") and years
    ("2021-2025") never qualify. ``fx`` may run on into the next line (a wrapped PDF line)."""
    urx, urows = cues.units()
    p, xunit, xmult = e, None, None
    ux = urx.match(fx, e)
    if ux:
        row = urows[ux.group(1)]
        if row["class"] not in _RANGE_CLASSES:
            return None
        xunit, p = row["unit"], ux.end()
    else:
        mm = _MULTIPLIER.match(fx, e)
        if mm:
            xmult, p = mm.group(1).replace("tỉ", "tỷ").replace("ngàn", "nghìn"), mm.end()
    sep = _RANGE_SEP.match(fx, p)
    if not sep:
        return None
    dash = not regex.search(r"đến|tới", sep.group(0))
    if dash and (xunit or xmult) and not from_cue:
        return None  # "120 hồ sơ - 100 hồ sơ đã …": a clause dash, not a range
    vmax = parse_number(sep.group(1))
    if vmax is None or vmax < value:
        return None
    uy = urx.match(fx, sep.end())
    if not uy:
        return None
    row = urows[uy.group(1)]
    if row["class"] not in _RANGE_CLASSES or row["surface"] in ("g", "h"):
        return None
    if xunit and xunit != row["unit"] or xmult and not row["unit"].startswith(xmult):
        return None
    if not xunit and not xmult and 1900 <= value <= 2100 and 1900 <= vmax <= 2100:
        return None
    return vmax, uy.end(), row["unit"], row["class"], sep.end()


@lru_cache(maxsize=4096)
def _tokenize(window: str) -> tuple:
    from underthesea import word_tokenize  # heavy: only for words the unit lexicon lacks

    return tuple(word_tokenize(window))


def _word_num_rx() -> "re.Pattern":
    global _WORD_NUM_RX
    if _WORD_NUM_RX is None:
        w = number_word_pattern()
        _WORD_NUM_RX = re.compile(r"(?<![\p{L}])((?:" + w + r")(?:\s+(?:" + w + r"))*)(?![\p{L}])")
    return _WORD_NUM_RX


class _Cand:
    __slots__ = ("m", "s", "e", "sent", "clause_s", "block")

    def __init__(self, m, s, e, sent, clause_s, block):
        self.m, self.s, self.e, self.sent, self.clause_s, self.block = m, s, e, sent, clause_s, block


def extract_metrics(ctx) -> list:
    """All metrics of the document in text order, with section, parent, kind, period and area."""
    doc_year = _doc_year(ctx)
    default_period = _default_period(ctx)
    skip = _skip_spans(ctx)
    sections = sorted(ctx.sections, key=lambda s: (s.span[0], -s.span[1]))
    out: list = []
    in_recipients = False
    prev_f = ""
    carry = -1  # end of a range that wrapped into this block: its upper bound is taken
    blocks = ctx.blocks
    for bi, b in enumerate(blocks):
        if b.style == "esign" or b.layout_table or not b.text:
            continue
        ftxt = ctx.folded[b.start:b.end]
        if re.match(r"(?:nơi nhận|nơi gửi)\s*:", ftxt):
            in_recipients = True
            continue
        if in_recipients:
            if re.match(r"[-+•*]", ftxt) or b.table is not None and b.layout_table:
                continue
            in_recipients = False
        if any(b.start < e and s < b.end for s, e in skip):
            if all(s <= b.start and b.end <= e for s, e in skip if s < b.end and b.start < e):
                continue
        if b.table is not None:
            continue  # table cells: see _table_metrics
        nxt = blocks[bi + 1] if bi + 1 < len(blocks) else None
        found = _block_metrics(ctx, b, ftxt, skip, doc_year, default_period, _lead(prev_f, ftxt),
                               _continuation(ctx, b, nxt), carry)
        carry = max((m.span[1] for m in found), default=carry)
        out.extend(found)
        prev_f = ftxt
    out.extend(_table_metrics(ctx, doc_year, default_period))
    out.sort(key=lambda m: (m.span[0], m.span[1]))
    _resolve_parents(out, ctx.folded)
    in_target: dict = {}
    sec_period: dict = {}
    for m, sid in zip(out, _sections_of(sections, [m.span[0] for m in out])):
        m.section = sid
        if m.period is None or m.period == default_period:
            # no period in the sentence: the section's ("II. NHIỆM VỤ 6 THÁNG CUỐI NĂM 2023")
            # before the document title's
            if m.section not in sec_period:
                sec_period[m.section] = _section_period(ctx, m.section)
            m.period = sec_period[m.section] or m.period
        if m.kind != "target":
            if m.section not in in_target:
                in_target[m.section] = _in_target_section(ctx, m.section)
            if in_target[m.section]:
                m.kind = "target"
    try:
        from .areas import assign_areas

        assign_areas(ctx, out)
    except ImportError:  # scikit-learn absent: areas stay None, metrics still useful
        pass
    return out


# ---------------------------------------------------------------- body text


def _lead(prev_f: str, ftxt: str) -> str:
    """The open sentence a wrapped line continues (PDF lines are blocks): "… yêu cầu tỷ lệ cơ
    quan … và đơn vị" + "hành chính cấp xã được kiểm tra từ 20% trở lên." keeps its cue."""
    if not prev_f or not re.match(r"[\p{Ll}\d]", ftxt) or re.search(r"[.!?:;]\s*$", prev_f):
        return ""
    s, _ = _sentence_bounds(prev_f, len(prev_f))
    return prev_f[s:][-200:] + " "


def _continuation(ctx, b, nxt) -> int:
    """End of the next block when it is the next line of the same text flow (joined by one
    "\n"), so a range may wrap into it: "phạt tiền từ 40.000.000 đồng đến" + "100.000.000 đồng"."""
    if nxt is None or nxt.start != b.end + 1 or nxt.table is not None or nxt.layout_table or \
            nxt.style == "esign" or not nxt.text:
        return b.end
    return nxt.end


def _block_metrics(ctx, b, ftxt: str, skip, doc_year, default_period, lead: str = "",
                   flow_end: int = -1, carry: int = -1) -> list:
    text = ctx.text[b.start:b.end]
    # the block and the next line, for ranges that wrap; positions agree with ``ftxt``
    fx = ctx.folded[b.start:flow_end] if flow_end > b.end else ftxt
    tx = ctx.text[b.start:flow_end] if flow_end > b.end else text
    dates = [(s, e) for s, e, _ in find_dates(text)]
    found = []
    used_until = carry - b.start
    for m in _NUM_RX.finditer(ftxt):
        s, e = m.span()
        if s < used_until:
            continue
        if any(ds <= s < de for ds, de in dates):
            continue
        if any(ss <= b.start + s < se for ss, se in skip):
            continue
        item = _number_metric(ctx, b, text, ftxt, s, e, doc_year, default_period, lead, fx, tx)
        if item is not None:
            used_until = item.span[1] - b.start
            found.append(item)
    found.extend(_word_metrics(ctx, b, text, ftxt, found, doc_year, default_period, lead))
    return found


def _number_metric(ctx, b, text, ftxt, s, e, doc_year, default_period, lead="", fx=None,
                   tx=None) -> Optional[model.Metric]:
    num = ftxt[s:e]
    before = ftxt[max(0, s - 60):s]
    after = ftxt[e:e + 80]
    if _ARTICLE_AFTER.match(after):
        return None  # "các khoản 1, 4 và 5 Điều 192": the last of a list of clause numbers
    v0 = parse_number(num)
    rt = _range_tail(fx or ftxt, e, v0, bool(_RANGE_FROM.search(before))) if v0 is not None else None
    if not rt and (after[:1].isalpha() or after[:1] in ("-", "/") and _code_like(after)):
        if not after.startswith("/"):
            return None
    if not re.search(r"[\p{L}\d]", ftxt[:s]):  # block start: list/section label "1.", "1.1", "a)"
        counted = _THOUSANDS_NUM.fullmatch(num) and re.match(r"\s\p{Ll}", text[e:e + 2]) and \
            cues.units()[0].match(ftxt, e)  # "- 2.227 dịch vụ công trực tuyến" is a count
        if not counted and (_LABEL_AFTER.match(after) or re.fullmatch(r"\d+(?:\.\d+)+", num) or
                            re.match(r"\s*\*?\s*\p{Lu}", text[e:e + 4])):
            return None
    if _PHONE_BEFORE.search(before) or (num.startswith("0") and len(re.sub(r"\D", "", num)) >= 9):
        return None
    if before.endswith("-") and re.search(r"\p{L}-$", before):
        return None
    value = parse_number(num)
    if value is None:
        return None
    rank_of = None
    end = e
    rank = bool(_RANK_BEFORE.search(before))
    if after.startswith("/"):
        r = _RATIO_AFTER.match(after)
        if not r or re.match(r"/\d+\s*/", after):
            return None  # date, code or "3/4" levels
        denom = parse_number(r.group(1))
        if re.search(r"mức độ\s*$|mức\s*$", before):
            return None
        if re.match(r"^/\d+\s*(?:giờ|h)\b", after) or denom is None:
            return None  # "24/24 giờ"
        if 1900 <= (denom or 0) <= 2100 and value <= 12 and "." not in r.group(1):
            return None  # month/year "12/2022"
        if rank:
            rank_of = int(denom)
        end = e + r.end()
        after = ftxt[end:end + 80]
    if not rank and _NOT_BEFORE.search(before) and not _TOTAL_SO.search(before) and \
            not re.search(r"(?:mỗi|hằng|hàng)\s+(?:tháng|năm|quý|tuần)\s*$", before):
        if not re.search(r"(?:đạt|là|có|tổng số|số lượng|gồm)\s+(?:số\s+)?$", before) and \
                not (_DOCWORD_BEFORE.search(before) and not after.startswith(("/", "-")) and
                     _count_unit_at(ftxt, text, end)):
            return None
    if re.search(r"(?<![\p{L}])thứ\s*$", before) and not rank:
        return None
    if _YEAR_RANGE_AFTER.match(after) and 1900 <= value <= 2100:
        return None
    percent = False
    unit = None
    uclass = None
    value_max = None
    ue = end
    if rank:
        unit, uclass = "thứ hạng", "rank"
    elif rt:
        value_max, ue, unit, uclass, _ = rt
        percent = uclass == "percent"
        if percent and _category_bound(ftxt, s, ue, lead):
            return None  # "(số đơn vị tự bảo đảm từ 30% - dưới 70% chi thường xuyên là 58 …)"
    pm = re.match(r"\s?%", after) if not rt else None
    if pm:
        percent, unit, uclass = True, "%", "percent"
        ue = end + pm.end()
        if _category_bound(ftxt, s, ue, lead):
            return None
    rg = _RANGE_AFTER.match(ftxt[ue:ue + 40]) if not rank and not rt else None
    if rg and (percent or rg.group(2)) and not (1900 <= value <= 2100):
        value_max = parse_number(rg.group(1))
        ue = ue + rg.end()
        if rg.group(2):
            percent, unit, uclass = True, "%", "percent"
    um_known = True
    if unit is None:
        urx, urows = cues.units()
        um = urx.match(ftxt, ue)
        if not um:
            gap = _PLURAL_GAP.match(ftxt, ue)
            um = urx.match(ftxt, gap.end()) if gap else None
            if um and urows[um.group(1)]["class"] != "count":
                um = None
        if um:
            row = urows[um.group(1)]
            if row["class"] == "duration":
                return None
            unit, uclass = row["unit"], row["class"]
            if row["surface"] in ("g", "h") :
                return None
            ue = um.end()
        else:
            rest = ftxt[ue:ue + 40]
            if re.match(r"\s?\p{L}", rest) and not _STOP_AFTER.match(rest):
                unit = _fallback_unit(text[ue - 0:ue + 40])
                if unit is None:
                    return None
                uclass, um_known = "count", False
                ue = ue + (len(ftxt[ue:]) - len(ftxt[ue:].lstrip())) + len(unit)
            else:
                if not _TRIGGER_BEFORE.search(before) and not re.search(r"[:=]\s*$", before):
                    return None
                if 1900 <= value <= 2100 and "." not in num and "," not in num:
                    return None
                clause = _clause_before(ftxt, s)
                if not _QUANTITY_WORD.search(clause) and not re.search(r":\s*$", before):
                    return None
                unit = _unit_in(clause) if not percent else unit
                uclass = "lookback"
    if uclass != "percent" and uclass != "rank" and unit is None and 1900 <= value <= 2100:
        return None
    if uclass == "count" and not um_known and 1900 <= value <= 2100:
        return None  # "ISO 9001:2015 ứng dụng": a year/standard, not a count
    if re.search(r"\d\s*:\s*$", before):
        return None  # times "14:30", standards "9001:2015"
    if uclass not in ("percent", "rank", "money", "score") and unit in ("tháng", "năm", "ngày"):
        return None
    sent_s, sent_e = _sentence_bounds(ftxt, s)
    cue_text = (lead if sent_s == 0 else "") + ftxt[sent_s:s]
    qualifier = _qualifier(cue_text)
    if re.match(r"\s*(?:trở lên|trở lại)(?![\p{L}])", ftxt[ue:ue + 12]):
        qualifier = "at_least"
    elif re.match(r"\s*trở xuống(?![\p{L}])", ftxt[ue:ue + 12]):
        qualifier = "at_most"
    if value_max is not None:
        # a range states both bounds: "exact" unless approximated ("khoảng 3-5 tỷ đồng");
        # "từ" is not "at_least" here, the upper bound is in value_max
        qualifier = "about" if qualifier == "about" else "exact"
    kind = _kind(ctx, cue_text, doc_year, ftxt[sent_s:sent_e])
    period = _period(ctx, b, ftxt, sent_s, sent_e, s) or default_period
    if period and kind == "actual" and doc_year and _period_year(period) and _period_year(period) > doc_year:
        kind = "target"
    if rt and not rank:  # the unit after Y; the line the range wrapped into counts as text
        subject = _subject(tx or text, fx or ftxt, s, rt[4], ue, sent_s, max(sent_e, ue), percent, unit)
    else:
        subject = _subject(text, ftxt, s, end, ue, sent_s, sent_e, percent,
                           None if uclass == "lookback" else unit)
    return model.Metric(value=value, percent=percent, unit=unit, subject=subject,
                        qualifier=qualifier, kind=kind, period=period, section=None, parent=None,
                        span=(b.start + s, b.start + ue if not percent and unit else b.start + max(ue, end)),
                        value_max=value_max, rank_of=rank_of)


def _category_bound(ftxt: str, s: int, ue: int, lead: str) -> bool:
    """The percentage bounds a category in the subject of "số … là N" (see _CATEGORY_AFTER); the
    "số …" may sit on the previous PDF line (``lead``)."""
    return bool(_CATEGORY_AFTER.match(ftxt, ue) and
                _COUNT_SUBJECT_BEFORE.search((lead + ftxt[:s])[-120:]))


def _count_unit_at(ftxt: str, text: str, pos: int) -> bool:
    """A counting noun follows, and no proper name after it ("06 tỉnh Lâm Đồng" is a name)."""
    urx, urows = cues.units()
    um = urx.match(ftxt, pos)
    if not um or urows[um.group(1)]["class"] not in ("count", "money"):
        return False
    return not re.match(r"\s+\p{Lu}", text[um.end():um.end() + 3])


def _code_like(after: str) -> bool:
    return bool(re.match(r"[-/]\s*[\p{L}\d]", after))


def _fallback_unit(window: str) -> Optional[str]:
    """The word right after the number, segmented by underthesea (the lexicon did not know it)."""
    w = window.lstrip()
    head = " ".join(w.split()[:4])
    head = re.split(r"[,;:.()\"]", head)[0].strip()
    if not head or not head[0].isalpha():
        return None
    toks = _tokenize(head)
    if not toks:
        return None
    first = toks[0].replace("_", " ")
    if not head.startswith(first):
        return None
    return first if first.isupper() and len(first) <= 6 else first.lower()


def _unit_in(clause: str) -> Optional[str]:
    """Unit named earlier in a quantity clause ("Số hồ sơ giải quyết ... là 193.457")."""
    rx = cues.count_units()
    _, rows = cues.units()
    last = None
    for m in rx.finditer(clause):
        if re.search(r"(?:số lượng|tổng số|số)\s+$", clause[:m.start()]):
            return rows[m.group(1)]["unit"]  # the noun right after "số" is what is counted
        last = m
    return rows[last.group(1)]["unit"] if last else None


def _word_metrics(ctx, b, text, ftxt, found, doc_year, default_period, lead="") -> list:
    """Spelled-out counts followed by a counting noun ("hai đoàn kiểm tra", "mười hồ sơ")."""
    out = []
    urx, urows = cues.units()
    for m in _word_num_rx().finditer(ftxt):
        words = m.group(1).split()
        if len(words) == 1 and words[0] in ("một", "mốt", "năm", "tư", "không", "lăm", "nhăm",
                                            "mươi", "trăm", "nghìn", "ngàn", "triệu", "tỷ", "tỉ",
                                            "ba", "bảy", "bẩy", "tám", "chín"):
            # "một cửa", "năm 2025", "ba" (father) and "bảy/tám/chín" read as words too often;
            # keep spelled counts of 2, 4, 6 and 10 and all multi-word numbers.
            continue
        value = parse_words(words)
        if value is None:
            continue
        um = urx.match(ftxt, m.end())
        if not um or urows[um.group(1)]["class"] not in ("count",):
            continue
        s, ue = m.start(), um.end()
        if any(f.span[0] - b.start <= s < f.span[1] - b.start for f in found):
            continue
        sent_s, sent_e = _sentence_bounds(ftxt, s)
        cue_text = (lead if sent_s == 0 else "") + ftxt[sent_s:s]
        kind = _kind(ctx, cue_text, doc_year, ftxt[sent_s:sent_e])
        period = _period(ctx, b, ftxt, sent_s, sent_e, s) or default_period
        unit = urows[um.group(1)]["unit"]
        out.append(model.Metric(
            value=float(value), percent=False, unit=unit,
            subject=_subject(text, ftxt, s, m.end(), ue, sent_s, sent_e, False, unit),
            qualifier=_qualifier(cue_text), kind=kind, period=period, section=None,
            parent=None, span=(b.start + s, b.start + ue)))
    return out


# ---------------------------------------------------------------- context


def _sentence_bounds(ftxt: str, pos: int) -> tuple:
    s = 0
    for m in _SENT_END.finditer(ftxt, 0, pos):
        s = m.end()
    m = _SENT_END.search(ftxt, pos)
    e = m.end() if m else len(ftxt)
    return s, e


def _clause_before(ftxt: str, pos: int) -> str:
    seg = re.sub(r"[\s:=]+$", "", ftxt[max(0, pos - 160):pos])
    parts = re.split(r"[;()]|\.\s|:\s|\d|\strong đó\s", seg)
    return parts[-1] if parts else seg


def _qualifier(before_in_sentence: str) -> str:
    rx, table = cues.qualifiers()
    tail = before_in_sentence[-40:]
    m = rx.search(tail)
    if not m:
        return "exact"
    cue = m.group(1)
    if cue in ("trên", "dưới", "gần", "hơn") and m.group(2).strip():
        return "exact"  # these bind only when right before the number
    if cue == "trên" and re.search(r"(?:đạt|có|với|là)\s+trên\s*$", tail) is None and \
            not re.search(r"(?:^|[\s,(])trên\s*$", tail):
        return "exact"
    return table[cue]


def _kind(ctx, before: str, doc_year, sentence: str) -> str:
    """Target when a target cue precedes the number in its sentence, unless the cue is the base
    of a rate ("đạt 51,8% kế hoạch") or a later "đã" reports what was done ("(gồm kế hoạch năm
    2025 là …), đã giải ngân được 9.400 tỷ đồng")."""
    last = None
    fakes = [(f.start(), f.end()) for f in cues.not_target_cues().finditer(before)]
    for m in cues.target_cues().finditer(before):
        if m.group(1) == "chỉ tiêu" and _TARGET_CHI_TIEU_FALSE.match(before, m.start()):
            continue
        if any(a <= m.start() and m.end() <= b for a, b in fakes):
            continue  # "bổ sung có mục tiêu" is a kind of budget transfer, not a target
        if _RATE_BASE.search(before, max(0, m.start() - 12), m.start()):
            continue
        last = m
    if last is None:
        return "actual"
    for a in cues.actual_cues().finditer(before, last.end()):
        if not _ACTUAL_OVERRIDE_FALSE.match(before, a.start()):
            return "actual"
    return "target"


_BASE_PERIOD = re.compile(r"(?:so với|cùng kỳ)\s+$")


@lru_cache(maxsize=64)
def _periods_in(ftxt: str) -> tuple:
    """Period spans of a block, found once per block rather than once per number."""
    return tuple(m.span() for m in _PERIOD_RX.finditer(ftxt))


def _period(ctx, b, ftxt, sent_s, sent_e, pos) -> Optional[str]:
    """The last period before the number in its sentence, else the first one after it."""
    spans = _periods_in(ftxt)
    best = None
    for s, e in spans:
        if s >= sent_s and e <= pos:
            if _BASE_PERIOD.search(ftxt, max(0, s - 10), s):
                continue  # "tăng 2,1 điểm so với năm 2021": the comparison base, not the period
            best = (s, e)
        elif s >= pos:
            break
    if best is None:
        best = next(((s, e) for s, e in spans if s >= pos and e <= sent_e), None)
    if best is None:
        return None
    return ctx.text[b.start + best[0]:b.start + best[1]]


@lru_cache(maxsize=256)
def _period_year(period: str) -> Optional[int]:
    m = re.search(r"(19|20)\d{2}", period)
    return int(m.group(0)) if m else None


def _doc_year(ctx) -> Optional[int]:
    h = ctx.header
    d = getattr(h, "date", None) if h is not None else None
    if d and re.match(r"\d{4}", d):
        return int(d[:4])
    return None


def _default_period(ctx) -> Optional[str]:
    """The period the whole document is about, from its title ("… 6 tháng đầu năm 2023")."""
    h = ctx.header
    title = getattr(h, "title", None) if h is not None else None
    if not title:
        return None
    m = _PERIOD_RX.search(fold(title))
    return title[m.start():m.end()] if m else None


def _subject(text, ftxt, s, num_end, ue, sent_s, sent_e, percent, unit) -> Optional[str]:
    """The noun phrase measured: after the number ("100% hồ sơ TTHC được giải quyết đúng hạn"),
    or the clause before it ("Tỷ lệ số hóa hồ sơ ... đạt 82%")."""
    after_f = ftxt[ue:sent_e]
    after_t = text[ue:sent_e]
    if unit and not percent:
        m = _SUBJECT_STOP.search(after_f)
        tail = after_t[:m.start()] if m else after_t
        tail = _cap_words(tail, 10)
        uni = text[num_end:ue].strip()
        if not tail.strip():
            # "Chỉ số PAPI đạt 43,12 điểm.": nothing after the unit; the measured thing is the
            # clause linked to the number by a verb
            linked = _subject_before(text, ftxt, s, sent_s, linked_only=True)
            if linked:
                return linked
        phrase = (uni + (" " + tail.strip() if tail.strip() else "")).strip()
        return phrase or None
    if percent:
        rest = after_f.lstrip()
        if rest and rest[0].isalpha() and not re.match(
                r"(?:kế hoạch|so với|trở lên|trở xuống|và|trong|tại|đến|theo|nhiệm vụ|chỉ tiêu|"
                r"số|tổng|trên tổng|trên|năm|cùng kỳ)(?![\p{L}])", rest):
            m = _SUBJECT_STOP.search(after_f)
            tail = after_t[:m.start()] if m else after_t
            return _cap_words(tail.strip(), 12) or None
    return _subject_before(text, ftxt, s, sent_s)


_LINK_END = re.compile(r"(?:\s(?:đạt|là|chiếm|gồm|có|bằng|được giao là)(?:\s+(?:tỷ lệ|khoảng|gần|hơn|trên|"
                       r"tối thiểu|ít nhất|tối đa))?|:)\s*$")
_QUALIFIER_END = re.compile(r"\s(?:từ|không quá|không vượt quá|không dưới|không thấp hơn|tối thiểu|tối đa|"
                            r"ít nhất|khoảng|gần|trên|dưới|hơn)\s*$")


def _subject_before(text, ftxt, s, sent_s, linked_only=False) -> Optional[str]:
    """The clause before the number, from its last boundary; ``linked_only``: only when a
    linking verb ("đạt", "là", ":") joins it to the number."""
    clause_f = ftxt[sent_s:s]
    # an unclosed "(" bounds the clause; "Chỉ số CCHC (PAR INDEX) năm 2023" keeps its gloss
    cut = max((m.end() for m in re.finditer(r"\d\S*\s+và\s|;|\((?![^()]*\))|\.\s|,\s(?=(?:số|tỷ lệ|tổng|trong đó))|:\s(?=(?:số|tỷ lệ|tổng))|trong đó[:,]?\s", clause_f)), default=0)
    seg_f = clause_f[cut:]
    seg_t = text[sent_s + cut:s]
    q = _QUALIFIER_END.search(seg_f)  # "Tỷ lệ hồ sơ trễ hạn không quá 5%"
    if q:
        seg_f, seg_t = seg_f[:q.start()], seg_t[:q.start()]
    m = _LINK_END.search(seg_f)
    if m:
        seg_t = seg_t[:m.start()]
    if linked_only and (not m or re.match(r"\s(?:có|gồm)", m.group()) or len(seg_t.split()) < 2):
        return None  # "hiện có 15 công chức": the unit names the thing better than "hiện"
    seg_t = re.sub(r"^\s*[-+•*]\s*", "", seg_t).strip(" ,:-")
    if not seg_t:
        return None
    sm = None
    for sm in re.finditer(r"(?<![\p{L}])(?:chỉ số|tỷ lệ|tỉ lệ|tổng số|số lượng|số)(?![\p{L}])", fold(seg_t)):
        break
    if sm is not None and len(seg_t[sm.start():].split()) >= 2:
        seg_t = seg_t[sm.start():]
    elif ", " in seg_t and len(seg_t.rsplit(", ", 1)[1].split()) >= 2:
        seg_t = seg_t.rsplit(", ", 1)[1]
    words = seg_t.split()
    return " ".join(words[-16:])


def _cap_words(s: str, n: int) -> str:
    w = s.split()
    return " ".join(w[:n])


# ---------------------------------------------------------------- tables


def _table_metrics(ctx, doc_year, default_period) -> list:
    """Numeric cells of data tables: subject "<row label> - <column header>", entity = row label."""
    grids: dict = {}
    for b in ctx.blocks:
        if b.table is None or b.layout_table or b.style == "esign" or b.row is None or b.col is None:
            continue
        grids.setdefault(b.table, {}).setdefault((b.row, b.col), []).append(b)
    out = []
    for ti in sorted(grids):
        out.extend(_grid_metrics(ctx, ti, grids[ti], doc_year, default_period))
    return out


_CELL_NUM = re.compile(r"^\s*(" + NUMERAL + r")\s*(%?)\s*$")
_STT = re.compile(r"^(?:stt|tt|số tt|số thứ tự)$")


def _cell_text(blocks) -> str:
    return " ".join(b.text for b in blocks).strip()


def _grid_metrics(ctx, ti, grid, doc_year, default_period) -> list:
    rows = sorted({r for r, _ in grid})
    cols = sorted({c for _, c in grid})

    def numeric(r, c):
        bl = grid.get((r, c))
        return bool(bl) and bool(_CELL_NUM.match(_cell_text(bl)))

    first_data = None
    for r in rows:
        if any(numeric(r, c) for c in cols[1:]) and not all(
                numeric(r, c) and parse_number(_cell_text(grid[(r, c)])) == i + 1
                for i, c in enumerate(c for c in cols if (r, c) in grid)):
            first_data = r
            break
    if first_data is None or first_data == rows[0] and len(rows) == 1:
        return []
    header_rows = [r for r in rows if r < first_data]
    # merged header cells are absent from the grid: "Hồ sơ tiếp nhận" over "Trực tuyến | Trực
    # tiếp" names both columns (filled like tables.py does for Table.header)
    from .tables import _fill_header

    filled = _fill_header([[_cell_text(grid[(r, c)]) if (r, c) in grid else None for c in cols]
                           for r in header_rows])
    headers = {}
    for ci, c in enumerate(cols):
        parts = []
        for hr in filled:
            t = hr[ci]
            if t and t not in parts:
                parts.append(t)
        headers[c] = " - ".join(parts) if parts else None
    skip_cols = {c for c, h in headers.items() if h and _STT.match(fold(h).strip(" .:"))}
    if cols and headers.get(cols[0]) is None and all(
            not _cell_text(grid.get((r, cols[0]), [])) or re.fullmatch(r"[\divxlcIVXLC.]+", _cell_text(grid[(r, cols[0])]))
            for r in rows if r >= first_data):
        skip_cols.add(cols[0])
    urx, urows = cues.units()
    unit_col = next((c for c, h in headers.items() if h and re.search(
        r"(?<![\p{L}])(?:đơn vị tính|đvt)(?![\p{L}])", fold(h))), None)
    if unit_col is not None:
        skip_cols.add(unit_col)  # indicator tables: "Số nhiệm vụ … | Nhiệm vụ | 45"
    out = []
    for r in rows:
        if r < first_data:
            continue
        label = None
        for c in cols:
            if c in skip_cols:
                continue
            t = _cell_text(grid.get((r, c), []))
            if t and not _CELL_NUM.match(t):
                label = t
                break
        for c in cols:
            if c in skip_cols:
                continue
            bl = grid.get((r, c))
            if not bl:
                continue
            cell = _cell_text(bl)
            cm = _CELL_NUM.match(cell)
            if not cm:
                continue
            value = parse_number(cm.group(1))
            head = headers.get(c) or ""
            fh = fold(head)
            if value is None or re.search(r"(?<![\p{L}])(?:ngày|năm|thời gian|số hiệu|ký hiệu|mã)(?![\p{L}])", fh) \
                    and not re.search(r"số lượng|tỷ lệ|tổng", fh):
                continue
            row_unit = _cell_text(grid.get((r, unit_col), [])) if unit_col is not None else ""
            fl = fold(label or "")
            percent = bool(cm.group(2)) or "%" in head or bool(re.search(r"tỷ lệ|tỉ lệ", fh)) or \
                row_unit.strip() == "%" or (unit_col is not None and fl.startswith(("tỷ lệ", "tỉ lệ")))
            unit = "%" if percent else None
            if not percent and row_unit:
                um = urx.match(" " + fold(row_unit).strip())
                unit = urows[um.group(1)]["unit"] if um else row_unit.strip().lower()
            elif not percent:
                pu = re.search(r"\(([^()]+)\)\s*$", fh)
                if pu and urx.match(" " + pu.group(1).strip()):
                    unit = urows[urx.match(" " + pu.group(1).strip()).group(1)]["unit"]
                else:
                    um = cues.count_units().search(fh)
                    unit = urows[um.group(1)]["unit"] if um else None
            blk = next(x for x in bl if _NUM_RX.search(ctx.folded[x.start:x.end]))
            nm = _NUM_RX.search(ctx.folded[blk.start:blk.end])
            span = (blk.start + nm.start(), blk.start + nm.end() + (1 if cm.group(2) and
                    ctx.text[blk.start + nm.end():blk.start + nm.end() + 1] == "%" else 0))
            subject = " - ".join(x for x in (label, head) if x) or None
            out.append(model.Metric(
                value=value, percent=percent, unit=unit, subject=subject, qualifier="exact",
                kind="target" if re.search(r"kế hoạch|chỉ tiêu|mục tiêu", fh) else "actual",
                period=_period_in(head) or default_period, section=None, parent=None, span=span,
                table=ti, entity=label))
    return out


def _period_in(s: str) -> Optional[str]:
    m = _PERIOD_RX.search(fold(s))
    return s[m.start():m.end()] if m else None


# ---------------------------------------------------------------- structure


def _skip_spans(ctx) -> list:
    spans = []
    h = ctx.header
    if h is not None:
        for v in (getattr(h, "spans", None) or {}).values():
            if isinstance(v, (list, tuple)) and len(v) == 2 and all(isinstance(x, int) for x in v):
                spans.append(tuple(v))
        if h.issuer is not None and h.issuer.span:
            spans.append(tuple(h.issuer.span))
    for s in ctx.signatories or []:
        if getattr(s, "span", None):
            spans.append(tuple(s.span))
    return spans


def _sections_of(sections, positions: list) -> list:
    """For each of the ascending positions, the id of the deepest section containing it (the
    last of them on a tie), or None. One pass: ``sections`` are sorted by start, and only those
    still open at the position are looked at."""
    out, open_, k = [], [], 0
    for pos in positions:
        while k < len(sections) and sections[k].span[0] <= pos:
            open_.append(sections[k])
            k += 1
        open_ = [s for s in open_ if pos < s.span[1]]
        best = None
        for s in open_:
            if best is None or s.level >= best.level:
                best = s
        out.append(best.id if best is not None else None)
    return out


def _section_period(ctx, sid) -> Optional[str]:
    """The period named in the title of the section or of its nearest ancestor that names one."""
    by_id = {s.id: s for s in ctx.sections}
    seen = 0
    while sid is not None and sid in by_id and seen < 20:
        p = _period_in(by_id[sid].title or "")
        if p:
            return p
        sid = by_id[sid].parent
        seen += 1
    return None


def _in_target_section(ctx, sid) -> bool:
    """Sections titled MỤC TIÊU / PHƯƠNG HƯỚNG / NHIỆM VỤ … NĂM 2026 state targets."""
    by_id = {s.id: s for s in ctx.sections}
    seen = 0
    while sid is not None and sid in by_id and seen < 20:
        sec = by_id[sid]
        t = fold(sec.title or "")
        # "đ) Hệ thống ... chưa đáp ứng yêu cầu phát triển ...": a sentence used as a list item
        # is not a heading; its words say nothing about the section's kind
        short = len(t.split()) <= 12
        am = _ACTUAL_SECTION.search(t)
        if am and (short or am.start() == 0):
            return False
        tm = _TARGET_SECTION.search(t)
        if tm and (short or tm.start() == 0):
            return True
        sid = sec.parent
        seen += 1
    return _is_plan(ctx)


def _is_plan(ctx) -> bool:
    h = ctx.header
    dt = getattr(h, "doc_type", None) if h is not None else None
    if dt is None:  # header stage absent/failed: the type name is a short upper-case title line
        for b in ctx.blocks[:25]:
            t = b.text.strip(" *#")
            if t.isupper() and 4 <= len(t) <= 40 and not re.search(r"\d|CỘNG HÒA|ĐỘC LẬP", t):
                dt = t.capitalize()
                break
    return (dt or "").lower() in ("kế hoạch", "chương trình", "đề án", "chương trình hành động")


_OPENER_AFTER = re.compile(r"[^\d.;]{0,40}?(?:trong đó|bao gồm|(?<![\p{L}])gồm)|[^\d.;]{0,25}?(\()")


def _resolve_parents(ms: list, folded: str) -> None:
    """Breakdowns: figures after "trong đó"/"gồm"/"(" that split an earlier count get parent."""
    opener = {}
    for i, p in enumerate(ms):
        if p.percent or p.table is not None:
            continue
        nxt = ms[i + 1].span[0] if i + 1 < len(ms) else p.span[1] + 60
        o = _OPENER_AFTER.match(folded, p.span[1], min(nxt, p.span[1] + 60))
        if o:
            opener[i] = o.end() if o.group(1) else o.end()
            opener[i] = (o.end(), bool(o.group(1)))
    for i, m in enumerate(ms):
        if m.percent or m.table is not None:
            continue
        for j in range(i - 1, max(-1, i - 12), -1):
            if j not in opener or ms[j].parent is not None:
                continue
            p = ms[j]
            o_end, paren = opener[j]
            if o_end > m.span[0]:
                continue
            gap = folded[p.span[1]:m.span[0]]
            if "\n" in gap or re.search(r"\.\s+\p{Lu}|\.\s*$", gap.replace("\n", " ")) and \
                    re.search(r"[.]\s", gap):
                continue
            if paren and ")" in folded[o_end:m.span[0]]:
                continue
            explicit = bool(re.search(r"\p{L}", folded[m.span[0]:m.span[1]]))
            if explicit and p.unit and m.unit and p.unit != m.unit and not _unit_compatible(p.unit, m.unit):
                continue
            if p.value is not None and m.value is not None and m.value > p.value:
                continue
            m.parent = j
            if not explicit and p.unit:
                m.unit = p.unit  # "09 hồ sơ, trong đó: hộ chiếu ngoại giao: 01" counts hồ sơ
            break


def _unit_compatible(a: str, b: str) -> bool:
    groups = [{"cơ quan", "đơn vị", "xã", "sở, ngành", "địa phương", "sở", "phường", "đơn vị hành chính"},
              {"người", "công chức", "viên chức", "cán bộ", "lao động", "người lao động", "biên chế"},
              {"TTHC", "thủ tục", "hồ sơ"}]
    return any(a in g and b in g for g in groups)
