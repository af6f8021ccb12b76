"""The residents' boundary around images, documents and pages (issue 19, items 1 and 3),
through the real admin and document views over HTTP.

The matrix: resident A, resident B, a former resident, box office, programme team,
administrator (and an anonymous visitor) × the admin API's lists and details of images,
documents and pages, the image and document choosers, and document downloads. Then the
page editor: what a resident may not choose cannot be slipped into a post either.
"""

import json

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.models import GroupPagePermission, Page

from residents import services
from residents.models import ResidentPage
from tests.conftest import build_bilingual_site, data_kept_for_the_module
from tests.home.factories import ImageFactory, StandardPageFactory
from tests.residents.admin_client import edit_form_data
from tests.residents.factories import ProjectPageFactory, ResidentPageFactory

pytestmark = pytest.mark.wagtail_indexes

ACTORS = ["anonymous", "resident_a", "resident_b", "former", "programme", "box_office", "admin"]
Y, N = True, False

# Images and documents of A's and B's collections, and a document of the site's own
# (captions of an archive film, linked from public pages): listed by the admin API,
# returned by its detail view, listed in the chooser.
BOTH = {"list": Y, "detail": Y, "chooser": Y}
NONE = {"list": N, "detail": N, "chooser": N}
MEDIA_MATRIX = {
    "anonymous": {"a": NONE, "b": NONE, "site": NONE},
    "resident_a": {"a": BOTH, "b": NONE, "site": NONE},
    "resident_b": {"a": NONE, "b": BOTH, "site": NONE},
    "former": {"a": NONE, "b": NONE, "site": NONE},
    "programme": {"a": BOTH, "b": BOTH, "site": BOTH},
    "box_office": {"a": NONE, "b": NONE, "site": NONE},
    "admin": {"a": BOTH, "b": BOTH, "site": BOTH},
}

# Documents downloaded at their address: the residents' own are private to them and
# staff who manage documents; the site's own are public.
DOWNLOAD_MATRIX = {
    "anonymous": {"a": N, "b": N, "site": Y},
    "resident_a": {"a": Y, "b": N, "site": Y},
    "resident_b": {"a": N, "b": Y, "site": Y},
    "former": {"a": N, "b": N, "site": Y},
    "programme": {"a": Y, "b": Y, "site": Y},
    "box_office": {"a": N, "b": N, "site": Y},
    "admin": {"a": Y, "b": Y, "site": Y},
}

# Pages in the admin API (detail): only what the user may explore.
PAGE_API_MATRIX = {
    "anonymous": {"a_project": N, "b_draft": N, "programme": N},
    "resident_a": {"a_project": Y, "b_draft": N, "programme": N},
    "resident_b": {"a_project": N, "b_draft": Y, "programme": N},
    "former": {"a_project": N, "b_draft": N, "programme": N},
    "programme": {"a_project": Y, "b_draft": Y, "programme": Y},
    "box_office": {"a_project": N, "b_draft": N, "programme": N},
    "admin": {"a_project": Y, "b_draft": Y, "programme": Y},
}


def pdf(text: str) -> bytes:
    return b"%PDF-1.4\n% " + text.encode() + b"\n%%EOF\n"


@pytest.fixture(scope="module")
def world(django_db_blocker, tmp_path_factory):
    with data_kept_for_the_module(django_db_blocker, tmp_path_factory):
        yield build_world()


def build_world() -> dict:
    site = build_bilingual_site()
    User = get_user_model()
    Document = get_document_model()

    def invite(name, email):
        page = ResidentPageFactory(parent=site.residents, name=name)
        account = services.resident_invite(
            name=name, email=email, language="fr", page=page, index_page=site.residents
        )
        project = ProjectPageFactory(parent=page, owner=account.user)
        image = ImageFactory(title=f"Portrait de {name}", collection=account.collection)
        document = Document.objects.create(
            title=f"Dossier de {name}",
            collection=account.collection,
            file=ContentFile(pdf(f"dossier {name}"), name=f"dossier-{account.pk}.pdf"),
        )
        return account, project, image, document

    a, a_project, a_image, a_document = invite("Ana Ruiz", "ana@example.org")
    b, _b_project, b_image, b_document = invite("Bo Chen", "bo@example.org")
    former, *_rest = invite("Cléo Marin", "cleo@example.org")
    b_draft = ProjectPageFactory(parent=b.page, owner=b.user, title="Projet secret", live=False)
    staff = {}
    for actor, group in [
        ("programme", "Programme team"),
        ("box_office", "Box office"),
        ("admin", "Administrators"),
    ]:
        staff[actor] = User.objects.create_user(actor, f"{actor}@fabrique.example", "x")
        staff[actor].groups.add(Group.objects.get(name=group))
    services.residency_end(account=former, unpublish=False, user=staff["admin"])
    site_image = ImageFactory(title="Affiche du cinéma")
    site_document = Document.objects.create(
        title="Sous-titres du film",
        file=ContentFile(b"WEBVTT\n\n00:00.000 --> 00:01.000\nBonjour\n", name="film.fr.vtt"),
    )
    return {
        "site": site,
        "accounts": {"a": a, "b": b},
        "users": {
            "anonymous": None,
            "resident_a": a.user,
            "resident_b": b.user,
            "former": former.user,
            **staff,
        },
        "images": {"a": a_image, "b": b_image, "site": site_image},
        "documents": {"a": a_document, "b": b_document, "site": site_document},
        "pages": {"a_project": a_project, "b_draft": b_draft, "programme": site.programme},
    }


