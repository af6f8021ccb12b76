"""Documents staff upload are what their name says they are, and not too big.

Wagtail checks a document's extension only: a program renamed ``.pdf`` would then be
served from our domain as a PDF. This form (``WAGTAILDOCS_DOCUMENT_FORM_BASE``) reads
the first bytes each format starts with (its "magic number") and refuses a file whose
content does not match its extension, or that is bigger than its kind allows
(``DOCUMENT_MAX_VIDEO_UPLOAD_SIZE`` for videos, ``DOCUMENT_MAX_UPLOAD_SIZE`` otherwise).
Binary formats are recognised by the ``filetype`` package's signatures, which must
stand at the very start of the file: a page of HTML with "%PDF-" or "ftyp" somewhere in
its first bytes is not a PDF or a video. Every document is then served as an attachment
with ``nosniff`` (settings: ``WAGTAILDOCS_INLINE_CONTENT_TYPES``), so even a file that
slipped through is never opened as a page of this site.
Images need no such form: Wagtail opens every uploaded image with Pillow.
"""

import codecs
import zipfile
from collections.abc import Callable

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from wagtail.documents.forms import BaseDocumentForm

VIDEO_EXTENSIONS = {"mp4", "webm"}
# filetype looks for the zip entries of office documents in the first 6,000 bytes.
_HEAD_BYTES = 8192
_TEXT_CHUNK = 1024 * 1024


def _head(file) -> bytes:
    file.seek(0)
    head = file.read(_HEAD_BYTES)
    file.seek(0)
    return head


def _is_utf8_text(file) -> bool:
    """Decodes as UTF-8 to the end (a BOM allowed), and holds no NUL byte."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    file.seek(0)
    try:
        for chunk in iter(lambda: file.read(_TEXT_CHUNK), b""):
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    finally:
        file.seek(0)
    return True


def _opens_as_zip(file) -> bool:
    file.seek(0)
    try:
        return zipfile.is_zipfile(file)
    finally:
        file.seek(0)


def _zipped_document(extension: str) -> Callable[[object], bool]:
    """docx, xlsx, pptx, odt: ``filetype`` names the format from the first entries'
    names (or, for odt, the ``mimetype`` entry), and the archive must also open, so a
    zip header glued to anything else is refused."""
    matcher = filetype.get_type(ext=extension)

    def check(file) -> bool:
        return bool(matcher.match(_head(file))) and _opens_as_zip(file)

    return check


def _webvtt(file) -> bool:
    """The WebVTT signature line ("WEBVTT" then a space, tab or line end), in UTF-8."""
    head = _head(file).removeprefix(codecs.BOM_UTF8)
    signature = head.startswith(b"WEBVTT") and head[6:7] in {b"", b" ", b"\t", b"\n", b"\r"}
    return signature and _is_utf8_text(file)


def _signature(extension: str) -> Callable[[object], bool]:
    """The file starts with the signature ``filetype`` knows for ``extension``."""
    matcher = filetype.get_type(ext=extension)

    def check(file) -> bool:
        return bool(matcher.match(_head(file)))

    return check


# Not covered by filetype, hence checked here: text formats have no magic number
# (WebVTT's is a text line, CSV and plain text are checked as UTF-8), and filetype's
# MP4 matcher knows three brands (mp41, mp42, isom) where encoders and phones write
# others; these are the ones we accept besides, after the same whole ``ftyp`` box.
_MORE_MP4_BRANDS = {b"avc1", b"iso2", b"iso4", b"iso5", b"iso6", b"M4V ", b"dash", b"mp71"}


def _mp4(file) -> bool:
    """ISO base media whose first box is a whole ``ftyp`` naming an MP4 brand."""
    head = _head(file)
    if filetype.get_type(ext="mp4").match(head):
        return True
    box_size = int.from_bytes(head[:4], "big")
    return head[4:8] == b"ftyp" and 16 <= box_size <= len(head) and head[8:12] in _MORE_MP4_BRANDS


# Extension → (format name shown to staff, content check).
CHECKS: dict[str, tuple[str, Callable[[object], bool]]] = {
    "pdf": ("PDF", _signature("pdf")),
    "rtf": ("RTF", _signature("rtf")),
    "docx": ("Word (docx)", _zipped_document("docx")),
    "xlsx": ("Excel (xlsx)", _zipped_document("xlsx")),
    "pptx": ("PowerPoint (pptx)", _zipped_document("pptx")),
    "odt": ("OpenDocument (odt)", _zipped_document("odt")),
    "vtt": ("WebVTT", _webvtt),
    "mp4": ("MP4", _mp4),
    "webm": ("WebM", _signature("webm")),
    "csv": (_("CSV in UTF-8"), _is_utf8_text),
    "txt": (_("UTF-8 text"), _is_utf8_text),
}


def max_upload_size(extension: str) -> int:
    if extension in VIDEO_EXTENSIONS:
        return settings.DOCUMENT_MAX_VIDEO_UPLOAD_SIZE
    return settings.DOCUMENT_MAX_UPLOAD_SIZE


def check_document_file(file, name: str) -> None:
    """Raise ValidationError when ``file`` is too big for its kind or is not what its
    extension says. Extensions Wagtail does not accept are left to its own check."""
    extension = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if extension not in CHECKS:
        return
    limit = max_upload_size(extension)
    if file.size > limit:
        raise ValidationError(
            _("This file is too big (%(size)s): a .%(extension)s file may be at most %(limit)s.")
            % {
                "size": filesizeformat(file.size),
                "extension": extension,
                "limit": filesizeformat(limit),
            },
            code="file_too_large",
        )
    format_name, is_valid = CHECKS[extension]
    if not is_valid(file):
        raise ValidationError(
            _(
                "The content of this file is not %(format)s, although its name ends in "
                ".%(extension)s. Upload the real file, or give it the extension of what "
                "it contains."
            )
            % {"format": format_name, "extension": extension},
            code="content_mismatch",
        )


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing oversized files and disguised ones."""

    def clean_file(self):
        file = self.cleaned_data.get("file")
        if isinstance(file, UploadedFile):
            check_document_file(file, file.name)
        return file

    def _post_clean(self):
        # A refused file leaves the document without one, and Wagtail's model check
        # would add "extension '' is not allowed" under the real reason: keep the reason.
        refused = self._errors["file"].copy() if "file" in (self._errors or {}) else None
        super()._post_clean()
        if refused:
            self._errors["file"] = refused
