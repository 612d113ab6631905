"""Reading uploads: .docx with its tables, text in any encoding, PDF with a text layer;
clear Vietnamese refusals for .doc and scanned PDFs."""

import io
from pathlib import Path

import docx
import pytest
from pypdf import PdfWriter

from campaigns.plan_imports.readers import MAX_BYTES, ImportRefused, read_upload

ROOT = Path(__file__).resolve().parents[3]
FIXTURES = ROOT / "fixtures" / "plan_import"
SEED000 = (ROOT / "tests/plan_import/documents/seed000.txt").read_text(encoding="utf-8")


def test_seed000_docx_reads_its_heading_table_side_by_side():
    source = read_upload("seed000.docx", (FIXTURES / "seed000.docx").read_bytes())
    lines = source.text.splitlines()
    assert source.kind == "docx" and source.encoding == "unicode"
    assert lines[0].split("\t")[0] == "LĐLĐ QUẬN GÒ VẤP"
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in lines[0]
    assert lines[1].startswith("CĐCS TRƯỜNG MN SEN HỒNG")
    # The criteria and the timetable are tables: one row a line, cells apart.
    assert "BCH CĐ họp xét đánh giá kết quả | Ngày 23/3/2023" in source.text


def test_tcvn3_docx_in_vntime_reads_as_correct_vietnamese():
    source = read_upload("kh.docx", (FIXTURES / "seed000_tcvn3.docx").read_bytes())
    unicode = read_upload("kh.docx", (FIXTURES / "seed000.docx").read_bytes())
    assert source.encoding == "tcvn3"
    assert "Hội nghị tuyên dương" in source.text
    assert source.text.replace("-", "·") == unicode.text.replace("-", "·")


def test_tcvn3_text_file_reads_as_correct_vietnamese():
    source = read_upload("kh.txt", (FIXTURES / "seed000_tcvn3.txt").read_bytes())
    assert source.encoding == "tcvn3"
    assert "LĐLĐ QUẬN GÒ VẤP" in source.text
    assert "Sơ kết 02 năm thực hiện Kết luận số 01-KL/TW" in source.text
    assert "Lớp Chồi 1" in source.text


def test_doc_file_gets_a_clear_message():
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600
    with pytest.raises(ImportRefused) as refused:
        read_upload("ke-hoach.doc", ole)
    message = str(refused.value)
    assert ".doc" in message and ".docx" in message and "dán" in message
    # By its content, whatever it is called.
    with pytest.raises(ImportRefused):
        read_upload("ke-hoach.docx", ole)


def test_image_only_pdf_gets_a_clear_message():
    writer = PdfWriter()
    for _ in range(2):
        writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(ImportRefused) as refused:
        read_upload("scan.pdf", buffer.getvalue())
    message = str(refused.value)
    assert "scan" in message and ".docx" in message and "dán" in message


def test_pdf_with_a_text_layer_is_read():
    from weasyprint import HTML

    pdf = HTML(string=f"<pre>{SEED000}</pre>").write_pdf()
    source = read_upload("kh.pdf", pdf)
    assert source.kind == "pdf"
    assert "Tổ chức Hội nghị tuyên dương" in source.text


def test_nfd_text_becomes_nfc():
    import unicodedata

    source = read_upload("kh.txt", unicodedata.normalize("NFD", SEED000).encode())
    assert source.text == SEED000


def test_too_big_and_broken_files_are_refused():
    with pytest.raises(ImportRefused, match="10 MB"):
        read_upload("big.txt", b"a" * (MAX_BYTES + 1))
    with pytest.raises(ImportRefused):
        read_upload("kh.docx", b"PK\x03\x04 not really a zip")
    with pytest.raises(ImportRefused):
        read_upload("kh.bin", b"\x00\x01\x02" * 100)


def test_docx_paragraph_order_keeps_tables_in_place():
    document = docx.Document()
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("II. TIÊU CHUẨN")
    table = document.add_table(rows=2, cols=2)
    table.rows[0].cells[0].text = "1"
    table.rows[0].cells[1].text = "Hoàn thành tốt nhiệm vụ"
    table.rows[1].cells[0].text = "2"
    table.rows[1].cells[1].text = "Không vi phạm kỷ luật"
    document.add_paragraph("III. TỔ CHỨC THỰC HIỆN")
    buffer = io.BytesIO()
    document.save(buffer)
    lines = read_upload("kh.docx", buffer.getvalue()).text.splitlines()
    assert lines == [
        "KẾ HOẠCH",
        "II. TIÊU CHUẨN",
        "Hoàn thành tốt nhiệm vụ",
        "Không vi phạm kỷ luật",
        "III. TỔ CHỨC THỰC HIỆN",
    ]
