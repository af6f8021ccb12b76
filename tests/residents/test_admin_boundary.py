"""What the admin names, by user, through the real views over HTTP (issue 19 item 4):
bulk-action confirmation pages of pages, images and documents, the page chooser
(browsing, search, choosing several, opening a page) and the page types report.

Each cell says whether the object's title appears: ``True`` when the user may act on
it (bulk actions) or see it (chooser: live pages and pages they may edit), ``False``
otherwise, the object then being counted at most, never named. The targets are each
resident's unpublished draft, a live page of resident B, and each resident's image and
document in their own collection. Anyone's action and permission rows are in
test_permission_matrix.py, whose world this one extends.
"""

import json

import pytest
from django.urls import reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Page

from residents import services
from residents.admin_boundary import OnlyPermittedNamed
from tests.archive.factories import DocumentFactory
from tests.conftest import data_kept_for_the_module
from tests.residents.factories import ProjectPageFactory, ResidentPageFactory
from tests.residents.test_permission_matrix import build_world

pytestmark = pytest.mark.wagtail_indexes

# "former": the residency ended (login disabled); "ungrouped": still active, but their
# resident group taken away.
ACTORS = [
    "resident_a",
    "resident_b",
    "former",
    "ungrouped",
    "box_office",
    "programme",
    "admin",
]
Y, N = True, False

# Bulk actions on pages: may act on each draft. A resident may delete or move (not
# publish) their own unpublished page; staff who edit every page may do all three.
PAGE_BULK = ["delete", "move", "publish"]
PAGE_BULK_MATRIX = {
    "resident_a": {"a_draft": [Y, Y, N], "b_draft": [N, N, N]},
    "resident_b": {"a_draft": [N, N, N], "b_draft": [Y, Y, N]},
    "former": {"a_draft": [N, N, N], "b_draft": [N, N, N]},
    "ungrouped": {"a_draft": [N, N, N], "b_draft": [N, N, N]},
    "box_office": {"a_draft": [N, N, N], "b_draft": [N, N, N]},
    "programme": {"a_draft": [Y, Y, Y], "b_draft": [Y, Y, Y]},
    "admin": {"a_draft": [Y, Y, Y], "b_draft": [Y, Y, Y]},
}
# Bulk actions on images and documents: residents act on what is in their own
# collection (Wagtail counts deleting as changing there), the programme team and
# administrators on everything.
MEDIA_BULK = ["delete", "add_tags", "add_to_collection"]
ALL, NONE = [Y, Y, Y], [N, N, N]
MEDIA_BULK_MATRIX = {
    "resident_a": {"a": ALL, "b": NONE},
    "resident_b": {"a": NONE, "b": ALL},
    "former": {"a": NONE, "b": NONE},
    "ungrouped": {"a": NONE, "b": NONE},
    "box_office": {"a": NONE, "b": NONE},
    "programme": {"a": ALL, "b": ALL},
    "admin": {"a": ALL, "b": ALL},
}
MEDIA_BULK_URLS = {"image": "wagtailimages/image", "document": "wagtaildocs/document"}

# The page chooser: browsing the page's parent, searching, choosing it among several,
# opening it. Drafts only for who may edit them; live pages for every admin user.
CHOOSER = ["browse", "search", "chosen", "open"]
SEEN, UNSEEN = [Y, Y, Y, Y], [N, N, N, N]
CHOOSER_MATRIX = {
    "resident_a": {"a_draft": SEEN, "b_draft": UNSEEN, "b_live": SEEN},
    "resident_b": {"a_draft": UNSEEN, "b_draft": SEEN, "b_live": SEEN},
    "former": {"a_draft": UNSEEN, "b_draft": UNSEEN, "b_live": UNSEEN},
    "ungrouped": {"a_draft": UNSEEN, "b_draft": UNSEEN, "b_live": UNSEEN},
    "box_office": {"a_draft": UNSEEN, "b_draft": UNSEEN, "b_live": SEEN},
    "programme": {"a_draft": SEEN, "b_draft": SEEN, "b_live": SEEN},
    "admin": {"a_draft": SEEN, "b_draft": SEEN, "b_live": SEEN},
}
# The page types report names the last page edited of each type, site-wide: staff only.
REPORT = {
    "resident_a": N,
    "resident_b": N,
    "former": N,
    "ungrouped": N,
    "box_office": N,
    "programme": Y,
    "admin": Y,
}


def rows(matrix):
    return [(actor, target) for actor in ACTORS for target in matrix[actor]]


@pytest.fixture(scope="module")
def world(django_db_blocker, tmp_path_factory):
    with data_kept_for_the_module(django_db_blocker, tmp_path_factory):
        world = build_world()
        users = world["users"]
        a_page = world["pages"]["a_page"]
        b_page = world["pages"]["b_project"].get_parent()
        a_account = users["resident_a"].resident_account
        b_account = users["resident_b"].resident_account
        world["drafts"] = {
            "a_draft": ProjectPageFactory(
                parent=a_page, title="Brouillon secret Ana", live=False, owner=users["resident_a"]
            ),
            "b_draft": ProjectPageFactory(
                parent=b_page, title="Brouillon secret Bo", live=False, owner=users["resident_b"]
            ),
            "b_live": Page.objects.get(pk=world["pages"]["b_project"].pk),
        }
        ungrouped = services.resident_invite(
            name="Dan Roy",
            email="dan@example.org",
            language="fr",
            page=ResidentPageFactory(parent=a_page.get_parent(), name="Dan Roy"),
        ).user
        ungrouped.groups.clear()
        users["ungrouped"] = ungrouped
        world["media"] = {
            "image": {"a": world["images"]["a_image"], "b": world["images"]["b_image"]},
            "document": {
                "a": DocumentFactory(title="Document prive Ana", collection=a_account.collection),
                "b": DocumentFactory(title="Document prive Bo", collection=b_account.collection),
            },
        }
        yield world


