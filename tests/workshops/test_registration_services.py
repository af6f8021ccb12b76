"""Registering a child: age band on the first session, places per series or per
session, waitlist and promotion with emails, duplicates, consents, cancelling."""

from datetime import date, timedelta

import pytest
import time_machine

from events.models import Session
from tests.conftest import paris, publish_translation
from tests.events.factories import SessionFactory
from tests.workshops.factories import RegistrationFactory, WorkshopPageFactory
from workshops import services
from workshops.exceptions import (
    AgeOutOfBand,
    AlreadyRegistered,
    ConsentMissing,
    RegistrationClosed,
    RegistrationNotOpen,
    SessionNotOffered,
)
from workshops.registrations import Registration
from workshops.selectors import places_taken

FIRST = paris(2026, 12, 2, 14)
SERIES_PLACES = (5, 4, 6)  # the series has 4 places


@pytest.fixture
def series(shared_site, frozen_now):
    page = WorkshopPageFactory(
        parent=shared_site.programme, title="Stop motion", is_series=True, age_min=9, age_max=13
    )
    for week, places in enumerate(SERIES_PLACES):
        SessionFactory(
            page=page, start=FIRST + timedelta(weeks=week), venue=shared_site.venue, places=places
        )
    return page


@pytest.fixture
def drop_in(shared_site, frozen_now):
    """A workshop whose sessions are attended separately, 2 places each."""
    page = WorkshopPageFactory(parent=shared_site.programme, title="Initiation", age_min=9)
    for week in range(2):
        SessionFactory(
            page=page, start=FIRST + timedelta(weeks=week), venue=shared_site.venue, places=2
        )
    return page


def register(workshop, n=0, **changes):
    data = {
        "workshop": workshop,
        "child_first_name": f"Lou{n}",
        "child_birth_date": date(2016, 5, 1),
        "guardian_first_name": "Camille",
        "guardian_last_name": "Martin",
        "email": f"parent{n}@example.org",
        "phone": "06 12 34 56 78",
        "language": "fr",
        "participation_consent": True,
    }
    data.update(changes)
    return services.registration_create(**data)


def sessions_of(page):
    return list(page.get_sessions())


def test_a_series_registration_takes_a_place_in_every_session(series):
    registration = register(series)

    first = sessions_of(series)[0]
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.covers_series and registration.session == first
    assert registration.workshop.pk == series.pk
    taken = places_taken(
        workshop_id=series.pk, session_ids=[s.pk for s in sessions_of(series)], series=True
    )
    assert list(taken.values()) == [1, 1, 1]


def test_a_series_has_the_places_of_its_smallest_session(series):
    statuses = [register(series, n).status for n in range(6)]

    assert statuses == ["confirmed"] * 4 + ["waitlisted"] * 2


def test_registering_from_the_english_page_counts_in_the_same_series(series):
    english = publish_translation(series, title="Stop-motion")
    register(series, 0)
    registration = register(english, 1, language="en")

    assert registration.workshop.pk == series.pk
    assert Registration.objects.filter(workshop=series, status="confirmed").count() == 2


@pytest.mark.parametrize(
    ("born", "accepted"),
    [
        (date(2017, 12, 2), True),  # turns 9 on the first session
        (date(2017, 12, 3), False),  # turns 9 the day after
        (date(2012, 12, 3), True),  # still 13 on the first session
        (date(2012, 12, 2), False),  # turns 14 on the first session
    ],
)
def test_the_age_band_applies_on_the_first_session(series, born, accepted):
    if accepted:
        assert register(series, child_birth_date=born).status == "confirmed"
        return
    with pytest.raises(AgeOutOfBand) as refused:
        register(series, child_birth_date=born)
    assert not Registration.objects.exists()
    assert "9" in str(refused.value) and "13" in str(refused.value)
    assert "2 December" in str(refused.value) or "2 décembre" in str(refused.value)


def test_the_age_band_applies_on_the_session_chosen(drop_in):
    _first, second = sessions_of(drop_in)
    born = date(2017, 12, 5)  # 8 on 2 December, 9 on 9 December

    with pytest.raises(AgeOutOfBand):
        register(drop_in, session=_first, child_birth_date=born)
    assert register(drop_in, session=second, child_birth_date=born).session == second


