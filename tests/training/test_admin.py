"""Training applications in the Wagtail admin, through the real views: who sees them,
who decides, and that a decision made there goes through the services."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import paris
from tests.events.factories import SessionFactory
from tests.workshops.factories import TrainingModulePageFactory
from training.models import Application

Status = Application.Status


@pytest.fixture
def module(shared_site, frozen_now):
    page = TrainingModulePageFactory(
        parent=shared_site.programme,
        title="Étalonnage",
        application_deadline=paris(2026, 12, 15, 18),
        places=1,
    )
    SessionFactory(page=page, start=paris(2027, 1, 11, 10), venue=shared_site.venue)
    return page


def make_application(module, n=0, status=Status.SHORTLISTED, language="en"):
    return Application.objects.create(
        module=module,
        first_name=f"Ana{n}",
        last_name="Ruiz",
        email=f"ana{n}@example.org",
        motivation="I have edited three short films.",
        links="https://vimeo.com/ana",
        status=status,
        language=language,
    )


def staff(*codenames, name="Training selection"):
    user = get_user_model().objects.create_user(name.lower(), "staff@example.org", "x")
    group = Group.objects.create(name=name)
    group.permissions.add(
        Permission.objects.get(codename="access_admin"),
        *Permission.objects.filter(content_type__app_label="training", codename__in=codenames),
    )
    user.groups.add(group)
    return user


def edit(client, application, **data):
    form = {"status": application.status, "staff_notes": application.staff_notes}
    form.update(data)
    return client.post(reverse("training_applications:edit", args=[application.pk]), form)


def test_an_editor_without_the_permission_sees_no_application(client, module):
    application = make_application(module)
    client.force_login(staff(name="Page editors"))

    for url in (
        reverse("training_applications:index"),
        reverse("training_applications:inspect", args=[application.pk]),
        reverse("training_applications:edit", args=[application.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "ana0@example.org" not in response.content.decode()


def test_viewers_list_filter_search_and_inspect_but_cannot_decide(client, module):
    application = make_application(module)
    other = TrainingModulePageFactory(parent=module.get_parent())
    make_application(other, 1)
    client.force_login(staff("view_application"))

    listing = client.get(reverse("training_applications:index"), {"module": module.pk})
    search = client.get(reverse("training_applications:index"), {"q": "ana1@"})
    inspect = client.get(reverse("training_applications:inspect", args=[application.pk]))
    refused = edit(client, application, status=Status.ACCEPTED)

    assert "ana0@example.org" in listing.content.decode()
    assert "ana1@example.org" not in listing.content.decode()
    assert "ana1@example.org" in search.content.decode()
    assert "ana0@example.org" not in search.content.decode()
    assert "I have edited three short films." in inspect.content.decode()
    assert application.manage_token not in inspect.content.decode()
    assert refused.status_code in (302, 403)
    application.refresh_from_db()
    assert application.status == Status.SHORTLISTED


def test_the_listing_runs_the_same_queries_for_more_applications(
    client, module, django_assert_num_queries
):
    client.force_login(staff("view_application"))
    make_application(module)
    client.get(reverse("training_applications:index"))  # warm caches (content types...)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("training_applications:index"))
    for n in range(1, 6):
        make_application(TrainingModulePageFactory(parent=module.get_parent()), n)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(reverse("training_applications:index"))


def test_applications_export_as_csv_and_xlsx(client, module):
    make_application(module)
    client.force_login(staff("view_application"))

    csv = client.get(reverse("training_applications:index"), {"export": "csv"})
    xlsx = client.get(reverse("training_applications:index"), {"export": "xlsx"})

    assert csv.status_code == xlsx.status_code == 200
    content = b"".join(csv.streaming_content).decode()
    assert "ana0@example.org" in content and "Étalonnage" in content
    assert "training-applications.xlsx" in xlsx["Content-Disposition"]


def test_accepting_in_the_admin_goes_through_the_service_and_emails_the_applicant(
    client, module, mailoutbox, django_capture_on_commit_callbacks
):
    application = make_application(module)
    client.force_login(staff("view_application", "change_application"))

    with django_capture_on_commit_callbacks(execute=True):
        response = edit(client, application, status=Status.ACCEPTED, staff_notes="Strong reel")

    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == Status.ACCEPTED
    assert application.decided_at is not None
    assert application.staff_notes == "Strong reel"
    assert [message.subject for message in mailoutbox] == ["You are accepted: Étalonnage"]


def test_the_admin_refuses_to_accept_beyond_the_places_with_a_clear_message(client, module):
    make_application(module, 1, status=Status.ACCEPTED)
    application = make_application(module)
    client.force_login(staff("view_application", "change_application"))

    response = edit(client, application, status=Status.ACCEPTED, staff_notes="Keep")

    assert response.status_code == 200
    assert "L’unique place de ce module est prise" in response.content.decode()
    application.refresh_from_db()
    assert application.status == Status.SHORTLISTED
    assert application.staff_notes == ""  # nothing half-saved


def test_staff_cannot_change_what_the_applicant_wrote(client, module):
    application = make_application(module)
    client.force_login(staff("view_application", "change_application"))

    edit(client, application, motivation="Rewritten", email="x@example.org", staff_notes="ok")

    application.refresh_from_db()
    assert application.motivation == "I have edited three short films."
    assert application.email == "ana0@example.org"
    assert application.staff_notes == "ok"


def test_the_edit_form_offers_only_the_moves_the_rules_allow(client, module):
    application = make_application(module, status=Status.RECEIVED)
    client.force_login(staff("view_application", "change_application"))

    page = client.get(reverse("training_applications:edit", args=[application.pk]))
    refused = edit(client, application, status=Status.ACCEPTED)

    html = page.content.decode()
    assert 'value="shortlisted"' in html and 'value="accepted"' not in html
    assert refused.status_code == 200
    application.refresh_from_db()
    assert application.status == Status.RECEIVED


def test_nobody_adds_or_deletes_applications_here(client, module):
    application = make_application(module)
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)

    assert client.get(reverse("training_applications:add")).status_code in (302, 403)
    client.post(reverse("training_applications:delete", args=[application.pk]))
    assert Application.objects.filter(pk=application.pk).exists()


def test_the_module_editor_shows_accepted_against_places(client, module):
    make_application(module, 1, status=Status.ACCEPTED)
    make_application(module, 2)
    admin = get_user_model().objects.create_superuser("admin", "admin@example.org", "x")
    client.force_login(admin)

    html = client.get(reverse("wagtailadmin_pages:edit", args=[module.pk])).content.decode()

    assert "Retenu·es 1 / places 1" in html
    assert f"?module={module.pk}" in html
