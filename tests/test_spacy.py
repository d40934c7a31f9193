"""spaCy: tokenizer keeps codes/dates whole, span groups, displacy, DocBin, n_process=2."""
from __future__ import annotations

from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")

from cchc_extract.spacy_component import make_nlp  # noqa: E402

SAMPLES = Path(__file__).resolve().parents[1] / "samples"
TEXT = (SAMPLES / "bao_cao_210_snv_cchc_6_thang_2024.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def nlp():
    return make_nlp()


def test_tokenizer_keeps_codes_and_dates(nlp):
    t = "Theo Quyết định số 2398/QĐ-UBND ngày 26/12/2022, Nghị định 107/2020/NĐ-CP đạt 95,5%.\n\nHết"
    doc = nlp.make_doc(t)
    toks = [x.text for x in doc]
    assert "2398/QĐ-UBND" in toks and "26/12/2022" in toks and "107/2020/NĐ-CP" in toks
    assert "95,5%" in toks and "," in toks and "\n\n" in toks
    assert doc.text == t


def test_span_groups_and_document(nlp):
    doc = nlp(TEXT)
    refs = [s.text for s in doc.spans["references"]]
    assert "Quyết định số 1520/QĐ-UBND" in refs[0]
    assert any("45/KH-SNV" in r for r in refs)
    assert "28/12/2023" in [s.text for s in doc.spans["dates"]]
    assert any(s.text == "98,8%" for s in doc.spans["metrics"])
    assert any("Trần Thị Minh Hạnh" in s.text for s in doc.spans["signatories"])
    d = doc._.cchc
    assert d.header.code == "210/BC-SNV"
    for r, sp in zip(d.references, doc.spans["references"]):  # exact, token-aligned
        assert (sp.start_char, sp.end_char) == tuple(r.span)


def test_blank_vi_without_pyvi_and_expand_fallback():
    nlp = spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})
    nlp.add_pipe("cchc_extract")
    doc = nlp("Thực hiện Kế hoạch số 45/KH-SNV ngày 05/01/2024 của Sở Nội vụ.")
    assert [s.text for s in doc.spans["references"]] == ["Kế hoạch số 45/KH-SNV"]
    assert "05/01/2024" in doc.spans["dates"][0].text


def test_text_that_normalization_changes(nlp):
    t = "  Thực hiện   Kế hoạch số 45/KH\u2013SNV ngày 05/01/2024."
    doc = nlp(t)
    (sp,) = doc.spans["references"]
    assert sp.text == "Kế hoạch số 45/KH\u2013SNV"


def test_displacy_and_docbin(nlp):
    from spacy import displacy
    from spacy.tokens import DocBin

    doc = nlp(TEXT)
    html = displacy.render(doc, style="span", options={"spans_key": "references"})
    assert "1520/QĐ-UBND" in html and "REF" in html
    db = DocBin(store_user_data=True, docs=[doc])
    back = list(DocBin().from_bytes(db.to_bytes()).get_docs(nlp.vocab))[0]
    assert back._.cchc.header.code == "210/BC-SNV"
    assert [s.text for s in back.spans["references"]] == [s.text for s in doc.spans["references"]]


def test_pipe_two_processes(nlp):
    texts = [TEXT, (SAMPLES / "ke_hoach_45_snv_cchc_2024.txt").read_text(encoding="utf-8")]
    docs = list(nlp.pipe(texts, n_process=2, batch_size=1))
    assert [d._.cchc.header.code for d in docs] == ["210/BC-SNV", "45/KH-SNV"]
    assert len(docs[1].spans["metrics"]) >= 3


def test_nlp_roundtrip_to_disk(nlp, tmp_path):
    nlp.to_disk(tmp_path / "m")
    nlp2 = spacy.load(tmp_path / "m")
    assert "2398/QĐ-UBND" in [t.text for t in nlp2.make_doc("số 2398/QĐ-UBND ngày")]
    assert nlp2("Kế hoạch số 45/KH-SNV ngày 05/01/2024.").spans["references"]