def test_a_drop_in_workshop_counts_places_per_session(drop_in):
    first, second = sessions_of(drop_in)
    statuses = [register(drop_in, n, session=first).status for n in range(3)]
    other = register(drop_in, 9, session=second)

    assert statuses == ["confirmed", "confirmed", "waitlisted"]
    assert other.status == "confirmed" and not other.covers_series


def test_a_drop_in_workshop_needs_one_of_its_own_sessions(drop_in, series):
    with pytest.raises(SessionNotOffered):
        register(drop_in)
    with pytest.raises(SessionNotOffered):
        register(drop_in, session=sessions_of(series)[0])


def test_participation_consent_is_required(series):
    with pytest.raises(ConsentMissing):
        register(series, participation_consent=False)
    assert not Registration.objects.exists()


def test_image_consent_is_optional_and_recorded_with_its_date(series, frozen_now):
    without = register(series, 0)
    given = register(series, 1, image_consent=True)

    assert (without.image_consent, without.image_consent_at) == (False, None)
    assert given.image_consent and given.image_consent_at == frozen_now
    assert given.participation_consent_at == frozen_now


def test_the_same_child_and_email_make_one_registration(series):
    first = register(series, child_first_name="Lou", email="parent@example.org")

    with pytest.raises(AlreadyRegistered) as again:
        register(series, child_first_name="  LOU ", email=" Parent@Example.org")

    assert again.value.registration == first
    assert Registration.objects.count() == 1
    # A sibling with the same guardian is another child.
    assert register(series, child_first_name="Noé", email="parent@example.org").pk


def test_registrations_close_at_the_first_session_of_a_series(series):
    with (
        time_machine.travel(FIRST + timedelta(minutes=1), tick=False),
        pytest.raises(RegistrationClosed),
    ):
        register(series)


def test_registrations_follow_the_workshop_window(series, frozen_now):
    series.registrations_open_at = frozen_now + timedelta(days=1)
    series.save()
    with pytest.raises(RegistrationNotOpen):
        register(series)

    series.registrations_open_at = None
    series.registrations_close_at = frozen_now - timedelta(minutes=1)
    series.save()
    with pytest.raises(RegistrationClosed):
        register(series)


def test_a_cancelled_first_session_moves_the_series_to_the_next(series):
    first = sessions_of(series)[0]
    first.status = Session.Status.CANCELLED
    first.save()

    registration = register(series)

    assert registration.session == sessions_of(series)[1]


def test_confirmation_and_waitlist_emails_go_out_after_commit(
    series, mailoutbox, django_capture_on_commit_callbacks
):
    series.title = "L'atelier d'animation"
    series.save()
    with django_capture_on_commit_callbacks(execute=True):
        for n in range(5):
            register(series, n, language="en" if n == 4 else "fr")

    assert len(mailoutbox) == 5
    confirmed, waitlisted = mailoutbox[0], mailoutbox[4]
    assert confirmed.subject == "Inscription confirmée : L'atelier d'animation"
    assert confirmed.attachments[0][0].endswith(".ics")
    assert confirmed.attachments[0][1].count("BEGIN:VEVENT") == 3
    assert "/inscription/" in confirmed.body
    assert "Waiting list" in waitlisted.subject
    assert "position 1" in waitlisted.body
    assert not waitlisted.attachments


def test_cancelling_promotes_the_first_waiting_and_emails_them(
    series, mailoutbox, django_capture_on_commit_callbacks
):
    confirmed = [register(series, n) for n in range(4)]
    first_waiting, second_waiting = register(series, 5), register(series, 6)

    with django_capture_on_commit_callbacks(execute=True):
        services.registration_cancel(registration=confirmed[1])

    assert Registration.objects.get(pk=first_waiting.pk).status == "confirmed"
    assert Registration.objects.get(pk=second_waiting.pk).status == "waitlisted"
    by_address = {m.to[0]: m for m in mailoutbox}
    assert sorted(by_address) == ["parent1@example.org", "parent5@example.org"]
    assert "une place s'est libérée" in by_address["parent5@example.org"].body.lower()
    # Cancelling twice is harmless and promotes nobody else.
    services.registration_cancel(registration=confirmed[1])
    assert Registration.objects.get(pk=second_waiting.pk).status == "waitlisted"


