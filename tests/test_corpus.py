"""Corpus building: parallel = sequential, resumable after SIGKILL, time limits, crashes,
duplicates, tables, Dask."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cchc_extract.cli import main
from cchc_extract.corpus import parse_to_cache, write_corpus

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"


def _lines(out: Path) -> list[dict]:
    return [json.loads(x) for x in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def clean_run(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("clean")
    write_corpus([SAMPLES], out, workers=1, cache=False, progress_mode="quiet",
                 formats=("parquet", "csv", "xlsx"))
    return out


def test_two_workers_byte_identical_and_ordered(clean_run, tmp_path):
    m = write_corpus([SAMPLES], tmp_path, workers=2, progress_mode="quiet")
    assert (tmp_path / "documents.jsonl").read_bytes() == (clean_run / "documents.jsonl").read_bytes()
    paths = [d["source"]["path"] for d in _lines(tmp_path)]
    assert paths == sorted(paths)
    assert "make_samples.py" not in paths  # scripts next to documents are skipped
    assert len(paths) == m["files"] == 7
    assert m["counts"]["error"] == 0
    # in-process mode gives the same bytes too
    out0 = tmp_path / "inproc"
    write_corpus([SAMPLES], out0, workers=0, progress_mode="quiet")
    assert (out0 / "documents.jsonl").read_bytes() == (clean_run / "documents.jsonl").read_bytes()


def test_tables_match_documents(clean_run):
    import pandas as pd
    import pyarrow.parquet as pq

    docs = _lines(clean_run)
    t = clean_run / "tables"
    d = pq.read_table(t / "documents.parquet").to_pandas()
    assert list(d["path"]) == [x["source"]["path"] for x in docs]
    refs = pq.read_table(t / "references.parquet").to_pandas()
    assert len(refs) == sum(len(x["references"]) for x in docs)
    by_path = {x["source"]["path"]: x for x in docs}
    for r in refs.itertuples():  # spans are exact into the document text
        assert by_path[r.path]["text"][r.start:r.end] == r.text
    sig = pq.read_table(t / "signatories.parquet").to_pandas()
    assert "Trần Thị Minh Hạnh" in set(sig["name"])
    rec = pq.read_table(t / "recipients.parquet").to_pandas()
    cv = rec[rec["path"] == "cong_van_512_snv_don_doc_bao_cao.txt"]
    assert "addressee" in set(cv["role"])
    raw = (t / "documents.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens UTF-8 correctly
    csv_docs = pd.read_csv(t / "documents.csv", encoding="utf-8-sig")
    assert list(csv_docs["code"].fillna("")) == [x["header"]["code"] if x["header"] else ""
                                                 for x in docs]
    from openpyxl import load_workbook

    wb = load_workbook(t / "corpus.xlsx", read_only=True)
    assert {"documents", "references", "sections", "metrics", "signatories", "recipients",
            "errors", "links"} <= set(wb.sheetnames)
    assert sum(1 for _ in wb["documents"].iter_rows()) == len(docs) + 1


def test_links_resolve_code_and_date(clean_run):
    import pyarrow.parquet as pq

    links = pq.read_table(clean_run / "tables" / "links.parquet").to_pandas()
    pairs = set(zip(links["from_path"], links["to_path"]))
    assert ("bao_cao_210_snv_cchc_6_thang_2024.txt", "ke_hoach_45_snv_cchc_2024.txt") in pairs
    assert ("ke_hoach_12_stp_cchc_2024.pdf", "quyet_dinh_1520_ke_hoach_cchc_2024.txt") in pairs
    # Nghị định 107/2020/NĐ-CP is not in the corpus: no link
    assert not any(links["code"].str.contains("107/2020"))
    assert all(f != t for f, t in pairs)


def test_duplicates_share_doc_id_and_are_marked(tmp_path):
    inp = tmp_path / "in"
    shutil.copytree(SAMPLES, inp, ignore=shutil.ignore_patterns("*.py"))
    shutil.copy(inp / "ke_hoach_45_snv_cchc_2024.txt", inp / "zz_copy_of_kh45.txt")
    out = tmp_path / "out"
    m = write_corpus([inp], out, workers=1, progress_mode="quiet")
    assert m["duplicates"] == 1
    import pandas as pd

    d = pd.read_parquet(out / "tables" / "documents.parquet").set_index("path")
    assert d.loc["zz_copy_of_kh45.txt", "doc_id"] == d.loc["ke_hoach_45_snv_cchc_2024.txt", "doc_id"]
    assert d.loc["zz_copy_of_kh45.txt", "duplicate_of"] == "ke_hoach_45_snv_cchc_2024.txt"
    assert pd.isna(d.loc["ke_hoach_45_snv_cchc_2024.txt", "duplicate_of"])
    links = pd.read_parquet(out / "tables" / "links.parquet")
    assert "zz_copy_of_kh45.txt" not in set(links["from_path"]) | set(links["to_path"])
    assert not links.duplicated(["from_path", "ref_idx"]).any()


def _make_many(folder: Path, n: int) -> None:
    folder.mkdir(parents=True)
    base = (SAMPLES / "bao_cao_210_snv_cchc_6_thang_2024.txt").read_text(encoding="utf-8")
    for i in range(n):
        body = base.replace("Số: 210/BC-SNV", f"Số: {300 + i}/BC-SNV").replace(
            "35 tin, bài", f"{10 + i} tin, bài")
        (folder / f"bc_{i:03d}.txt").write_text(body * 3, encoding="utf-8")


def test_resume_after_sigkill_equals_clean_run(tmp_path):
    inp = tmp_path / "in"
    _make_many(inp, 80)
    out, clean = tmp_path / "out", tmp_path / "clean"
    env = dict(os.environ, PYTHONPATH=str(REPO / "src"))
    cmd = [sys.executable, "-m", "cchc_extract", "extract", str(inp), "-o", str(out),
           "--workers", "1", "-q"]
    p = subprocess.Popen(cmd, env=env, start_new_session=True)
    cached: list = []
    deadline = time.time() + 120
    while time.time() < deadline and p.poll() is None:
        cached = list((out / ".cache").rglob("*.json")) if (out / ".cache").exists() else []
        if len(cached) >= 5:
            break
        time.sleep(0.02)
    assert p.poll() is None, "the run ended before it could be interrupted"
    os.killpg(p.pid, signal.SIGKILL)
    p.wait()
    assert not (out / "documents.jsonl").exists()  # never a half-written corpus
    n_before = len(list((out / ".cache").rglob("*.json")))
    assert 5 <= n_before < 80
    for f in (out / ".cache").rglob("*.json"):  # every cached result is complete JSON
        json.loads(f.read_text(encoding="utf-8"))
    m = write_corpus([inp], out, workers=2, progress_mode="quiet")
    assert m["cached"] == n_before and m["parsed"] == 80 - n_before
    write_corpus([inp], clean, workers=1, cache=False, progress_mode="quiet")
    assert (out / "documents.jsonl").read_bytes() == (clean / "documents.jsonl").read_bytes()
    # adding a file: only the new one is parsed
    shutil.copy(SAMPLES / "ke_hoach_45_snv_cchc_2024.txt", inp / "new.txt")
    m2 = write_corpus([inp], out, workers=1, progress_mode="quiet")
    assert (m2["parsed"], m2["cached"], m2["files"]) == (1, 80, 81)


def faulty_parse(path, root, cache_file, stages):
    """Worker function for the fault test: one file hangs, one kills its process."""
    name = Path(path).name
    if name.startswith("hang"):
        time.sleep(120)
    if name.startswith("crash"):
        os._exit(7)
    return parse_to_cache(path, root, cache_file, stages)


def test_timeout_and_crash_lose_only_their_file(tmp_path):
    inp = tmp_path / "in"
    inp.mkdir()
    for name in ("a_ok.txt", "crash.txt", "hang.txt", "z_ok.txt", "zz_ok.txt"):
        shutil.copy(SAMPLES / "cong_van_512_snv_don_doc_bao_cao.txt", inp / name)
        with open(inp / name, "a", encoding="utf-8") as fh:
            fh.write(name)  # distinct content
    out = tmp_path / "out"
    m = write_corpus([inp], out, workers=2, timeout=10, progress_mode="quiet",
                     parse_fn=faulty_parse)
    docs = {d["source"]["path"]: d for d in _lines(out)}
    assert len(docs) == 5
    assert docs["hang.txt"]["status"] == "error"
    assert "timed out after 10 s" in docs["hang.txt"]["errors"][0]["message"]
    assert docs["crash.txt"]["status"] == "error"
    assert "crashed" in docs["crash.txt"]["errors"][0]["message"]
    assert all(docs[n]["status"] != "error" for n in ("a_ok.txt", "z_ok.txt", "zz_ok.txt"))
    assert docs["hang.txt"]["doc_id"] == docs["hang.txt"]["source"]["sha256"][:16]
    assert m["counts"]["error"] == 2
    # failures are not cached: a re-run retries them
    m2 = write_corpus([inp], out, workers=1, progress_mode="quiet")
    assert m2["parsed"] == 2 and m2["counts"]["error"] == 0


def test_parquet_row_groups_stream(tmp_path):
    import pyarrow.parquet as pq

    from cchc_extract import parse
    from cchc_extract.tables_out import TableSink


    doc = parse(SAMPLES / "bao_cao_210_snv_cchc_6_thang_2024.txt").to_dict()
    with TableSink(tmp_path, ("parquet",), row_group=4) as sink:
        for _ in range(5):
            sink.add_document(doc)
    f = pq.ParquetFile(tmp_path / "metrics.parquet")
    assert f.metadata.num_rows == 5 * len(doc["metrics"])
    assert f.metadata.num_row_groups >= 5 * len(doc["metrics"]) // 4


def test_cli_extract_options(tmp_path, capsys):
    out = tmp_path / "o"
    rc = main(["extract", str(SAMPLES), "-o", str(out), "--workers", "1", "--format", "csv", "-v"])
    assert rc == 0
    err = capsys.readouterr().err
    assert "[7/7]" in err and "7 files" in err
    assert (out / "tables" / "documents.csv").exists()
    assert not (out / "tables" / "documents.parquet").exists()
    assert main(["extract", str(SAMPLES), "-o", str(out), "--format", "pdf", "-q"]) == 2


def test_dask_local_cluster_same_corpus(clean_run, tmp_path):
    distributed = pytest.importorskip("distributed")
    from cchc_extract.dask_runner import dask_bag

    with distributed.LocalCluster(n_workers=2, processes=False, threads_per_worker=1,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        m = write_corpus([SAMPLES], tmp_path, scheduler=client, part_size=4,
                         progress_mode="quiet")
        bag = dask_bag([SAMPLES])
        codes = sorted(c for c in bag.map(lambda d: (d["header"] or {}).get("code")).compute() if c)
    assert m["files"] == 7
    assert (tmp_path / "documents.jsonl").read_bytes() == (clean_run / "documents.jsonl").read_bytes()
    parts = sorted((tmp_path / "tables" / "documents").glob("part-*.parquet"))
    assert [p.name for p in parts] == ["part-00000.parquet", "part-00001.parquet"]
    import pandas as pd

    d = pd.concat([pd.read_parquet(p) for p in parts])
    assert len(d) == 7
    assert "1520/QĐ-UBND" in codes and len(codes) == 7
