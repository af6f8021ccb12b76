"""Documents are downloaded, never opened as a page of the site (issue 19, item 10), and
behind nginx are sent by nginx once the application has checked who asks (item 1)."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction
from wagtail.utils import sendfile

from tests.fabrique.test_settings import run_with

Document = get_document_model()


def document(name: str, content: bytes, collection=None):
    return Document.objects.create(
        title=name,
        file=ContentFile(content, name=name),
        collection=collection or Collection.get_first_root_node(),
    )


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("programme.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"),
        ("lisezmoi.txt", b"<html><script>alert(1)</script></html>", "text/plain"),
        ("film.fr.vtt", b"WEBVTT\n\n00:00.000 --> 00:01.000\nBonjour\n", "text/vtt"),
    ],
)
def test_every_document_downloads_as_an_attachment(
    client, db, media_root, name, content, content_type
):
    doc = document(name, content)

    response = client.get(doc.url)

    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'attachment; filename="{name}"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert b"".join(response.streaming_content) == content


@pytest.fixture
def behind_nginx(settings):
    settings.SENDFILE_BACKEND = "core.document_serving"
    settings.DOCUMENTS_ACCEL_REDIRECT = "/protected-media/"
    sendfile._get_sendfile.clear()
    yield
    sendfile._get_sendfile.clear()


def test_behind_nginx_the_file_is_left_to_nginx_after_the_check(
    client, db, media_root, behind_nginx
):
    doc = document("dossier de presse.pdf", b"%PDF-1.4\n%%EOF\n")

    response = client.get(doc.url)

    assert response.status_code == 200
    assert response["X-Accel-Redirect"] == (
        f"/protected-media/documents/{doc.file.name.removeprefix('documents/').replace(' ', '%20')}"
    )
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content == b""


def test_behind_nginx_a_private_document_is_not_handed_to_nginx(
    client, db, media_root, behind_nginx
):
    private = Collection.get_first_root_node().add_child(name="Privé")
    CollectionViewRestriction.objects.create(
        collection=private, restriction_type=CollectionViewRestriction.LOGIN
    )
    doc = document("contrat.pdf", b"%PDF-1.4\n%%EOF\n", collection=private)

    response = client.get(doc.url)

    assert response.status_code == 302
    assert "X-Accel-Redirect" not in response


SHOW_DOCUMENTS = """
import json
from django.conf import settings as s
print(json.dumps([s.WAGTAILDOCS_SERVE_METHOD, getattr(s, "SENDFILE_BACKEND", None)]))
"""


def test_production_serves_documents_through_the_checked_view():
    streamed = run_with(code=SHOW_DOCUMENTS)
    accel = run_with(code=SHOW_DOCUMENTS, DOCUMENTS_ACCEL_REDIRECT="/protected-media/")
    refused = run_with(code=SHOW_DOCUMENTS, DOCUMENTS_ACCEL_REDIRECT="protected-media")

    assert streamed.stdout.strip() == '["serve_view", null]', streamed.stderr
    assert accel.stdout.strip() == '["serve_view", "core.document_serving"]', accel.stderr
    assert refused.returncode != 0
    assert "DOCUMENTS_ACCEL_REDIRECT is an nginx location's path" in refused.stderr
