"""Tables: rectangular header/rows that pandas opens directly, merged headers, captions."""
import pytest

from cchc_extract.extract.context import Context
from cchc_extract.extract.tables import extract_tables
from cchc_extract.pipeline import assemble, parse_bytes, parse_text
from cchc_extract.read.base import Block


def _cell(t, r, c, text):
    return Block(text=text, table=t, row=r, col=c)


def test_multirow_merged_header_from_cells():
    # row 0: "Kết quả" spans cols 2-3 (col 3 absent); row 1: cols 0, 1 merged vertically (absent)
    blocks = [Block(text="Biểu 03/BCCI"), Block(text="Kết quả cải cách"),
              _cell(0, 0, 0, "STT"), _cell(0, 0, 1, "Sở, ngành"), _cell(0, 0, 2, "Kết quả"),
              _cell(0, 1, 2, "Số lượng"), _cell(0, 1, 3, "Tỷ lệ (%)"),
              _cell(0, 2, 0, "1"), _cell(0, 2, 1, "Nội vụ"), _cell(0, 2, 2, "9"), _cell(0, 2, 3, "90"),
              _cell(0, 3, 0, "2"), _cell(0, 3, 1, "Tư pháp"), _cell(0, 3, 2, "7"),
              Block(text="Sau bảng."),
              Block(text="Ủy ban", table=1, row=0, col=0, layout_table=True)]
    text = assemble(blocks)
    tables = extract_tables(Context(text=text, blocks=blocks, format="docx"))
    assert len(tables) == 1  # the layout table is skipped
    t = tables[0]
    assert t.caption == "Biểu 03/BCCI: Kết quả cải cách"
    assert t.header[-1] == ["STT", "Sở, ngành", "Kết quả - Số lượng", "Kết quả - Tỷ lệ (%)"]
    assert t.header[0] == ["STT", "Sở, ngành", "Kết quả", "Kết quả"]
    assert t.rows == [["1", "Nội vụ", "9", "90"], ["2", "Tư pháp", "7", ""]]
    assert text[t.span[0]:t.span[1]].startswith("STT") and text[t.span[0]:t.span[1]].endswith("7")
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(t.rows, columns=t.header[-1])
    assert list(df["Kết quả - Số lượng"]) == ["9", "7"]


def test_markdown_pipe_table_and_section():
    d = parse_text("I. KẾT QUẢ\nBảng 1. Số hồ sơ\n| STT | Đơn vị | Số hồ sơ |\n|---|---|---|\n"
                   "| 1 | Sở Nội vụ | 120 |\n| 2 | Sở Tư pháp | 80 | thừa |\nHết.\n")
    assert len(d.tables) == 1
    t = d.tables[0]
    assert t.caption == "Bảng 1. Số hồ sơ"
    assert t.section == d.sections[0].id
    assert len(t.header[-1]) == 4 and all(len(r) == 4 for r in t.rows)  # padded to the widest row
    assert t.rows[0][:3] == ["1", "Sở Nội vụ", "120"]


def test_docx_table_with_merged_cells(tmp_path):
    docx = pytest.importorskip("docx")
    doc = docx.Document()
    doc.add_paragraph("BÁO CÁO")
    doc.add_paragraph("Biểu mẫu 2")
    tb = doc.add_table(rows=4, cols=4)
    tb.cell(0, 0).text, tb.cell(0, 1).text, tb.cell(0, 2).text = "STT", "Chỉ tiêu", "Kết quả thống kê"
    tb.cell(0, 2).merge(tb.cell(0, 3))
    tb.cell(0, 0).merge(tb.cell(1, 0))
    tb.cell(0, 1).merge(tb.cell(1, 1))
    tb.cell(1, 2).text, tb.cell(1, 3).text = "Đơn vị tính", "Số liệu"
    for r, row in enumerate([["1.", "Số văn bản", "Văn bản", "82"], ["2.", "Tỷ lệ", "%", "100"]], start=2):
        for c, v in enumerate(row):
            tb.cell(r, c).text = v
    p = tmp_path / "bc.docx"
    doc.save(p)
    d = parse_bytes(p.read_bytes(), "bc.docx")
    if d.status == "error":
        pytest.skip("docx reader not available")
    assert len(d.tables) == 1
    t = d.tables[0]
    assert t.caption == "Biểu mẫu 2"
    assert t.header[-1] == ["STT", "Chỉ tiêu", "Kết quả thống kê - Đơn vị tính", "Kết quả thống kê - Số liệu"]
    assert t.rows == [["1.", "Số văn bản", "Văn bản", "82"], ["2.", "Tỷ lệ", "%", "100"]]


def test_dev_phu_luc_nine_tables(dev_dir):
    p = dev_dir / "vbai_lamdong" / "Phu luc kem BC CCHC nam 2025.docx"
    if not p.exists():
        pytest.skip("absent")
    from cchc_extract.pipeline import parse_path
    d = parse_path(p, stages={"header", "sections", "signatories", "tables"})
    assert len(d.tables) == 9
    assert d.tables[0].caption.startswith("Biểu mẫu 1")
    assert d.tables[0].header[-1][2:4] == ["Kết quả thống kê - Đơn vị tính", "Kết quả thống kê - Số liệu"]
    for t in d.tables:
        n = len(t.header[-1])
        assert all(len(h) == n for h in t.header) and all(len(r) == n for r in t.rows)
        assert t.section is not None


def test_dev_footer_grid_is_not_a_table(dev_dir):
    p = dev_dir / "vbai_lamdong" / "TTr BC CCHC nam 2025.docx"
    if not p.exists():
        pytest.skip("absent")
    from cchc_extract.pipeline import parse_path
    d = parse_path(p, stages={"header", "sections", "signatories", "tables"})
    assert d.tables == []


def test_tab_separated_text_table():
    from pathlib import Path
    from cchc_extract.pipeline import parse_path
    d = parse_path(Path(__file__).parent / "fixtures" / "tables" / "tab_table.txt")
    assert len(d.tables) == 1  # the tab-typed header and footer grids are layout
    t = d.tables[0]
    assert t.caption == "Bảng 1. Hồ sơ theo đơn vị"
    assert t.header == [["STT", "Đơn vị", "Tiếp nhận", "Đúng hạn", "Tỷ lệ (%)"]]
    assert t.rows == [["1", "Sở Nội vụ", "120", "118", "98,3"], ["2", "Sở Tư pháp", "80", "80", "100"],
                      ["3", "Sở Tài chính", "64", "", ""]]  # trailing empty cells padded
    assert t.section == d.sections[0].id
    span = d.text[t.span[0]:t.span[1]]
    assert span.startswith("STT\nĐơn vị\n") and "\nSở Tài chính\n64" in span  # one line a cell
    assert [s.name for s in d.signatories] == ["Nguyễn Văn An"]
