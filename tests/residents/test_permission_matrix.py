"""Who may do what, through the real admin views over HTTP.

The matrix is a table: one row per (who, what), one cell per action, each ``True``
(allowed) or ``False`` (refused). Every cell is asserted by a real request: GET of the
page explorer ("view"), the editor ("edit"), the delete and move screens; POST of the
editor's own form with "Submit for moderation" ("submit": a review starts) or "Publish"
("publish": the new title is live). A new area (donations) adds its rows to the tables.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from donations.models import Donation
from residents import services
from tests.conftest import build_bilingual_site, data_kept_for_the_module
from tests.events.factories import BookingFactory, ScreeningPageFactory, SessionFactory
from tests.home.factories import ImageFactory
from tests.residents.admin_client import edit_form_data
from tests.residents.factories import ProjectPageFactory, ResidentPageFactory

ACTORS = ["anonymous", "resident_a", "resident_b", "former", "programme", "box_office", "admin"]
PAGE_ACTIONS = ["view", "edit", "delete", "move", "submit", "publish"]

Y, N = True, False


def row(view, edit, delete, move, submit, publish):
    return dict(zip(PAGE_ACTIONS, [view, edit, delete, move, submit, publish], strict=True))


NOTHING = row(N, N, N, N, N, N)
EVERYTHING = row(Y, Y, Y, Y, Y, Y)
# A resident on their own live pages: edit and submit, never publish, delete or move
# what is live.
OWN_PAGE = row(Y, Y, N, N, Y, N)

PAGE_MATRIX = {
    # who:         {home, programme page, A's resident page, A's project, B's project}
    "anonymous": dict.fromkeys(["home", "programme", "a_page", "a_project", "b_project"], NOTHING),
    "resident_a": {
        "home": NOTHING,
        "programme": NOTHING,
        "a_page": OWN_PAGE,
        "a_project": OWN_PAGE,
        "b_project": NOTHING,
    },
    "resident_b": {
        "home": NOTHING,
        "programme": NOTHING,
        "a_page": NOTHING,
        "a_project": NOTHING,
        "b_project": OWN_PAGE,
    },
    "former": dict.fromkeys(["home", "programme", "a_page", "a_project", "b_project"], NOTHING),
    # Every page; deleting a page with pages beneath it is for administrators.
    "programme": {
        "home": row(Y, Y, N, Y, Y, Y),
        "programme": EVERYTHING,
        "a_page": row(Y, Y, N, Y, Y, Y),
        "a_project": EVERYTHING,
        "b_project": EVERYTHING,
    },
    "box_office": dict.fromkeys(["home", "programme", "a_page", "a_project", "b_project"], NOTHING),
    # Administrators may delete a whole branch, but the home page holds a session with
    # bookings, which no one deletes (they are cancelled instead).
    "admin": {
        "home": row(Y, Y, N, Y, Y, Y),
        "programme": EVERYTHING,
        "a_page": EVERYTHING,
        "a_project": EVERYTHING,
        "b_project": EVERYTHING,
    },
}

# Bookings and donations: the admin listing and the export of personal data.
NO_DATA = {"view": N, "export": N}
ALL_DATA = {"view": Y, "export": Y}
DATA_MATRIX = {
    "anonymous": {"bookings": NO_DATA, "donations": NO_DATA},
    "resident_a": {"bookings": NO_DATA, "donations": NO_DATA},
    "resident_b": {"bookings": NO_DATA, "donations": NO_DATA},
    "former": {"bookings": NO_DATA, "donations": NO_DATA},
    # Donors are for administrators by default (donations 0002).
    "programme": {"bookings": ALL_DATA, "donations": NO_DATA},
    "box_office": {"bookings": ALL_DATA, "donations": NO_DATA},
    "admin": {"bookings": ALL_DATA, "donations": ALL_DATA},
}
# Each area's listing and export, and a name only its records hold.
DATA_URLS = {
    "bookings": (
        lambda world: reverse("bookings:index"),
        lambda world: reverse("event_sessions:export", args=[world["session"].pk]) + "?format=csv",
        "Personne",
    ),
    "donations": (
        lambda world: reverse("donations:index"),
        lambda world: reverse("donations:index") + "?export=csv",
        "Donatrice",
    ),
}

# Images in resident A's and resident B's collections: listed in the image library,
# opened for editing.
IMAGE_MATRIX = {
    "anonymous": {"a_image": {"list": N, "edit": N}, "b_image": {"list": N, "edit": N}},
    "resident_a": {"a_image": {"list": Y, "edit": Y}, "b_image": {"list": N, "edit": N}},
    "resident_b": {"a_image": {"list": N, "edit": N}, "b_image": {"list": Y, "edit": Y}},
    "former": {"a_image": {"list": N, "edit": N}, "b_image": {"list": N, "edit": N}},
    "programme": {"a_image": {"list": Y, "edit": Y}, "b_image": {"list": Y, "edit": Y}},
    "box_office": {"a_image": {"list": N, "edit": N}, "b_image": {"list": N, "edit": N}},
    "admin": {"a_image": {"list": Y, "edit": Y}, "b_image": {"list": Y, "edit": Y}},
}


def rows(matrix):
    return [(actor, target) for actor in ACTORS for target in matrix[actor]]


@pytest.fixture(scope="module")
def world(django_db_blocker, tmp_path_factory):
    with data_kept_for_the_module(django_db_blocker, tmp_path_factory):
        yield build_world()


def build_world() -> dict:
    site = build_bilingual_site()
    User = get_user_model()

    def invite(name, email):
        page = ResidentPageFactory(parent=site.residents, name=name)
        account = services.resident_invite(
            name=name, email=email, language="fr", page=page, index_page=site.residents
        )
        account.user.set_password("secret-pass-123")
        account.user.save()
        project = ProjectPageFactory(parent=page, owner=account.user)
        image = ImageFactory(title=f"Image de {name}", collection=account.collection)
        return account, project, image

    a, a_project, a_image = invite("Ana Ruiz", "ana@example.org")
    b, b_project, b_image = invite("Bo Chen", "bo@example.org")
    former, _project, _image = invite("Cléo Marin", "cleo@example.org")
    staff = {}
    for actor, group in [
        ("programme", "Programme team"),
        ("box_office", "Box office"),
        ("admin", "Administrators"),
    ]:
        staff[actor] = User.objects.create_user(actor, f"{actor}@fabrique.example", "x")
        staff[actor].groups.add(Group.objects.get(name=group))
    services.residency_end(account=former, unpublish=False, user=staff["admin"])

    screening = ScreeningPageFactory(parent=site.programme)
    session = SessionFactory(page=screening)
    BookingFactory(session=session, first_name="Zoé", last_name="Personne")
    Donation.objects.create(
        frequency=Donation.Frequency.ONE_OFF,
        amount=2500,
        status=Donation.Status.PAID,
        first_name="Zélie",
        last_name="Donatrice",
        email="zelie@example.org",
    )
    programme_page = ScreeningPageFactory(parent=site.programme)
    SessionFactory(page=programme_page)
    return {
        "users": {
            "anonymous": None,
            "resident_a": a.user,
            "resident_b": b.user,
            "former": former.user,
            **staff,
        },
        "pages": {
            "home": site.home,
            "programme": programme_page,
            "a_page": a.page,
            "a_project": a_project,
            "b_project": b_project,
        },
        "images": {"a_image": a_image, "b_image": b_image},
        "session": session,
    }


@pytest.fixture
def as_actor(world, db, client):
    def log_in(actor):
        user = world["users"][actor]
        if user is not None:
            client.force_login(user)
        return client

    return log_in


def allowed(response) -> bool:
    return response.status_code == 200


def page_cells(client, admin_client, page) -> dict:
    page = Page.objects.get(pk=page.pk).specific
    data = edit_form_data(admin_client, page)
    cells = {
        "view": allowed(client.get(reverse("wagtailadmin_explore", args=[page.pk]))),
        "edit": allowed(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))),
        "delete": allowed(client.get(reverse("wagtailadmin_pages:delete", args=[page.pk]))),
        "move": allowed(client.get(reverse("wagtailadmin_pages:move", args=[page.pk]))),
    }
    edit_url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    client.post(edit_url, {**data, "action-submit": "1"})
    page.refresh_from_db()
    cells["submit"] = page.workflow_in_progress
    if page.workflow_in_progress:
        page.current_workflow_state.cancel(user=None)
    client.post(edit_url, {**data, "title": "Nouveau titre", "action-publish": "1"})
    page.refresh_from_db()
    cells["publish"] = page.title == "Nouveau titre"
    return cells


@pytest.mark.parametrize(("actor", "target"), rows(PAGE_MATRIX))
def test_pages(world, as_actor, actor, target):
    admin_client = Client()
    admin_client.force_login(world["users"]["admin"])
    cells = page_cells(as_actor(actor), admin_client, world["pages"][target])
    assert cells == PAGE_MATRIX[actor][target]


@pytest.mark.parametrize(("actor", "target"), rows(DATA_MATRIX))
def test_personal_data(world, as_actor, actor, target):
    client = as_actor(actor)
    listing_url, export_url, name = DATA_URLS[target]
    listing = client.get(listing_url(world))
    export = client.get(export_url(world))
    cells = {
        "view": allowed(listing) and name in listing.content.decode(),
        "export": allowed(export) and name in b"".join(export).decode(),
    }
    assert cells == DATA_MATRIX[actor][target]


@pytest.mark.parametrize(("actor", "target"), rows(IMAGE_MATRIX))
def test_images(world, as_actor, actor, target):
    client = as_actor(actor)
    image = world["images"][target]
    listing = client.get(reverse("wagtailimages:index"))
    cells = {
        "list": allowed(listing) and image.title in listing.content.decode(),
        "edit": allowed(client.get(reverse("wagtailimages:edit", args=[image.pk]))),
    }
    assert cells == IMAGE_MATRIX[actor][target]