def test_nobody_is_promoted_within_the_cutoff(series, settings):
    settings.BOOKING_PROMOTION_CUTOFF_HOURS = 2
    confirmed = [register(series, n) for n in range(4)]
    waiting = register(series, 5)

    with time_machine.travel(FIRST - timedelta(hours=1), tick=False):
        services.registration_cancel(registration=confirmed[0])

    assert Registration.objects.get(pk=waiting.pk).status == "waitlisted"


def test_raising_places_and_promoting_fills_the_series_in_order(series):
    for n in range(4):
        register(series, n)
    waiting = [register(series, n) for n in range(5, 8)]
    smallest = sessions_of(series)[1]
    Session.objects.filter(pk=smallest.pk).update(places=6)  # now 5 is the smallest

    promoted = services.registration_promote(workshop=series)

    assert promoted == [waiting[0].pk]


def test_a_drop_in_waitlist_is_per_session(drop_in):
    first, second = sessions_of(drop_in)
    a = register(drop_in, 0, session=first)
    register(drop_in, 1, session=first)
    waiting_first = register(drop_in, 2, session=first)
    register(drop_in, 3, session=second)

    services.registration_cancel(registration=a)

    assert Registration.objects.get(pk=waiting_first.pk).status == "confirmed"


def test_a_series_can_be_cancelled_until_its_last_session_starts(series):
    registration = register(series)
    last = sessions_of(series)[-1]

    with time_machine.travel(FIRST + timedelta(days=1), tick=False):
        services.registration_cancel(registration=registration)
    assert Registration.objects.get(pk=registration.pk).status == "cancelled"

    other = RegistrationFactory(session=sessions_of(series)[0], covers_series=True)
    with time_machine.travel(last.start, tick=False), pytest.raises(RegistrationClosed):
        services.registration_cancel(registration=other)


def test_resend_sends_the_active_registration_again(
    series, mailoutbox, django_capture_on_commit_callbacks
):
    register(series, child_first_name="Lou", email="parent@example.org")
    english = publish_translation(series, title="Stop-motion")

    with django_capture_on_commit_callbacks(execute=True):
        assert services.registration_resend(
            workshop=english, email="PARENT@example.org", child_first_name="lou"
        )
        assert not services.registration_resend(
            workshop=english, email="other@example.org", child_first_name="Lou"
        )

    assert [m.to for m in mailoutbox] == [["parent@example.org"]]


def test_staff_raising_a_session_s_places_promotes_the_series_waitlist(
    series, django_capture_on_commit_callbacks
):
    for n in range(4):
        register(series, n)
    waiting = register(series, 5)
    smallest = sessions_of(series)[1]

    with django_capture_on_commit_callbacks(execute=True):
        smallest.places = 5
        smallest.save()

    assert Registration.objects.get(pk=waiting.pk).status == "confirmed"


def test_a_session_with_registrations_cannot_be_deleted_in_the_editor(series):
    from django.contrib.auth import get_user_model
    from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

    from workshops.models import WorkshopPage

    register(series)
    page = WorkshopPage.objects.get(pk=series.pk)
    rows = []
    for session in page.sessions.order_by("start"):
        rows.append(
            {
                "id": session.pk,
                "start": session.start.astimezone().strftime("%Y-%m-%d %H:%M"),
                "end": session.end.astimezone().strftime("%Y-%m-%d %H:%M"),
                "venue": session.venue_id,
                "places": session.places,
                "status": session.status,
                "attendance_mode": session.attendance_mode,
                "note": "",
                **({"DELETE": "on"} if not rows else {}),
            }
        )
    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "age_min": 9,
            "age_max": 13,
            "audience": page.audience,
            "is_series": "on",
            "description": streamfield([]),
            "sessions": inline_formset(rows, initial=len(rows)),
        }
    )
    form_class = WorkshopPage.get_edit_handler().get_form_class()
    user = get_user_model().objects.create_superuser("admin", "a@example.org", "x")
    form = form_class(data, instance=page, parent_page=page.get_parent(), for_user=user)

    assert not form.is_valid()
    assert "ne peut pas être supprimée" in str(form.non_field_errors())
