"""Cooperative time limits: parse(timeout=…), Dask tasks, tesseract given only the time left."""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

import cchc_extract
from cchc_extract.corpus import parse_to_cache, write_corpus
from cchc_extract.deadline import TimedOut, remaining, time_limit

from test_read_pdf import make_scanned_pdf, make_text_pdf

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
SAMPLE = sorted(SAMPLES.glob("*.txt"))[0]


def test_no_limit_and_generous_limit_change_nothing():
    assert remaining() is None
    a = cchc_extract.parse(SAMPLE).to_dict()
    b = cchc_extract.parse(SAMPLE, timeout=600).to_dict()
    assert a == b and a["status"] == "ok"
    assert remaining() is None  # the limit does not leak out of the call


def test_expired_limit_is_this_files_error_naming_the_step():
    d = cchc_extract.parse(SAMPLE, timeout=0)
    assert d.status == "error" and d.text == ""
    msg = d.errors[0]["message"]
    assert msg.startswith("timed out after 0 s while extracting header")
    assert "raise --timeout" in msg


def test_pdf_stops_between_pages(tmp_path):
    p = tmp_path / "ba_trang.pdf"
    p.write_bytes(make_text_pdf(pages=3))
    d = cchc_extract.parse(p, timeout=0)
    assert d.status == "error" and "while reading page 1 of 3" in d.errors[0]["message"]
    assert cchc_extract.parse(p, timeout=600).status == "ok"


@pytest.mark.skipif(not shutil.which("tesseract"), reason="tesseract not installed")
def test_tesseract_gets_only_the_time_left(tmp_path):
    from cchc_extract.read.ocr import ocr_page
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(make_scanned_pdf())
    with time_limit(0.05):  # less than tesseract needs to start and read a page
        t = time.monotonic()
        with pytest.raises(TimedOut, match="while running OCR"):
            ocr_page(pdf[0])
        assert time.monotonic() - t < 5  # not the 120 s per-page default


def test_parse_to_cache_does_not_cache_a_timeout(tmp_path):
    cache = tmp_path / "x.json"
    with pytest.raises(TimedOut):
        parse_to_cache(str(SAMPLE), str(SAMPLES), str(cache), timeout=0)
    assert not cache.exists()
    status, _ = parse_to_cache(str(SAMPLE), str(SAMPLES), str(cache), timeout=600)
    assert status == "ok" and cache.exists()


def test_dask_enforces_timeout(tmp_path):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=1, processes=False, threads_per_worker=1,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        m = write_corpus([SAMPLES], tmp_path, scheduler=client, timeout=0, progress_mode="quiet",
                         formats=())
    assert m["files"] == 7 and m["counts"]["error"] == 7
    import json

    docs = [json.loads(x) for x in (tmp_path / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(d["errors"][0]["message"].startswith("timed out after 0 s") for d in docs)
    assert not list((tmp_path / ".cache").rglob("*.json"))  # a rerun with more time retries them
