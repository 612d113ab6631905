"""Make the documents the plan importer is measured on (committed; re-run to rebuild).

For every plan text (the five seeds, copied from the brief's seeds, and the test plans
in plans/, written for this purpose in the same genres): the text itself, the text with
its diacritics stripped ("nodiac"), the text in decomposed Unicode ("nfd"), and for the
test plans a .docx whose heading block is a two-column table and whose "a | b" rows are
tables. Also the fixtures of fixtures/plan_import/: seed 000 as a .docx with tables, and
seed 000 typed in TCVN3 (.VnTime) as a .docx and as an 8-bit text file.

Run: .venv/bin/python tests/plan_import/make_documents.py
"""

import re
import shutil
import sys
import unicodedata
from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.shared import Pt

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from campaigns.plan_imports.encodings import encode  # noqa: E402

HERE = Path(__file__).parent
DOCS = HERE / "documents"
FIXTURES = ROOT / "fixtures" / "plan_import"
SEEDS = Path("/work/shared/seeds")  # the brief's seeds (copied into documents/)


def strip_marks(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    return unicodedata.normalize(
        "NFC",
        "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn"),
    )


def _font(run, name, upper_font=None):
    run.font.name = name
    run._r.get_or_add_rPr().get_or_add_rFonts().set(qn("w:hAnsi"), name)


def _add_paragraph(container, text, font=None, encoding=None, bold=False):
    p = container.add_paragraph()
    if encoding == "tcvn3":
        upper = text.isupper()
        run = p.add_run(encode(text, "tcvn3"))
        _font(run, ".VnTimeH" if upper else ".VnTime")
    else:
        run = p.add_run(text)
        if font:
            _font(run, font)
    run.bold = bold
    run.font.size = Pt(13)
    return p


def _set_cell(cell, text, encoding=None):
    cell.paragraphs[0].text = ""
    lines = text.split("\n")
    first = True
    for line in lines:
        p = cell.paragraphs[0] if first else cell.add_paragraph()
        first = False
        if encoding == "tcvn3":
            run = p.add_run(encode(line, "tcvn3"))
            _font(run, ".VnTimeH" if line.isupper() else ".VnTime")
        else:
            p.add_run(line)


def text_to_docx(text: str, path: Path, encoding=None, tables=None) -> None:
    """`tables`: {first line of a list: (header cells, splitter)} to turn bullets into rows."""
    document = docx.Document()
    lines = text.split("\n")
    heading = next((i for i, line in enumerate(lines) if line.strip() == "KẾ HOẠCH"), 0)
    header = [line for line in lines[:heading] if line.strip()]
    if header:
        left, right = [], []
        for line in header:
            parts = [p.strip() for p in re.split(r"\t+|\s{3,}", line) if p.strip()]
            if len(parts) == 1 and not re.search(r"CỘNG HÒA|Độc lập|ĐẢNG CỘNG SẢN|ngày", parts[0]):
                left.append(parts[0])
            elif len(parts) == 1:
                right.append(parts[0])
            else:
                left.append(parts[0])
                right.append(" ".join(parts[1:]))
        table = document.add_table(rows=1, cols=2)
        _set_cell(table.rows[0].cells[0], "\n".join(left), encoding)
        _set_cell(table.rows[0].cells[1], "\n".join(right), encoding)
    i = heading
    while i < len(lines):
        line = lines[i]
        if " | " in line:
            rows = []
            while i < len(lines) and " | " in lines[i]:
                rows.append([c.strip() for c in lines[i].split(" | ")])
                i += 1
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            table.style = "Table Grid"
            for r, cells in enumerate(rows):
                for c, value in enumerate(cells):
                    _set_cell(table.rows[r].cells[c], value, encoding)
            continue
        if tables and line.strip() in tables:
            _add_paragraph(document, line.strip(), encoding=encoding)
            head, splitter = tables[line.strip()]
            i += 1
            rows = [head]
            while i < len(lines) and lines[i].strip().startswith(("-", "·")):
                rows.append(splitter(lines[i].strip().lstrip("-· ").strip(), len(rows)))
                i += 1
            table = document.add_table(rows=len(rows), cols=len(head))
            table.style = "Table Grid"
            for r, cells in enumerate(rows):
                for c, value in enumerate(cells):
                    _set_cell(table.rows[r].cells[c], value, encoding)
            continue
        if line.startswith("\t") and line.strip() and "\t" not in line.strip():
            # A right-aligned line (the signer's name under the signature).
            p = _add_paragraph(document, line.strip(), encoding=encoding)
            p.alignment = 2
            i += 1
            continue
        if "\t" in line and i > heading:
            # The recipients and the signature side by side: a borderless two-column table.
            block = []
            while i < len(lines) and lines[i].strip():
                block.append(lines[i])
                i += 1
            left = [re.split(r"\t+", b.strip())[0] for b in block if not b.startswith("\t")]
            right = [re.split(r"\t+", b.strip())[-1] for b in block if "\t" in b.strip()]
            table = document.add_table(rows=1, cols=2)
            _set_cell(table.rows[0].cells[0], "\n".join(left), encoding)
            _set_cell(table.rows[0].cells[1], "\n".join(right), encoding)
            continue
        _add_paragraph(document, line, encoding=encoding, bold=line.strip() == "KẾ HOẠCH")
        i += 1
    document.save(path)


