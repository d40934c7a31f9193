"""Signature blocks: authority prefix (TM./KT./TL./TUQ./Q., Party T/M …), on whose behalf, the
nested deputy line, the signer's title and name.

Layouts handled: the plain right-column block; the PDF text layer that interleaves the Nơi nhận
column with the signature column on one line ("Nơi nhận: KT. GIÁM ĐỐC" / "- Như trên; PHÓ GIÁM
ĐỐC"); two blocks printed side by side ("THƯ KÝ CHỦ TỌA" then both names on one line);
"(Đã ký)" / "(Chữ ký, dấu)" and e-signature stamp lines between the title and the name; unsigned
drafts (name None). Lines are matched on ``ctx.folded`` keys and the original case, because
"upper case" is the strongest cue a signature line has.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Optional

import regex as re

from .. import model
from ..lexicon import rows
from ..normalize import fold, strip_accents

LOOKAHEAD = 22  # lines scanned after the first authority line for the rest of the block
MAX_NAME_LEN = 48


@lru_cache(maxsize=1)
def _authority_re():
    alts = []
    for r in rows("authority"):
        alts.append(f"(?P<a{len(alts)}>{r['pattern']})")
    canon = [r["canonical"] for r in rows("authority")]
    # at the line start, or after an interleaved left-column fragment ending in ":" ";" "." ")"
    pat = re.compile(r"(?:^|(?<=[:;.,)]\s{0,3}))\s*(?:" + "|".join(alts) + r")\s*", re.V1)
    return pat, canon


@lru_cache(maxsize=1)
def _positions() -> tuple:
    ps = sorted({fold(r["position"]) for r in rows("positions")}, key=len, reverse=True)
    return tuple(ps)


@lru_cache(maxsize=1)
def _position_re():
    return re.compile(r"(?:" + "|".join(re.escape(p) for p in _positions()) + r")(?=\s|$|[,.])")


@lru_cache(maxsize=1)
def _position_plain():
    """Accent-free keys (OCR drops diacritics: "PHO THU TƯƠNG") -> the lexicon spelling."""
    keys = {}
    for r in rows("positions"):
        keys.setdefault(strip_accents(fold(r["position"])), r["position"])
    alt = sorted(keys, key=len, reverse=True)
    return keys, re.compile(r"(?:" + "|".join(re.escape(k) for k in alt) + r")(?=\s|$|[,.])")


def _canon_position(cand: str) -> Optional[str]:
    """The title as printed when it starts with a known position; the lexicon spelling when only
    the accent-free form matches the whole line (OCR damage)."""
    f = fold(cand)
    if _position_re().match(f):
        return cand
    keys, pat = _position_plain()
    plain = strip_accents(f)
    if pat.match(plain):
        return keys.get(plain, cand)
    return None


@lru_cache(maxsize=1)
def _academic_re():
    pats = sorted((r["pattern"] for r in rows("academic_titles")), key=len, reverse=True)
    return re.compile(r"^(?:(?:" + "|".join(pats) + r")\s*[,.]?\s*)+")


_NAME_WORD = r"\p{Lu}[\p{Ll}\p{M}]*(?:-\p{Lu}?[\p{Ll}\p{M}]+)?"
_NAME_RE = re.compile(rf"^{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,5}}$")
_CAPS_NAME_RE = re.compile(r"^\p{Lu}+(?:\s+\p{Lu}+){1,4}$")
_SIGNED = re.compile(r"^[\[(]?\s*(?:đã ký|đã kí|ký|kí|chữ ký|chữ kí|ký tên|kí tên|ký,|ký và|"
                     r"signed|đã ký và đóng dấu)[^)\]]{0,60}[)\]]?\.?$")
# two blocks side by side: "(Đã ký) (Đã ký)", "(Chữ ký, dấu) (Chữ ký, dấu)" on one line
_SIGNED_SIDE_BY_SIDE = re.compile(r"(?:[\[(]\s*(?:đã ký|đã kí|ký|kí|chữ ký|chữ kí|ký tên|kí tên)"
                                  r"[^)\]]{0,40}[)\]]\s*){2,3}")
_RECIPIENT = re.compile(r"^\s*(?:[-+•*]\s|nơi nhận|lưu\s*[:.]|lưu\s+vt)")
_NOT_NAME_WORDS = {"ủy", "uỷ", "ban", "sở", "bộ", "phòng", "tỉnh", "huyện", "xã", "phường", "ty",
                   "cộng", "hòa", "độc", "lập", "kính", "gửi", "nơi", "nhận", "như", "trên",
                   "lưu", "tịch", "giám", "đốc", "phó", "trưởng", "quyết", "định", "điều", "phụ",
                   "lục", "ngày", "tháng", "số", "đảng", "việt", "mặt", "trận", "chính", "phủ",
                   "kế", "hoạch", "báo", "cáo", "thông", "tờ", "trình", "biểu", "mẫu", "bảng",
                   "đơn", "vị", "cơ", "quan", "lãnh", "đạo", "và", "các", "của", "về", "hội",
                   "nghị", "chữ", "ký", "dấu", "trang", "tổng", "cục", "vụ", "viện", "trường"}
_SURNAMES = ("nguyễn", "trần", "lê", "phạm", "hoàng", "huỳnh", "phan", "vũ", "võ", "đặng", "bùi",
             "đỗ", "hồ", "ngô", "dương", "lý", "đinh", "đoàn", "lâm", "mai", "trương", "cao",
             "hà", "tô", "lương", "trịnh", "đào", "chu", "tạ", "thái", "lưu", "vương", "kiều")


@dataclass
class _Part:
    kind: str  # "auth" | "pos" | "upper"
    text: str  # the upper-case text (without the prefix for auth)
    start: int
    end: int
    prefix: Optional[str] = None


@dataclass
class SigBlock:
    """A located signature block (block indices + parsed parts), shared with sections/tables."""
    first: int
    last: int
    start: int
    end: int
    parts: list = field(default_factory=list)
    name: Optional[str] = None
    name_span: Optional[tuple] = None


def _usable(b, small_tables=frozenset()) -> bool:
    """Signature lines live in text or in layout tables; readers do not always flag the footer
    grid as layout, so cells of small tables (<= 3 rows) count too."""
    if b.table is not None and not b.layout_table and b.table not in small_tables:
        return False
    return bool(b.text and b.text.strip()) and b.style != "running-head"


def _small_tables(blocks) -> frozenset:
    rows: dict = {}
    for b in blocks:
        if b.table is not None and b.row is not None:
            rows.setdefault(b.table, set()).add(b.row)
    return frozenset(t for t, r in rows.items() if len(r) <= 3)


def _has_lower(s: str) -> bool:
    return any(ch.islower() for ch in s)


def _upper_text(s: str) -> bool:
    return not _has_lower(s) and sum(ch.isalpha() for ch in s) >= 2


def _tail_upper(s: str) -> bool:
    """Authority and position candidates run to the line's end in upper case, so a line whose
    last letter is lower case cannot hold one: a cheap screen before the regexes."""
    for ch in reversed(s):
        if ch.isalpha():
            return not ch.islower()
    return False


def _match_auth(text: str, ftext: str):
    """(prefix, rest, offset of prefix) when the line (or its interleaved tail) is an authority
    line: prefix followed by an upper-case rest."""
    pat, canon = _authority_re()
    for m in pat.finditer(ftext):
        rest = text[m.end():].strip()
        if not _upper_text(rest):
            continue
        if m.start() > 0 and not _interleaved_ok(text[: m.start()]):
            continue
        idx = next(i for i in range(len(canon)) if m.group(f"a{i}") is not None)
        return canon[idx], rest.rstrip(" ,;."), m.start() + (len(m.group(0)) - len(m.group(0).lstrip()))
    return None


def _interleaved_ok(left: str) -> bool:
    """The left-column fragment before a signature tail: a Nơi nhận item or label."""
    ls = left.strip()
    return bool(ls) and (ls[-1] in ":;.,)" ) and (
        ls.startswith(("-", "+", "•")) or fold(ls).startswith(("nơi nhận", "lưu")) or len(ls) < 90)


_SPECKS = re.compile(r"^[^\w(]{1,3}\s*(?=\p{Lu})")
_COLUMN_BREAK = re.compile(r"(?<=[:;.,)])\s+(?=[^\p{Ll}]+$)")


def _match_pos(text: str, ftext: str):
    """(title text, offset) when the line, or its upper-case tail after a left-column fragment,
    starts with a known position."""
    t = text.strip()
    off = text.find(t[:1]) if t else 0
    cands = [(t, off)]
    j = _SPECKS.match(t)  # OCR specks before the title: "„ CHU TỊCH"
    if j:
        cands.append((t[j.end():], off + j.end()))
    # every column boundary, not only the first: "- Lưu: VT. PHÓ CHÁNH VĂN PHÒNG" splits after "VT."
    for m in _COLUMN_BREAK.finditer(text):
        if _interleaved_ok(text[: m.start()]):
            cands.append((text[m.end():].strip(), m.end()))
    for cand, o in cands:
        if not _upper_text(cand):
            continue
        canon = _canon_position(cand.rstrip(" ,;."))
        if canon:
            return canon, o
    return None


def _two_positions(title: str) -> Optional[tuple]:
    """'THƯ KÝ CHỦ TỌA' -> ('THƯ KÝ', 'CHỦ TỌA'): two side-by-side blocks in one text line."""
    f = fold(title)
    for p in _positions():
        if f.startswith(p + " "):
            rest = f[len(p) + 1:]
            if _position_re().fullmatch(rest) or rest in _positions():
                return title[: len(p)], title[len(p) + 1:]
    return None


def strip_academic(name: str) -> str:
    m = _academic_re().match(name)
    return name[m.end():].strip() if m and m.end() < len(name) else name


def _is_name(s: str) -> bool:
    s = strip_academic(s.strip().rstrip("."))
    if not s or len(s) > MAX_NAME_LEN or any(ch.isdigit() for ch in s):
        return False
    words = fold(s).split()
    # "Thu Trang", "Văn Hòa", "Quốc Việt": many of these words are also given names, so after
    # an opening surname they do not disqualify the line ("Sở Nội Vụ" opens with one)
    if words and words[0] in _NOT_NAME_WORDS or (
            words and words[0] not in _SURNAMES and any(w in _NOT_NAME_WORDS for w in words)):
        return False
    if _NAME_RE.match(s):
        return True
    return bool(_CAPS_NAME_RE.match(s)) and 2 <= len(words) <= 5 and _canon_position(s) is None \
        and _confirm_caps_name(s)


@lru_cache(maxsize=64)
def _confirm_caps_name(s: str) -> bool:
    """An upper-case line is ambiguous (a unit, an e-signature stamp "TRUNG TÂM CÔNG" or a name):
    it is a name when it opens with a surname, else when underthesea tags every token of its
    title-cased form as a proper noun (Np). Imported lazily: only such lines pay for it."""
    words = s.split()
    if fold(words[0]) in _SURNAMES:
        return True
    try:
        from underthesea import pos_tag
    except ImportError:  # optional dependency: keep the layout's verdict
        return True
    tags = pos_tag(" ".join(w[:1] + w[1:].lower() for w in words))
    return bool(tags) and all(t == "Np" for _, t in tags)


def _name_in(text: str) -> Optional[tuple]:
    """(name, offset) when the line is a name, or ends with one after a left-column fragment."""
    t = text.strip()
    if _is_name(t):
        return strip_academic(t.rstrip(".")), text.find(t) + (len(t) - len(strip_academic(t)))
    m = re.search(r"(?<=[;.)])\s+(\S[^;.]*)$", text)
    if m and text.lstrip().startswith(("-", "+")) and _is_name(m.group(1)):
        n = strip_academic(m.group(1).strip())
        return n, text.rfind(n)
    return None


def _two_names_line(text: str) -> Optional[tuple]:
    """(line, offset) when the line is two names side by side (under a two-title line)."""
    t = text.strip()
    two = _split_two_names(t)
    if two and all(_is_name(x) for x in two):
        return t, text.find(t)
    return None


def _split_two_names(s: str) -> Optional[tuple]:
    words = s.split()
    if len(words) < 4:
        return None
    h = len(words) // 2
    cands = [i for i in range(2, len(words) - 1) if fold(words[i]) in _SURNAMES]
    if cands:  # a surname opens the second name; prefer the split nearest the middle
        i = min(cands, key=lambda i: (abs(i - len(words) / 2), -i))
        return " ".join(words[:i]), " ".join(words[i:])
    return " ".join(words[:h]), " ".join(words[h:])


def _is_skip(b, ftext: str) -> bool:
    f = ftext.strip()
    return b.style == "esign" or bool(_SIGNED.match(f)) or bool(_SIGNED_SIDE_BY_SIDE.fullmatch(f)) or bool(re.fullmatch(r"[\[(<]\s*[\w ]{0,20}\s*[\])>]", f)) or bool(
        re.fullmatch(r"[\W\d_]*", ftext))


def find_blocks(ctx) -> list:
    """Locate every signature block; cached on the context (sections use the starts too)."""
    cached = ctx.__dict__.get("_sig_blocks")
    if cached is not None:
        return cached
    blocks = ctx.blocks
    folded = ctx.folded
    small = _small_tables(blocks)
    idx = [i for i, b in enumerate(blocks) if _usable(b, small)]
    after_footer = _footer_positions(ctx, idx)
    out, k = [], 0
    while k < len(idx):
        i = idx[k]
        b = blocks[i]
        if not _tail_upper(b.text):
            k += 1
            continue
        ft = folded[b.start:b.end]
        a = _match_auth(b.text, ft)
        p = None if a else _match_pos(b.text, ft)
        if not a and not p:
            k += 1
            continue
        sb, k2 = _collect(ctx, idx, k)
        if sb is None:
            k += 1
            continue
        has_auth = any(pt.kind == "auth" for pt in sb.parts)
        if not has_auth and sb.name is None and not any(f <= sb.start for f in after_footer):
            k += 1  # an upper-case position line in the body ("CHỦ TỊCH UBND TỈNH" above QUYẾT ĐỊNH)
            continue
        out.extend(_expand_two_column(sb))
        k = max(k2, k + 1)
    ctx.__dict__["_sig_blocks"] = out
    return out


def _footer_positions(ctx, idx) -> list:
    """Offsets of 'Nơi nhận' labels and of the body's closing './.' — a signature follows them."""
    folded = ctx.folded  # block texts are stripped (pipeline.assemble): no slicing needed
    return [ctx.blocks[i].start for i in idx
            if ctx.blocks[i].text.endswith("/.") or folded.startswith("nơi nhận", ctx.blocks[i].start)]