@pytest.fixture
def as_actor(world, db, client):
    def log_in(actor):
        client.force_login(world["users"][actor])
        return client

    return log_in


def shows(response, title: str) -> bool:
    return response.status_code == 200 and title in response.content.decode()


def bulk_url(model_path: str, action: str, pk: int) -> str:
    return f"/admin/bulk/{model_path}/{action}/?id={pk}"


@pytest.mark.parametrize(("actor", "target"), rows(PAGE_BULK_MATRIX))
def test_page_bulk_actions_name_only_pages_the_user_may_act_on(world, as_actor, actor, target):
    client = as_actor(actor)
    page = world["drafts"][target]
    cells = [
        shows(client.get(bulk_url("wagtailcore/page", action, page.pk)), page.title)
        for action in PAGE_BULK
    ]
    assert cells == PAGE_BULK_MATRIX[actor][target]


@pytest.mark.parametrize("kind", ["image", "document"])
@pytest.mark.parametrize(("actor", "owner"), rows(MEDIA_BULK_MATRIX))
def test_image_and_document_bulk_actions_name_only_what_the_user_may_act_on(
    world, as_actor, actor, owner, kind
):
    client = as_actor(actor)
    item = world["media"][kind][owner]
    cells = [
        shows(client.get(bulk_url(MEDIA_BULK_URLS[kind], action, item.pk)), item.title)
        for action in MEDIA_BULK
    ]
    assert cells == MEDIA_BULK_MATRIX[actor][owner]


def chooser_html(response) -> str:
    if response.status_code != 200:
        return ""
    if response["Content-Type"].startswith("application/json"):
        data = json.loads(response.content)
        return data.get("html") or json.dumps(data.get("result"), ensure_ascii=False)
    return response.content.decode()


@pytest.mark.parametrize(("actor", "target"), rows(CHOOSER_MATRIX))
def test_the_page_chooser_names_drafts_only_to_who_may_edit_them(world, as_actor, actor, target):
    client = as_actor(actor)
    page = world["drafts"][target]
    responses = [
        client.get(reverse("wagtailadmin_choose_page_child", args=[page.get_parent().pk])),
        client.get(reverse("wagtailadmin_choose_page_search"), {"q": page.title.split()[-1]}),
        client.get(reverse("wagtailadmin_choose_page_chosen_multiple"), {"id": page.pk}),
        client.get(reverse("wagtailadmin_choose_page_child", args=[page.pk])),
    ]
    cells = [page.title in chooser_html(response) for response in responses]
    assert cells == CHOOSER_MATRIX[actor][target]


@pytest.mark.parametrize("actor", ACTORS)
def test_the_page_types_report_is_for_staff_who_oversee_every_page(world, as_actor, actor):
    client = as_actor(actor)
    report = client.get(reverse("wagtailadmin_reports:page_types_usage"))
    results = client.get(reverse("wagtailadmin_reports:page_types_usage_results"))
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()

    assert (report.status_code == 200, results.status_code == 200) == (REPORT[actor],) * 2
    assert (reverse("wagtailadmin_reports:page_types_usage") in dashboard) is REPORT[actor]


def test_a_bulk_page_counts_what_it_leaves_out_and_acting_spares_it(world, as_actor):
    """Resident A selects their draft and B's (ids are easy to guess): only theirs is
    named and deleted; B's is counted, in the admin's language, and kept."""
    client = as_actor("resident_a")
    mine, theirs = world["drafts"]["a_draft"], world["drafts"]["b_draft"]
    url = f"/admin/bulk/wagtailcore/page/delete/?id={mine.pk}&id={theirs.pk}&id=999999"

    confirmation = client.get(url)
    done = client.post(url)

    text = confirmation.content.decode()
    assert mine.title in text and theirs.title not in text
    assert (
        "2 éléments sélectionnés sont laissés de côté : vous ne pouvez pas faire cela avec eux."
        in " ".join(text.split())
    )
    assert done.status_code == 302
    assert not Page.objects.filter(pk=mine.pk).exists()
    assert Page.objects.filter(pk=theirs.pk).exists()


def test_every_bulk_action_of_the_admin_names_only_what_may_be_acted_on():
    """Wagtail's and any added later: each carries the rule."""
    bulk_action_registry.get_bulk_actions_for_model("wagtailcore", "page")  # loads them
    registered = [
        action
        for models in bulk_action_registry.actions.values()
        for actions in models.values()
        for action in actions.values()
    ]
    assert len(registered) >= 13
    assert [a for a in registered if not issubclass(a, OnlyPermittedNamed)] == []