@pytest.fixture
def as_actor(world, db, client):
    def log_in(actor):
        user = world["users"][actor]
        if user is not None:
            client.force_login(user)
        return client

    return log_in


def rows(matrix):
    return [(actor, target) for actor in ACTORS for target in matrix[actor]]


def api_ids(client, endpoint: str) -> set[int] | None:
    """Every id the admin API lists, page after page (None: refused)."""
    ids, offset = set(), 0
    while True:
        response = client.get(f"/admin/api/main/{endpoint}/", {"offset": offset, "limit": 20})
        if response.status_code != 200:
            return None
        items = response.json()["items"]
        ids |= {item["id"] for item in items}
        offset += 20
        if offset >= response.json()["meta"]["total_count"]:
            return ids


def media_cells(client, endpoint: str, chooser: str, item) -> dict:
    listed = api_ids(client, endpoint)
    detail = client.get(f"/admin/api/main/{endpoint}/{item.pk}/")
    # Searched for: every image is made at the same (frozen) time, so the first page of
    # the chooser shows an arbitrary twelve.
    choosing = client.get(reverse(f"{chooser}_chooser:choose"), {"q": item.title})
    return {
        "list": listed is not None and item.pk in listed,
        "detail": detail.status_code == 200 and detail.json()["title"] == item.title,
        "chooser": choosing.status_code == 200
        and reverse(f"{chooser}_chooser:chosen", args=[item.pk]) in choosing.content.decode(),
    }


@pytest.mark.parametrize(("actor", "target"), rows(MEDIA_MATRIX))
def test_images(world, as_actor, actor, target):
    client = as_actor(actor)
    image = world["images"][target]

    cells = media_cells(client, "images", "wagtailimages", image)

    assert cells == MEDIA_MATRIX[actor][target]


@pytest.mark.parametrize(("actor", "target"), rows(MEDIA_MATRIX))
def test_documents(world, as_actor, actor, target):
    client = as_actor(actor)
    document = world["documents"][target]

    cells = media_cells(client, "documents", "wagtaildocs", document)

    assert cells == MEDIA_MATRIX[actor][target]


@pytest.mark.parametrize(("actor", "target"), rows(DOWNLOAD_MATRIX))
def test_document_downloads(world, as_actor, actor, target):
    client = as_actor(actor)
    document = world["documents"][target]
    document.file.open("rb")
    with document.file:
        content = document.file.read()

    response = client.get(document.url)

    downloaded = response.status_code == 200 and b"".join(response.streaming_content) == content
    assert downloaded == DOWNLOAD_MATRIX[actor][target]
    if downloaded:
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(("actor", "target"), rows(PAGE_API_MATRIX))
def test_pages_in_the_admin_api(world, as_actor, actor, target):
    client = as_actor(actor)
    page = world["pages"][target]

    response = client.get(f"/admin/api/main/pages/{page.pk}/")

    shown = response.status_code == 200 and response.json()["title"] == page.title
    assert shown == PAGE_API_MATRIX[actor][target]


def test_the_admin_api_does_not_name_other_residents_drafts_in_a_listing(world, as_actor):
    client = as_actor("resident_a")
    b_page = world["accounts"]["b"].page

    response = client.get("/admin/api/main/pages/", {"child_of": b_page.pk})

    assert "Projet secret" not in response.content.decode()


# The page editor: a resident's post naming what they may not choose is refused, with a
# message, and nothing of it is saved.


def draftail(text: str, entity: dict | None = None) -> str:
    """Rich text as the admin's editor posts it; ``entity`` spans the whole text."""
    block = {
        "key": "a1b2c",
        "text": text,
        "type": "unstyled",
        "depth": 0,
        "inlineStyleRanges": [],
        "entityRanges": [{"offset": 0, "length": len(text), "key": 0}] if entity else [],
        "data": {},
    }
    entities = {"0": {"mutability": "MUTABLE", **entity}} if entity else {}
    return json.dumps({"blocks": [block], "entityMap": entities})


def page_link(page) -> dict:
    return {"type": "LINK", "data": {"id": page.pk, "url": page.url or "/"}}


def error_text(response) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(response.content, "html.parser")
    return " ".join(
        e.get_text(" ", strip=True) for e in soup.select(".error-message, .messages .error")
    )


def save_draft(client, page, **changes):
    page = Page.objects.get(pk=page.pk).specific
    data = {**edit_form_data(client, page), **changes}
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def latest(page):
    return Page.objects.get(pk=page.pk).get_latest_revision_as_object()


