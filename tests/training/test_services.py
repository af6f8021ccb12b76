"""Staff decisions on training applications: allowed moves, never more accepted than
places, an email for each decision in the applicant's language; anonymisation."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from icalendar import Calendar
from wagtail.models import ModelLogEntry

from tests.conftest import paris, publish_translation
from tests.events.factories import SessionFactory
from tests.workshops.factories import TrainingModulePageFactory
from training import rules as rules
from training.exceptions import (
    AlreadyApplied,
    ApplicationsClosed,
    InvalidDecision,
    ModuleFull,
)
from training.models import Application
from training.services import (
    application_decide,
    application_submit,
    applications_anonymise,
)

Status = Application.Status


@pytest.fixture
def module(shared_site, frozen_now):
    page = TrainingModulePageFactory(
        parent=shared_site.programme,
        title="Étalonnage",
        slug="etalonnage",
        application_deadline=paris(2026, 12, 15, 18),
        places=2,
    )
    for day in (11, 18):
        SessionFactory(page=page, start=paris(2027, 1, day, 10), venue=shared_site.venue)
    publish_translation(page, title="Colour grading")
    return page


@pytest.fixture
def staff_user(db):
    return get_user_model().objects.create_user("selection", "selection@example.org", "x")


def apply(module, n=0, *, language="fr", status=Status.RECEIVED):
    application = application_submit(
        module=module,
        first_name=f"Prénom{n}",
        last_name=f"Nom{n}",
        email=f"person{n}@example.org",
        phone="0612345678",
        motivation="Je monte des films depuis trois ans.",
        links="https://vimeo.com/person",
        availability="Les lundis",
        language=language,
    )
    if status != Status.RECEIVED:
        Application.objects.filter(pk=application.pk).update(status=status)
        application.refresh_from_db()
    return application


@pytest.mark.parametrize(
    ("current", "wanted", "allowed"),
    [
        (Status.RECEIVED, Status.SHORTLISTED, True),
        (Status.RECEIVED, Status.ACCEPTED, False),
        (Status.SHORTLISTED, Status.ACCEPTED, True),
        (Status.SHORTLISTED, Status.RECEIVED, True),
        (Status.ACCEPTED, Status.WAITLISTED, True),
        (Status.ACCEPTED, Status.RECEIVED, False),
        (Status.WAITLISTED, Status.ACCEPTED, True),
        (Status.DECLINED, Status.SHORTLISTED, True),
        (Status.DECLINED, Status.ACCEPTED, False),
        (Status.WITHDRAWN, Status.SHORTLISTED, False),
    ],
)
def test_which_moves_staff_may_make(current, wanted, allowed):
    assert rules.can_move(current, wanted) is allowed


def test_the_choices_offered_start_with_the_current_status():
    assert rules.next_statuses(Status.RECEIVED) == ["received", "shortlisted", "declined"]


def test_applying_after_the_deadline_is_refused(module, frozen_now):
    with pytest.raises(ApplicationsClosed) as refused:
        application_submit(
            module=module,
            first_name="A",
            last_name="B",
            email="a@example.org",
            motivation="x",
            language="fr",
            now=module.application_deadline,
        )
    assert "mardi 15 décembre à 18 h" in str(refused.value)
    assert not Application.objects.exists()


def test_one_application_per_email_whatever_its_case(module):
    first = apply(module)

    with pytest.raises(AlreadyApplied) as again:
        application_submit(
            module=module,
            first_name="Other",
            last_name="Name",
            email="  PERSON0@example.ORG",
            motivation="y",
            language="en",
        )

    assert again.value.application == first
    assert Application.objects.get().first_name == "Prénom0"


@pytest.mark.parametrize(
    ("language", "status", "subject", "phrase"),
    [
        ("fr", Status.SHORTLISTED, "Présélection : Étalonnage", "sur notre liste restreinte"),
        ("en", Status.SHORTLISTED, "You are shortlisted: Colour grading", "on our shortlist"),
        ("fr", Status.DECLINED, "Votre candidature : Étalonnage", "pas vous proposer de place"),
        ("en", Status.DECLINED, "Your application: Colour grading", "cannot offer you one"),
        ("fr", Status.WAITLISTED, "Liste d'attente : Étalonnage", "sur la liste d’attente"),
        ("en", Status.WAITLISTED, "Waiting list: Colour grading", "on the waiting list"),
        ("fr", Status.ACCEPTED, "Vous êtes retenu·e : Étalonnage", "lundi 11 janvier à 10 h"),
        ("en", Status.ACCEPTED, "You are accepted: Colour grading", "Monday 18 January, 10 am"),
    ],
)
def test_each_decision_is_emailed_in_the_language_applied_in(
    module,
    staff_user,
    mailoutbox,
    django_capture_on_commit_callbacks,
    language,
    status,
    subject,
    phrase,
):
    application = apply(module, language=language, status=Status.SHORTLISTED)
    if status == Status.SHORTLISTED:
        application = apply(module, 1, language=language)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        decided = application_decide(application=application, status=status, by_user=staff_user)

    assert decided.status == status
    assert decided.decided_at is not None
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [application.email]
    assert message.subject == subject
    assert phrase in message.body
    attachments = [a for a in message.attachments if a[2].startswith("text/calendar")]
    if status == Status.ACCEPTED:
        events = Calendar.from_ical(attachments[0][1]).walk("VEVENT")
        assert len(events) == 2
    else:
        assert attachments == []


def test_a_decision_is_recorded_in_the_history_with_who_made_it(module, staff_user):
    application = apply(module)

    application_decide(application=application, status=Status.SHORTLISTED, by_user=staff_user)

    entry = ModelLogEntry.objects.get(action="workshops.application.decide")
    assert entry.user == staff_user
    assert entry.data == {"from": "received", "to": "shortlisted"}
    assert entry.message == "Statut passé de « Reçue » à « Présélectionnée »"


def test_deciding_the_same_again_sends_nothing(
    module, staff_user, mailoutbox, django_capture_on_commit_callbacks
):
    application = apply(module, status=Status.SHORTLISTED)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        application_decide(application=application, status=Status.SHORTLISTED, by_user=staff_user)

    assert mailoutbox == []


def test_a_move_the_rules_refuse_changes_nothing(module, staff_user):
    application = apply(module)

    with pytest.raises(InvalidDecision):
        application_decide(application=application, status=Status.ACCEPTED, by_user=staff_user)

    application.refresh_from_db()
    assert application.status == Status.RECEIVED


def test_accepted_applications_never_exceed_the_places(module, staff_user):
    shortlisted = [apply(module, n, status=Status.SHORTLISTED) for n in range(3)]
    for application in shortlisted[:2]:
        application_decide(application=application, status=Status.ACCEPTED, by_user=staff_user)

    with pytest.raises(ModuleFull) as full:
        application_decide(application=shortlisted[2], status=Status.ACCEPTED, by_user=staff_user)

    assert "Les 2 places de ce module sont toutes prises" in str(full.value)
    assert Application.objects.filter(status=Status.ACCEPTED).count() == 2
    # Freeing a place lets the next one in.
    application_decide(application=shortlisted[0], status=Status.WAITLISTED, by_user=staff_user)
    application_decide(application=shortlisted[2], status=Status.ACCEPTED, by_user=staff_user)
    assert Application.objects.filter(status=Status.ACCEPTED).count() == 2


def test_an_email_for_a_decision_changed_since_is_not_sent(
    module, staff_user, mailoutbox, django_capture_on_commit_callbacks
):
    application = apply(module, status=Status.SHORTLISTED)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        application_decide(application=application, status=Status.WAITLISTED, by_user=staff_user)
        application_decide(application=application, status=Status.ACCEPTED, by_user=staff_user)
    for callback in callbacks:
        callback()

    assert [message.subject for message in mailoutbox] == ["Vous êtes retenu·e : Étalonnage"]


def test_applications_of_modules_past_retention_lose_personal_data(
    shared_site, frozen_now, staff_user
):
    old = TrainingModulePageFactory(
        parent=shared_site.programme, application_deadline=frozen_now - timedelta(days=200)
    )
    SessionFactory(page=old, start=frozen_now - timedelta(days=150))
    SessionFactory(page=old, start=frozen_now - timedelta(days=60))  # last one: recent
    older = TrainingModulePageFactory(
        parent=shared_site.programme, application_deadline=frozen_now - timedelta(days=300)
    )
    SessionFactory(page=older, start=frozen_now - timedelta(days=120))
    for module, n in [(old, 0), (older, 1), (older, 2)]:
        Application.objects.create(
            module=module,
            first_name=f"Prénom{n}",
            last_name="Nom",
            email=f"p{n}@example.org",
            phone="06",
            motivation="Motivation",
            links="https://example.org",
            availability="Lundi",
            staff_notes="Très bien",
            status=Status.ACCEPTED if n == 1 else Status.DECLINED,
            language="fr",
        )

    out = StringIO()
    call_command("anonymise_personal_data", "--days=90", stdout=out)

    assert "Training applications anonymised: 2" in out.getvalue()
    erased = Application.objects.filter(module=older)
    for application in erased:
        assert application.anonymised_at == frozen_now
        assert (application.first_name, application.last_name, application.phone) == ("", "", "")
        assert application.email.endswith("@invalid.invalid")
        assert "p1" not in application.email_key
        assert (application.motivation, application.links, application.availability) == (
            "",
            "",
            "",
        )
        assert application.staff_notes == ""
    assert sorted(erased.values_list("status", flat=True)) == ["accepted", "declined"]
    kept = Application.objects.get(module=old)
    assert kept.first_name == "Prénom0" and kept.anonymised_at is None
    assert applications_anonymise(retention_days=90) == 0