def _collect(ctx, idx, k):
    """Gather the upper-case lines of one block starting at idx[k], then look for the name."""
    blocks, folded = ctx.blocks, ctx.folded
    parts: list = []
    name = name_span = None
    last_k = k
    seen_title = False
    in_recip = False
    j = k
    while j < len(idx) and j < k + LOOKAHEAD:
        b = blocks[idx[j]]
        ft = folded[b.start:b.end]
        a = _match_auth(b.text, ft)
        if a:
            prefix, rest, off = a
            if seen_title or (parts and prefix in ("TM.", "T/M") and any(p.kind == "auth" for p in parts)):
                break  # a new block begins
            parts.append(_Part("auth", rest, b.start + off, b.end, prefix))
            last_k = j
            j += 1
            continue
        p = _match_pos(b.text, ft)
        if p:
            if seen_title and parts and parts[-1].kind != "pos":
                break
            t, off = p
            parts.append(_Part("pos", t, b.start + off, b.end))
            seen_title = True
            last_k = j
            j += 1
            continue
        txt = b.text.strip()
        is_recip = bool(_RECIPIENT.match(ft))
        in_recip = in_recip or is_recip
        nm = _name_in(b.text) if parts else None
        if not nm and len(parts) == 1 and parts[0].kind == "pos" and _two_positions(parts[0].text):
            nm = _two_names_line(b.text)  # "Nguyễn Thị Thu Trang Võ Văn Hưng": 7 words, 2 names
        if nm:
            name, off = nm
            name_span = (b.start + off, b.start + off + len(name))
            last_k = j
            break
        if not seen_title and _garbled_deputy(txt, parts):
            parts.append(_Part("pos", _deputy_of(parts[-1].text), b.start + b.text.find(txt), b.end))
            seen_title = True
            last_k = j
            j += 1
            continue
        if parts and not is_recip and _upper_text(txt) and len(txt) <= 70 and \
                not re.match(r"^(phụ lục|biểu|bảng|quyết định|quy chế|quy định|kế hoạch)", ft.strip()):
            # continuation of the unit name or of the title ("PHỤ TRÁCH", "TỈNH LÂM ĐỒNG")
            if j - last_k <= 1:
                parts.append(_Part("upper", txt, b.start + b.text.find(txt), b.end))
                last_k = j
                j += 1
                continue
            break
        if _is_skip(b, ft) or is_recip or (in_recip and len(txt) < 100):
            j += 1  # seal/"(Đã ký)"/stamp lines, or the interleaved Nơi nhận column
            continue
        break
    if not parts:
        return None, k + 1
    start = parts[0].start
    end = name_span[1] if name_span else parts[-1].end
    sb = SigBlock(first=idx[k], last=idx[last_k], start=start, end=end, parts=parts, name=name,
                  name_span=name_span)
    return sb, last_k + 1


