"""Build small .xlsx member sheets for the import tests."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

HEADERS = [
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Chức vụ",
    "Tổ công đoàn",
    "Số điện thoại",
    "Email",
    "Ngày vào công đoàn",
    "Đảng viên",
]


def xlsx(rows, headers=HEADERS, above=()) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for line in above:
        sheet.append(line)
    sheet.append(list(headers))
    for row in rows:
        sheet.append(list(row))
    out = BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(content: bytes, name="danh-sach.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


def member(name, phone="", email="", *, birth="12/03/1985", group="Tổ Lá", position="Giáo viên"):
    return [name, birth, "Nữ", position, group, phone, email, "01/09/2008", ""]
