"""Time the importer on a 20-page .docx (the figure in docs/benchmarks.md).

Run: .venv/bin/python tests/plan_import/bench.py
"""

import statistics
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from campaigns.plan_imports.pipeline import parse_upload  # noqa: E402

SEED000_TEXT = (Path(__file__).with_name("documents") / "seed000.txt").read_text(encoding="utf-8")


def twenty_page_docx() -> bytes:
    """Seed 000 with, before its closing, enough sections, criteria and a 60-row timetable
    to fill 20 printed pages (≈ 9,000 words), made the way the fixtures are made (heading
    block and timetables as tables)."""
    from tests.plan_import.make_documents import SEED000_TABLES, text_to_docx

    extra = []
    for section, roman in enumerate(["V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"], 1):
        extra += [f"{roman}. TIÊU CHUẨN ĐỢT {section}", "1. Đối với cá nhân"]
        extra += [
            f"- Đoàn viên công đoàn hoàn thành tốt nhiệm vụ được giao trong đợt {section}, "
            f"tiêu chí số {n + 1}, gương mẫu chấp hành chủ trương của Đảng, chính sách pháp "
            "luật của Nhà nước, tích cực tham gia các phong trào thi đua do công đoàn phát "
            "động, có sáng kiến, giải pháp được tổ chuyên môn công nhận."
            for n in range(12)
        ]
        extra.append("2. Đối với tập thể")
        extra += [
            f"- Tổ công đoàn có 100% đoàn viên hoàn thành nhiệm vụ trong đợt {section}, "
            f"tiêu chí số {n + 1}, không có đoàn viên vi phạm kỷ luật."
            for n in range(6)
        ]
    extra += ["XIII. THỜI GIAN", "Nội dung | Thời gian | Địa điểm"]
    extra += [
        f"BCH họp xét đánh giá kết quả đợt {row} | Ngày {row % 28 + 1}/{row % 12 + 1}/2023 | "
        "Phòng họp"
        for row in range(1, 61)
    ]
    text = SEED000_TEXT.replace("\tTrên đây", "\n".join(extra) + "\n\tTrên đây", 1)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.docx"
        text_to_docx(text, path, tables=SEED000_TABLES)
        return path.read_bytes()


def twenty_page_docx_without_diacritics() -> bytes:
    """The same document typed without diacritics: the restorer runs on all of it."""
    from docx import Document

    from tests.plan_import.make_documents import strip_marks

    document = Document(BytesIO(twenty_page_docx()))
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs += cell.paragraphs
    for paragraph in paragraphs:
        for run in paragraph.runs:
            run.text = strip_marks(run.text)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _time(label, data):
    words = len(parse_upload("kh.docx", data).text.split())
    times, cpu = [], []
    for _ in range(7):
        started, started_cpu = time.perf_counter(), time.process_time()
        parse_upload("kh.docx", data)
        times.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    print(
        f"{label}: {len(data) / 1024:.0f} KB, {words} words: median"
        f" {statistics.median(times):.3f} s, max {max(times):.3f} s over {len(times)} runs"
        f" (CPU time, less sensitive to the machine's load: median {statistics.median(cpu):.3f} s)"
    )


def main():
    from campaigns.plan_imports.diacritics import base_vocabulary

    started = time.perf_counter()
    base_vocabulary().model()
    print(
        "loading the vocabulary and its model (once a process):",
        f"{time.perf_counter() - started:.2f} s",
    )
    _time("typed", twenty_page_docx())
    _time("without diacritics (restored)", twenty_page_docx_without_diacritics())


if __name__ == "__main__":
    main()