def _expand_two_column(sb: SigBlock) -> list:
    """'THƯ KÝ CHỦ TỌA' + 'Nguyễn Văn A Trần Thị B' -> two blocks."""
    if len(sb.parts) == 1 and sb.parts[0].kind == "pos":
        two = _two_positions(sb.parts[0].text)
        if two:
            names = _split_two_names(sb.name) if sb.name else None
            left = SigBlock(sb.first, sb.last, sb.start, sb.end, [
                _Part("pos", two[0], sb.start, sb.start + len(two[0]))],
                names[0] if names else None, None)
            right = SigBlock(sb.first, sb.last, sb.start, sb.end, [
                _Part("pos", two[1], sb.start + len(two[0]) + 1, sb.parts[0].end)],
                names[1] if names else None, None)
            if names and sb.name_span:
                s0 = sb.name_span[0]
                left.name_span = (s0, s0 + len(names[0]))
                right.name_span = (sb.name_span[1] - len(names[1]), sb.name_span[1])
            return [left, right]
    return [sb]


def _plain(s: str) -> str:
    return re.sub(r"[^a-z]", "", strip_accents(fold(s or "")).replace("đ", "d"))


@lru_cache(maxsize=1)
def _deputies() -> dict:
    pos = {fold(r["position"]): r for r in rows("positions")}
    out = {}
    for f, r in pos.items():
        if r["kind"] != "head":
            continue
        dep = r.get("deputy") or ("PHÓ " + r["position"] if "phó " + f in pos else None)
        if dep:
            out[_plain(r["position"])] = dep
    return out


