"""cchc_extract.load(OUT): DataFrames, SQL over Parquet, citation graph queries, plots."""
from __future__ import annotations

from pathlib import Path

import pytest

import cchc_extract
from cchc_extract.corpus import write_corpus

SAMPLES = Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    out = tmp_path_factory.mktemp("corpus")
    write_corpus([SAMPLES], out, workers=1, progress_mode="quiet")
    return cchc_extract.load(out)


def test_dataframes(corpus):
    d = corpus.documents
    assert len(d) == len(corpus) == 7
    assert set(d["doc_type"]) == {"Báo cáo", "Kế hoạch", "Quyết định", "Công văn"}
    row = d.set_index("code").loc["12/KH-STP"]
    assert row["format"] == "pdf" and row["date"] == "2024-01-10"
    assert {"doc_id", "path", "code", "start", "end"} <= set(corpus.references.columns)
    assert len(corpus.sections) == sum(len(x.sections) for x in corpus)
    kh = corpus.sections[corpus.sections["path"] == "ke_hoach_45_snv_cchc_2024.txt"]
    assert list(kh[kh["level"] == 1]["label"]) == ["I", "II", "III", "IV"]
    assert len(corpus.signatories) >= 5
    assert set(corpus.links.columns) >= {"from_doc", "to_doc", "code", "match"}


def test_sql_views(corpus):
    r = corpus.sql("SELECT d.code, count(*) AS n FROM links l JOIN documents d "
                   "ON d.doc_id = l.to_doc GROUP BY d.code ORDER BY n DESC, d.code")
    assert r.iloc[0]["code"] == "1520/QĐ-UBND" and r.iloc[0]["n"] == 5
    n_refs = corpus.sql('SELECT count(*) AS n FROM refs')["n"][0]
    assert n_refs == corpus.sql('SELECT count(*) AS n FROM "references"')["n"][0] == len(corpus.references)
    m = corpus.sql("SELECT count(*) AS n FROM metrics WHERE kind = 'target'")
    assert m["n"][0] >= 5


def test_cited_by(corpus):
    c = corpus.cited_by("1520/QĐ-UBND")
    assert sorted(c["path"]) == sorted([
        "bao_cao_210_snv_cchc_6_thang_2024.txt", "bao_cao_95_skhdt_cchc_6_thang_2024.docx",
        "cong_van_512_snv_don_doc_bao_cao.txt", "ke_hoach_12_stp_cchc_2024.pdf",
        "ke_hoach_45_snv_cchc_2024.txt"])
    # look-alike Ð (U+00D0) and spaces still match
    assert len(corpus.cited_by("1520 / QÐ-UBND")) == 5
    assert corpus.cited_by("999/QĐ-UBND").empty


def test_uncited_plans(corpus):
    # both plans implement QĐ 1520; only the Sở Nội vụ plan is reported on (BC 210 cites it)
    u = corpus.uncited_plans("1520/QĐ-UBND")
    assert list(u["code"]) == ["12/KH-STP"]
    # the công văn cites the Sở Tư pháp plan: counting any document, none is left uncited
    assert corpus.uncited_plans("1520/QĐ-UBND", by_types=None).empty


def test_doc_and_iteration(corpus):
    d = corpus.doc("quyet_dinh_1520_ke_hoach_cchc_2024.txt")
    assert d.header.code == "1520/QĐ-UBND"
    assert corpus.doc(d.doc_id).source.path == d.source.path
    assert [x.source.path for x in corpus] == list(corpus.documents["path"])
    with pytest.raises(KeyError):
        corpus.doc("nope")


def test_missing_corpus_message(tmp_path):
    with pytest.raises(FileNotFoundError, match="python -m cchc_extract extract"):
        cchc_extract.load(tmp_path)


def test_plots(corpus):
    pytest.importorskip("matplotlib")
    import matplotlib

    matplotlib.use("Agg")
    ax = corpus.plot_references_by_issuer()
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert len(ax.patches) == len(labels) >= 2
    ax = corpus.plot_documents_per_month()
    months = [t.get_text() for t in ax.get_xticklabels()]
    assert months == ["2023-12", "2024-01", "2024-06", "2024-10"]
    assert [p.get_height() for p in ax.patches] == [1, 2, 3, 1]
    ax = corpus.plot_metrics_over_periods()
    assert ax.patches
