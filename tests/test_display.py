"""document_html: exact escaped highlights, outline, collapse; rendered in headless Chromium."""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

import cchc_extract
from cchc_extract.display import document_html, highlight

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
REPORT = SAMPLES / "bao_cao_210_snv_cchc_6_thang_2024.txt"


class _Marks(HTMLParser):
    """Collects the text inside each <mark> (nested marks included) with its kind."""

    def __init__(self):
        super().__init__()
        self.open, self.found, self.text = [], [], []

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            self.open.append((dict(attrs)["data-kind"], len(self.text)))

    def handle_endtag(self, tag):
        if tag == "mark":
            kind, at = self.open.pop()
            self.found.append((kind, "".join(self.text[at:])))

    def handle_data(self, data):
        if self.open:
            self.text.append(data)


def test_marks_are_exact_spans():
    doc = cchc_extract.parse(REPORT)
    p = _Marks()
    p.feed(document_html(doc))
    refs = [t for k, t in p.found if k == "reference"]
    assert sorted(refs) == sorted(doc.text[s:e] for s, e in (r.span for r in doc.references))
    assert "Kế hoạch số 45/KH-SNV" in refs
    metrics = [t for k, t in p.found if k == "metric"]
    assert sorted(metrics) == sorted(doc.text[m.span[0]:m.span[1]] for m in doc.metrics)
    dates = [t for k, t in p.found if k == "date"]
    assert "28/12/2023" in dates and "ngày 14 tháng 6 năm 2024" in dates
    sig = [t for k, t in p.found if k == "signatory"]
    assert any("Trần Thị Minh Hạnh" in t for t in sig)


def test_escaping_nesting_and_clipping():
    text = "a <b> & 'q' Quyết định số 5/QĐ-UB ngày 01/02/2020 end"
    s = text.index("Quyết")
    e = text.index(" end")
    d = text.index("01/02")
    spans = [(s, e, "reference", "QĐ"), (d, d + 10, "date", "2020-02-01"),
             (d + 5, len(text), "metric", "crosses the end of its parent")]
    html = highlight(text, spans)
    assert "<b>" not in html and "&lt;b&gt; &amp;" in html
    p = _Marks()
    p.feed(html)
    found = dict((k, t) for k, t in p.found)
    assert found["reference"] == text[s:e]
    assert found["date"] == "01/02/2020"
    assert found["metric"] == "/2020"  # clipped to the enclosing reference and date
    plain = HTMLParser()
    out = []
    plain.handle_data = out.append
    plain.feed(html)
    assert "".join(out) == text  # nothing lost or duplicated


def test_header_outline_and_collapse():
    doc = cchc_extract.parse(REPORT)
    html = document_html(doc)
    assert "210/BC-SNV" in html and "Outline (" in html
    assert f'href="#cchc-{doc.doc_id}-s0"' in html and f'id="cchc-{doc.doc_id}-s0"' in html
    assert "Full text (" not in html
    long = cchc_extract.parse_text(doc.text + "\n" + "Đăng tải 35 tin, bài.\n" * 400)
    assert "<details><summary>Full text (" in document_html(long)
    assert doc._repr_html_() == html


def _chromium():
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if shutil.which(name):
            return shutil.which(name)
    return None


def test_renders_in_headless_chromium(tmp_path):
    exe = _chromium()
    if not exe:
        pytest.skip("chromium not installed")
    Image = pytest.importorskip("PIL.Image")
    doc = cchc_extract.parse(REPORT)
    page = tmp_path / "doc.html"
    page.write_text("<!doctype html><meta charset='utf-8'><body>" + document_html(doc) + "</body>",
                    encoding="utf-8")
    shot = tmp_path / "shot.png"
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([exe, "--headless", "--no-sandbox", "--disable-gpu",
                        "--disable-background-networking", "--disable-component-update",
                        "--disable-sync", "--no-first-run", f"--user-data-dir={profile}",
                        "--window-size=1100,1400", f"--screenshot={shot}", page.as_uri()],
                       capture_output=True, timeout=120)
    assert shot.exists()
    img = Image.open(shot).convert("RGB")
    colours = {rgb for _, rgb in img.getcolors(maxcolors=1 << 24)}
    # each highlight kind's background is actually painted
    for rgb in [(0xcf, 0xe3, 0xff), (0xff, 0xe3, 0xb3), (0xd7, 0xf5, 0xd0), (0xf3, 0xd1, 0xf4)]:
        assert rgb in colours