def _deputy_of(head: str) -> str:
    """'CHỦ TỊCH' -> 'PHÓ CHỦ TỊCH', 'BỘ TRƯỞNG' -> 'THỨ TRƯỞNG' (lexicon); unknown heads get 'PHÓ '."""
    return _deputies().get(_plain(head), "PHÓ " + head.strip())


def _garbled_deputy(txt: str, parts: list) -> bool:
    """A short OCR-damaged upper-case line right under "KT. <head>" that still ends like the head
    ("„HQ I HỦ TƯỚNG" under "KT. THỦ TƯỚNG"): the deputy's title line."""
    if not parts or parts[-1].kind != "auth" or parts[-1].prefix not in ("KT.", "K/T"):
        return False
    if len(txt) > 30 or sum(ch.islower() for ch in txt) > 1:
        return False
    line, head = _plain(txt), _plain(parts[-1].text)
    if len(line) < 5 or len(head) < 5 or len(line) > len(head) + 6:
        return False
    k = min(len(line), len(head))
    import difflib
    return difflib.SequenceMatcher(None, line[-k:], head[-k:]).ratio() >= 0.75


def _to_signatory(sb: SigBlock) -> model.Signatory:
    auths = []  # [prefix, text]
    titles = []
    for p in sb.parts:
        if p.kind == "auth":
            auths.append([p.prefix, p.text])
        elif p.kind == "upper" and auths and not titles:
            auths[-1][1] = f"{auths[-1][1]} {p.text}".strip()
        else:
            titles.append(p.text)
    authority = auths[0][0] if auths else None
    on_behalf = auths[0][1] or None if auths else None
    deputy = auths[1][1] or None if len(auths) > 1 else None
    title = " ".join(titles).strip() or None
    if auths and auths[-1][0] in ("KT.", "K/T") and title and _plain(title) == _plain(auths[-1][1]):
        title = _deputy_of(auths[-1][1])  # OCR lost the "PHÓ": under KT. the signer is the deputy
    if auths and title is None and len(auths) == 1 and auths[0][0] not in ("TM.", "T/M"):
        title = None  # "KT. GIÁM ĐỐC" with the deputy's title missing (draft)
    return model.Signatory(authority=authority, on_behalf_of=on_behalf, deputy_for=deputy,
                           title=title, name=sb.name, span=(sb.start, sb.end))


def extract_signatories(ctx) -> list:
    return [_to_signatory(sb) for sb in find_blocks(ctx)]