def _split_label(item, n):
    label, _sep, when = item.partition(":")
    return [label.strip(), when.strip()]


SEED000_TABLES = {
    "1.Tiêu chuẩn:": (["Số TT", "Tiêu chuẩn"], lambda item, n: [str(n), item]),
    "2.Thời gian:": (["Nội dung", "Thời gian"], _split_label),
}


def main():
    seeds = {f"seed{n:03d}": next(SEEDS.glob(f"{n:03d}_*.txt")) for n in range(5)}
    plans = {p.stem: p for p in sorted((HERE / "plans").glob("*.txt"))}
    plans |= {p.stem: p for p in sorted((HERE / "heldout").glob("*.txt"))}
    plans |= {p.stem: p for p in sorted((HERE / "blind").glob("*.txt"))}
    plans |= {p.stem: p for p in sorted((HERE / "blind2").glob("*.txt"))}
    plans |= {p.stem: p for p in sorted((HERE / "blind3").glob("*.txt"))}
    for name, path in {**seeds, **plans}.items():
        text = path.read_text(encoding="utf-8")
        (DOCS / f"{name}.txt").write_text(text, encoding="utf-8")
        (DOCS / f"{name}.nodiac.txt").write_text(strip_marks(text), encoding="utf-8")
        (DOCS / f"{name}.nfd.txt").write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
        if name in plans:
            text_to_docx(text, DOCS / f"{name}.docx")
    seed0 = seeds["seed000"].read_text(encoding="utf-8")
    text_to_docx(seed0, FIXTURES / "seed000.docx", tables=SEED000_TABLES)
    shutil.copy(FIXTURES / "seed000.docx", DOCS / "seed000.docx")
    # TCVN3 uses the Latin-1 codes for letters, so a middle dot would read as "ã": typed
    # in .VnTime, the seed's "·" bullet is a hyphen.
    legacy = seed0.replace("·", "-")
    text_to_docx(legacy, FIXTURES / "seed000_tcvn3.docx", encoding="tcvn3", tables=SEED000_TABLES)
    (FIXTURES / "seed000_tcvn3.txt").write_bytes(encode(legacy, "tcvn3").encode("cp1252"))
    shutil.copy(FIXTURES / "seed000_tcvn3.docx", DOCS / "seed000.tcvn3.docx")
    shutil.copy(FIXTURES / "seed000_tcvn3.txt", DOCS / "seed000.tcvn3.txt")
    (FIXTURES / "seed003.txt").write_text(seeds["seed003"].read_text(encoding="utf-8"))
    print("written", len(list(DOCS.iterdir())), "documents")


if __name__ == "__main__":
    main()
