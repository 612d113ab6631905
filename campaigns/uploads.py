"""The one checked upload path: evidence files, meeting materials, dossier attachments.

The type is decided from the file's content (magic bytes), never from its name or the
browser's claim; a name whose extension says something else (a PDF named
"minh-chung.bat", ".hta" or ".html") is refused with what the file really is; the size
is capped; files are stored under random names through Django's storage API; the name a
file is served under always ends in its detected type's extension (``served_name``).
"""

import io
import secrets
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class FileKind:
    mime: str
    extension: str
    label: str
    aliases: tuple[str, ...] = ()

    @property
    def extensions(self) -> tuple[str, ...]:
        return (self.extension, *self.aliases)


PDF = FileKind("application/pdf", "pdf", "PDF")
JPEG = FileKind("image/jpeg", "jpg", "JPEG", aliases=("jpeg", "jpe"))
PNG = FileKind("image/png", "png", "PNG")
DOCX = FileKind(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", "DOCX"
)
ALLOWED = (PDF, JPEG, PNG, DOCX)
BY_MIME = {kind.mime: kind for kind in ALLOWED}


def sniff(head: bytes, file) -> FileKind | None:
    """Detect the kind from the content. DOCX is a zip holding word/document.xml."""
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"PK\x03\x04"):
        try:
            file.seek(0)
            with zipfile.ZipFile(file) as archive:
                if "word/document.xml" in archive.namelist():
                    return DOCX
        except (zipfile.BadZipFile, OSError):
            return None
        finally:
            file.seek(0)
    return None


def check_upload(file, *, max_bytes: int | None = None) -> FileKind:
    """Validate an uploaded file; return its kind or raise ValidationError (Vietnamese).

    Nothing is stored here: callers store the file only after every check passed.
    """
    limit = max_bytes or settings.EVIDENCE_MAX_FILE_BYTES
    name = getattr(file, "name", "") or ""
    if file.size == 0:
        raise ValidationError(_("Tệp “%(name)s” rỗng.") % {"name": name})
    if file.size > limit:
        raise ValidationError(
            _("Tệp “%(name)s” lớn %(size).1f MB, vượt giới hạn %(limit).0f MB.")
            % {"name": name, "size": file.size / 1048576, "limit": limit / 1048576}
        )
    file.seek(0)
    head = file.read(16)
    file.seek(0)
    kind = sniff(head, file if hasattr(file, "seek") else io.BytesIO(head))
    if kind is None:
        raise ValidationError(
            _(
                "Tệp “%(name)s” không phải PDF, JPEG, PNG hay DOCX (kiểm tra theo nội dung tệp, "
                "không theo tên)."
            )
            % {"name": name}
        )
    extension = _extension(_base_name(name))
    if extension and extension not in kind.extensions:
        raise ValidationError(
            _(
                "Tệp “%(name)s” thực chất là tệp %(kind)s nhưng tên có đuôi .%(extension)s: "
                "hãy đổi tên có đuôi .%(right)s rồi tải lên lại."
            )
            % {"name": name, "kind": kind.label, "extension": extension, "right": kind.extension}
        )
    return kind


def _base_name(name: str) -> str:
    """The client's name without any folder part ("C:\\fakepath\\a.pdf" → "a.pdf")."""
    return (name or "").replace("\\", "/").rsplit("/", 1)[-1].strip()


def _extension(name: str) -> str:
    stem, dot, extension = name.rpartition(".")
    return extension.lower() if dot and stem else ""


def served_name(name: str, kind: FileKind | str, *, fallback: str = "tep") -> str:
    """The name a file is shown and downloaded under: the client's name without folders,
    at most 200 characters, ending in the extension of the type its content has (`kind`,
    or its MIME type). An unknown MIME type serves as a neutral ".bin"."""
    if isinstance(kind, str):
        kind = BY_MIME.get(kind) or FileKind(kind, "bin", "")
    base = _base_name(name)
    extension = _extension(base)
    stem = base[: -len(extension) - 1] if extension else base
    if extension not in kind.extensions:
        extension = kind.extension
    stem = stem.strip()[:195] or fallback
    return f"{stem}.{extension}"


def random_name(prefix: str, kind: FileKind) -> str:
    """A storage path that reveals nothing and cannot be guessed: prefix/ab/<random>.ext"""
    token = secrets.token_urlsafe(24)
    return f"{prefix}/{token[:2]}/{token}.{kind.extension}"
