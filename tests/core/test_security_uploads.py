"""Uploads through the real admin views, as the programme team makes them: documents
are what their extension says and within their kind's size (core.uploads); an image
that is not one is refused by Wagtail's own check."""

import io
import zipfile

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from fpdf import FPDF
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection
from wagtail.users.models import UserProfile

Document = get_document_model()

WINDOWS_PROGRAM = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + bytes(200)
VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:02.500\nLes ouvrières sortent de l'usine.\n".encode()


def small_pdf() -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Programme de décembre")
    return bytes(pdf.output())


def office_zip(folder: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(f"{folder}document.xml", "<document/>")
    return buffer.getvalue()


def opendocument(mimetype: str) -> bytes:
    """An OpenDocument file: its first entry, stored uncompressed, names its type."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", mimetype)
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.fixture
def programme_client(client, db, media_root):
    user = get_user_model().objects.create_user("prog", "prog@fabrique.example", "x")
    user.groups.add(Group.objects.get(name="Programme team"))
    client.force_login(user)
    client.user = user
    return client


def upload(client, name: str, content: bytes):
    return client.post(
        reverse("wagtaildocs:add"),
        {
            "title": name,
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile(name, content),
        },
    )


def errors_of(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [error.get_text(" ", strip=True) for error in soup.select(".error-message")]


def test_a_real_pdf_is_accepted(programme_client):
    response = upload(programme_client, "programme.pdf", small_pdf())

    assert response.status_code == 302, errors_of(response)
    document = Document.objects.get()
    assert document.file_extension == "pdf"


def test_real_captions_are_accepted(programme_client):
    response = upload(programme_client, "ouvrieres.fr.vtt", VTT)

    assert response.status_code == 302, errors_of(response)
    assert Document.objects.filter(title="ouvrieres.fr.vtt").exists()


def test_a_program_renamed_pdf_is_refused_with_a_message(programme_client):
    response = upload(programme_client, "facture.pdf", WINDOWS_PROGRAM)

    assert response.status_code == 200
    assert not Document.objects.exists()
    assert errors_of(response) == [
        "Le contenu de ce fichier n'est pas du PDF, bien que son nom se termine par .pdf. "
        "Envoyez le vrai fichier, ou donnez-lui l'extension de ce qu'il contient."
    ]


def test_the_message_is_in_the_language_the_staff_member_chose(programme_client):
    profile = UserProfile.get_for_user(programme_client.user)
    profile.preferred_language = "en"
    profile.save()

    response = upload(programme_client, "facture.pdf", WINDOWS_PROGRAM)

    assert errors_of(response) == [
        "The content of this file is not PDF, although its name ends in .pdf. Upload the "
        "real file, or give it the extension of what it contains."
    ]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("captions.vtt", b"1\n00:00:00,000 --> 00:00:02,500\nSubRip, not WebVTT\n"),
        ("captions.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\n\xff\xfe not UTF-8\n"),
        ("film.mp4", b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01webm" + bytes(64)),
        ("film.webm", bytes(4) + b"ftypisom" + bytes(64)),
        ("notes.docx", small_pdf()),
        ("notes.docx", office_zip("xl/")),
        ("tableau.xlsx", b"PK\x03\x04 but not a zip at all"),
        ("tableau.xlsx", office_zip("xl/")[:200]),
        ("lettre.odt", opendocument("application/vnd.oasis.opendocument.spreadsheet")),
        ("diapos.pptx", office_zip("word/")),
        ("liste.csv", "prénom;nom\n".encode("latin-1")),
        ("lisezmoi.txt", b"text with a NUL\x00 byte"),
        ("lettre.rtf", b"Plain text pretending"),
        # Pages of HTML carrying a format's signature somewhere in their first bytes.
        ("programme.pdf", b"<html><script>alert(1)</script>%PDF-1.4</html>"),
        ("film.mp4", b"<!--ftypisom--><html><script>alert(1)</script></html>"),
        ("film.webm", b"<html>\x1a\x45\xdf\xa3\x42\x82\x84webm</html>"),
    ],
)
def test_content_that_does_not_match_the_extension_is_refused(programme_client, name, content):
    response = upload(programme_client, name, content)

    assert response.status_code == 200
    assert not Document.objects.exists()
    [error] = errors_of(response)
    assert "Le contenu de ce fichier n'est pas" in error


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("film.mp4", bytes([0, 0, 0, 32]) + b"ftypisom" + bytes(64)),
        ("film.webm", b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm" + bytes(64)),
        ("notes.docx", office_zip("word/")),
        ("tableau.xlsx", office_zip("xl/")),
        ("diapos.pptx", office_zip("ppt/")),
        ("lettre.odt", opendocument("application/vnd.oasis.opendocument.text")),
        ("liste.csv", "\ufeffprénom;nom\nCamille;Durand\n".encode()),
        ("lettre.rtf", b"{\\rtf1\\ansi Bonjour}"),
    ],
)
def test_files_of_each_kind_that_are_what_they_say_are_accepted(programme_client, name, content):
    response = upload(programme_client, name, content)

    assert response.status_code == 302, errors_of(response)
    assert Document.objects.count() == 1


def test_a_file_over_its_kind_limit_is_refused(programme_client, settings):
    settings.DOCUMENT_MAX_UPLOAD_SIZE = 900
    pdf = small_pdf()
    assert len(pdf) > 900

    response = upload(programme_client, "programme.pdf", pdf)

    assert response.status_code == 200
    assert not Document.objects.exists()
    [error] = errors_of(response)
    assert error.startswith("Ce fichier est trop volumineux (")
    assert "un fichier .pdf ne peut pas dépasser 900" in error


def test_videos_have_their_own_larger_limit(programme_client, settings):
    settings.DOCUMENT_MAX_UPLOAD_SIZE = 100
    settings.DOCUMENT_MAX_VIDEO_UPLOAD_SIZE = 1000
    video = bytes([0, 0, 0, 32]) + b"ftypisom" + bytes(500)

    assert upload(programme_client, "film.mp4", video).status_code == 302
    assert upload(programme_client, "long.mp4", video + bytes(1000)).status_code == 200
    assert Document.objects.count() == 1


def test_a_text_file_named_jpg_is_refused_as_an_image(programme_client):
    response = programme_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Affiche",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("affiche.jpg", b"<html>not an image</html>"),
        },
    )

    assert response.status_code == 200
    assert not get_image_model().objects.exists()
    assert errors_of(response)


def test_the_multiple_uploader_refuses_a_disguised_file_too(programme_client):
    response = programme_client.post(
        reverse("wagtaildocs:add_multiple"),
        {
            "collection": Collection.get_first_root_node().pk,
            "files[]": SimpleUploadedFile("facture.pdf", WINDOWS_PROGRAM),
        },
    )

    assert response.json()["success"] is False
    assert "n'est pas du PDF" in response.json()["error_message"]
    assert not Document.objects.exists()
