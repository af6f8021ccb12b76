"""The programme page editor: sessions with bookings cannot be deleted."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from events.models import ScreeningPage, Session
from tests.conftest import paris
from tests.events.factories import BookingFactory, ScreeningPageFactory, SessionFactory


@pytest.fixture
def screening(shared_site, frozen_now):
    page = ScreeningPageFactory(parent=shared_site.programme, title="Les Ouvrières", slug="ouv")
    for day in (2, 9):
        SessionFactory(page=page, start=paris(2026, 12, day, 20), venue=shared_site.venue)
    return ScreeningPage.objects.get(pk=page.pk)


def edit_form(page, *, delete: Session):
    def session_row(session):
        row = {
            "id": session.pk,
            "start": session.start.astimezone().strftime("%Y-%m-%d %H:%M"),
            "end": (session.start + timedelta(hours=2)).astimezone().strftime("%Y-%m-%d %H:%M"),
            "venue": session.venue_id,
            "places": session.places,
            "status": session.status,
            "attendance_mode": session.attendance_mode,
            "note": "",
        }
        if session == delete:
            row["DELETE"] = "on"
        return row

    data = nested_form_data(
        {
            "title": page.title,
            "slug": page.slug,
            "summary": page.summary,
            "film_title": page.film_title,
            "version": page.version,
            "audience": page.audience,
            "synopsis": rich_text(page.synopsis),
            "booking_max_seats": 4,
            "wheelchair_places": 0,
            "directors": inline_formset(
                [{"id": d.pk, "name": d.name} for d in page.directors.all()]
            ),
            "sessions": inline_formset(
                [session_row(s) for s in page.sessions.order_by("start")], initial=2
            ),
        }
    )
    form_class = ScreeningPage.get_edit_handler().get_form_class()
    user = get_user_model().objects.create_superuser("admin", "a@example.org", "x")
    return form_class(data, instance=page, parent_page=page.get_parent(), for_user=user)


def test_a_session_without_bookings_can_be_deleted(screening):
    first = screening.sessions.order_by("start").first()
    form = edit_form(screening, delete=first)
    assert form.is_valid(), (form.errors, [f.errors for f in form.formsets["sessions"]])


def test_a_session_with_bookings_cannot_be_deleted(screening):
    first = screening.sessions.order_by("start").first()
    BookingFactory(session=first)

    form = edit_form(screening, delete=first)

    assert not form.is_valid()
    with translation.override("en"):
        assert "cannot be deleted" in str(form.non_field_errors())