def test_a_resident_cannot_put_another_residents_image_on_their_page(world, as_actor):
    client = as_actor("resident_a")
    a_page = world["accounts"]["a"].page
    b_image = world["images"]["b"]

    response = save_draft(client, a_page, portrait=b_image.pk)

    assert response.status_code == 200
    assert f"Vous ne pouvez pas utiliser l'image {b_image.pk}" in error_text(response)
    assert latest(a_page).portrait_id != b_image.pk


def test_a_resident_may_choose_their_own_image_and_keep_one_staff_placed(world, as_actor):
    client = as_actor("resident_a")
    a_page = world["accounts"]["a"].page
    staff_placed = ResidentPage.objects.get(pk=a_page.pk).portrait_id

    # The portrait staff chose (not in A's collection) stays when A saves other changes.
    kept = save_draft(client, a_page, short_bio="Monteuse.")
    chosen = save_draft(client, a_page, portrait=world["images"]["a"].pk)

    assert kept.status_code == 302, error_text(kept)
    assert chosen.status_code == 302, error_text(chosen)
    assert staff_placed is not None
    assert latest(a_page).portrait_id == world["images"]["a"].pk


def test_a_gallery_image_of_another_resident_is_refused(world, as_actor):
    client = as_actor("resident_a")
    project = world["pages"]["a_project"]
    b_image = world["images"]["b"]

    response = save_draft(
        client,
        project,
        **{
            "gallery-TOTAL_FORMS": "1",
            "gallery-INITIAL_FORMS": "0",
            "gallery-0-id": "",
            "gallery-0-ORDER": "1",
            "gallery-0-DELETE": "",
            "gallery-0-image": str(b_image.pk),
            "gallery-0-alt_text": "Plateau",
            "gallery-0-caption": "",
        },
    )

    assert response.status_code == 200
    assert f"Vous ne pouvez pas utiliser l'image {b_image.pk}" in error_text(response)
    assert not latest(project).gallery.exists()


def test_a_link_to_another_residents_draft_is_refused(world, as_actor):
    client = as_actor("resident_a")
    project = world["pages"]["a_project"]
    draft = world["pages"]["b_draft"]

    response = save_draft(client, project, synopsis=draftail("le projet de Bo", page_link(draft)))

    assert response.status_code == 200
    assert f"Vous ne pouvez pas faire un lien vers la page {draft.pk}" in error_text(response)
    assert f'id="{draft.pk}"' not in latest(project).synopsis


def test_links_to_live_pages_and_own_drafts_are_saved(world, as_actor):
    client = as_actor("resident_a")
    project = world["pages"]["a_project"]
    own_draft = ProjectPageFactory(
        parent=world["accounts"]["a"].page, owner=world["users"]["resident_a"], live=False
    )

    to_live = save_draft(
        client, project, synopsis=draftail("le programme", page_link(world["site"].programme))
    )
    to_own = save_draft(client, project, synopsis=draftail("mon brouillon", page_link(own_draft)))

    assert to_live.status_code == 302, error_text(to_live)
    assert to_own.status_code == 302, error_text(to_own)
    assert f'id="{own_draft.pk}"' in latest(project).synopsis


def test_a_document_link_in_a_streamfield_is_refused(world, as_actor):
    """A page whose body takes document links (a standard page a resident was given to
    edit): B's private document cannot be linked from it."""
    page = StandardPageFactory(parent=world["site"].home, title="Partenaires", slug="partenaires")
    GroupPagePermission.objects.create(
        group=world["accounts"]["a"].group,
        page=page,
        permission=Permission.objects.get(
            content_type__app_label="wagtailcore", codename="change_page"
        ),
    )
    client = as_actor("resident_a")
    b_document = world["documents"]["b"]
    link = {"type": "DOCUMENT", "data": {"id": b_document.pk}}

    response = save_draft(
        client,
        page,
        **{
            "body-count": "1",
            "body-0-type": "paragraph",
            "body-0-value": draftail("le dossier de Bo", link),
            "body-0-deleted": "",
            "body-0-order": "0",
            "body-0-id": "3f7c1e2a-9a0b-4c1d-8e2f-1a2b3c4d5e6f",
        },
    )

    assert response.status_code == 200
    assert f"Vous ne pouvez pas utiliser le document {b_document.pk}" in error_text(response)
    assert f'id="{b_document.pk}"' not in json.dumps(list(latest(page).body.raw_data))


def test_every_page_type_checks_what_is_chosen():
    """Every page type's admin form is (or extends) the checked one."""
    from core.page_forms import ChoosablePageForm

    page_types = [model for model in Page.__subclasses__() if not model._meta.abstract]
    page_types += [sub for model in page_types for sub in model.__subclasses__()]
    for model in page_types:
        assert issubclass(model.get_edit_handler().get_form_class(), ChoosablePageForm), model


def test_resident_documents_are_private_from_their_invitation(world, db):
    """A new resident's collection is private at once; B's staying private to B."""
    account = world["accounts"]["b"]

    [restriction] = account.collection.get_view_restrictions()

    assert set(restriction.groups.values_list("name", flat=True)) == {
        account.group.name,
        "Programme team",
        "Administrators",
    }
