"""Images cannot exhaust a worker's memory (issue 19, item 2): an image of too many
pixels is refused at upload, however small its file, and the admin's preview draws
only sizes the site could use. Through the real admin views."""

import io

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection

from tests.home.factories import ImageFactory

Image = get_image_model()


@pytest.fixture(scope="module")
def bomb_png() -> bytes:
    """11,000 x 11,000 pixels of one colour: a few kilobytes of PNG, 484 MB decoded."""
    buffer = io.BytesIO()
    PILImage.new("1", (11_000, 11_000)).save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


@pytest.fixture
def programme_client(client, db, media_root):
    user = get_user_model().objects.create_user("prog", "prog@fabrique.example", "x")
    user.groups.add(Group.objects.get(name="Programme team"))
    client.force_login(user)
    return client


def errors_of(response) -> list[str]:
    soup = BeautifulSoup(response.content, "html.parser")
    return [error.get_text(" ", strip=True) for error in soup.select(".error-message")]


def test_an_image_of_too_many_pixels_is_refused_with_a_message(programme_client, bomb_png):
    assert len(bomb_png) < 100_000

    response = programme_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Affiche",
            "collection": Collection.get_first_root_node().pk,
            "file": SimpleUploadedFile("affiche.png", bomb_png, content_type="image/png"),
        },
    )

    assert response.status_code == 200
    [error] = errors_of(response)
    assert error.startswith("Ce fichier a un trop grand nombre de pixels (121000000)")
    assert "40000000" in error
    assert not Image.objects.exists()


def test_the_multiple_uploader_refuses_it_too(programme_client, bomb_png):
    response = programme_client.post(
        reverse("wagtailimages:add_multiple"),
        {
            "collection": Collection.get_first_root_node().pk,
            "files[]": SimpleUploadedFile("affiche.png", bomb_png, content_type="image/png"),
        },
    )

    assert response.json()["success"] is False
    assert "trop grand nombre de pixels" in response.json()["error_message"]
    assert not Image.objects.exists()


def preview(client, image, spec):
    return client.get(reverse("wagtailimages:preview", args=[image.pk, spec]))


def test_the_preview_draws_the_admins_sizes(programme_client):
    image = ImageFactory(file__width=3000, file__height=200)

    response = preview(programme_client, image, "max-800x600")

    assert response.status_code == 200
    with PILImage.open(io.BytesIO(b"".join(response.streaming_content))) as drawn:
        assert drawn.size == (800, 53)


def test_a_preview_larger_than_the_cap_is_refused_before_drawing(programme_client):
    image = ImageFactory(file__width=3000, file__height=200)

    response = preview(programme_client, image, "original")

    assert response.status_code == 400
    assert response.content.decode() == (
        "Un aperçu peut mesurer au plus 2400 pixels de large et de haut."
    )


def test_an_image_stored_before_the_pixel_cap_is_not_previewed(programme_client):
    image = ImageFactory(file__width=40, file__height=40)
    Image.objects.filter(pk=image.pk).update(width=11_000, height=11_000)
    image.refresh_from_db()

    response = preview(programme_client, image, "max-165x165")

    assert response.status_code == 400
    assert response.content.decode() == "Cette image est trop grande pour être prévisualisée."


def test_a_preview_of_an_image_the_user_may_not_change_says_nothing(client, db, media_root):
    user = get_user_model().objects.create_user("guichet", "guichet@fabrique.example", "x")
    user.groups.add(Group.objects.get(name="Box office"))
    client.force_login(user)
    image = ImageFactory(file__width=3000, file__height=200)

    response = preview(client, image, "original")

    # Wagtail's answer to a refused admin view: back to the dashboard, nothing drawn.
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
