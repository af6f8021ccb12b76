"""Staff session pages in the admin: figures for the programme team, people for the box
office, exports, emails to attendees, new manage links."""

import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text
from wagtail.users.models import UserProfile

from events.bookings import Booking
from events.models import ScreeningPage
from tests.conftest import paris
from tests.events.factories import BookingFactory, ScreeningPageFactory, SessionFactory

START = paris(2026, 12, 2, 20)


def user_in(group_name, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


def speaking(user, language):
    """The admin speaks each user's chosen language (French unless they chose)."""
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


@pytest.fixture
def box_office(shared_site):
    return user_in("Box office", "guichet")


@pytest.fixture
def programme_team(shared_site):
    """Staff who see the figures only: admin access and ``view_session``, as the
    Programme team had before it was given the bookings (residents 0004)."""
    from django.contrib.auth.models import Permission

    group = Group.objects.create(name="Figures only")
    group.permissions.add(*Permission.objects.filter(codename__in=["access_admin", "view_session"]))
    return user_in("Figures only", "programme")


@pytest.fixture
def superuser(shared_site):
    return get_user_model().objects.create_superuser("admin", "admin@example.org", "x")


@pytest.fixture
def session(shared_site, frozen_now):
    page = ScreeningPageFactory(parent=shared_site.programme, title="Les Ouvrières", slug="ouv")
    return SessionFactory(page=page, start=START, venue=shared_site.venue, places=10)


@pytest.fixture
def bookings(session):
    """Seven seats confirmed (one wheelchair place), two requests waiting."""
    return {
        "camille": BookingFactory(
            session=session, first_name="Camille", email="camille@example.org", seats=4
        ),
        "ana": BookingFactory(
            session=session,
            first_name="Ana",
            last_name="Ruiz",
            email="ana@example.org",
            seats=3,
            wheelchair=True,
            access_needs='=HYPERLINK("http://evil.example")',
            language="en",
        ),
        "first_waiting": BookingFactory(
            session=session, first_name="Zoé", email="zoe@example.org", seats=2, status="waitlisted"
        ),
        "second_waiting": BookingFactory(
            session=session,
            first_name="Yann",
            email="yann@example.org",
            seats=1,
            status="waitlisted",
        ),
        "gone": BookingFactory(
            session=session, first_name="Gone", email="gone@example.org", status="cancelled"
        ),
    }


def url(name, *args):
    return reverse(f"event_sessions:{name}", args=args)


# The session list


def test_the_list_shows_each_sessions_figures_in_a_fixed_number_of_queries(
    client, superuser, session, bookings, shared_site, django_assert_num_queries
):
    client.force_login(superuser)
    client.get(url("index"))  # warm caches (site, locales, user)
    for n in range(3):
        page = ScreeningPageFactory(parent=shared_site.programme, title=f"Autre {n}")
        other = SessionFactory(page=page, start=START + timedelta(days=7 * (n + 1)))
        BookingFactory(session=other, seats=2)

    with django_assert_num_queries(8):
        many = client.get(url("index"))

    html = many.content.decode()
    assert "Les Ouvrières" in html and "Autre 2" in html
    assert "mercredi 2 décembre à 20 h" in html
    row = html[html.index("Les Ouvrières") : html.index("</tr>", html.index("Les Ouvrières"))]
    # places, confirmed seats, places left, requests waiting
    assert [cell for cell in ("10", "7", "3", "2") if f"<td>{cell}</td>" in row] == [
        "10",
        "7",
        "3",
        "2",
    ]


def test_the_query_count_does_not_grow_with_the_sessions(
    client, superuser, session, bookings, shared_site
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(superuser)
    client.get(url("index"))
    with CaptureQueriesContext(connection) as few:
        client.get(url("index"))
    for n in range(4):
        page = ScreeningPageFactory(parent=shared_site.programme, title=f"Autre {n}")
        BookingFactory(session=SessionFactory(page=page, start=START + timedelta(days=n + 1)))
    with CaptureQueriesContext(connection) as many:
        client.get(url("index"))

    assert len(many) == len(few)


def test_past_sessions_are_listed_only_with_the_filter(client, superuser, session, shared_site):
    page = ScreeningPageFactory(parent=shared_site.programme, title="Déjà passée")
    SessionFactory(page=page, start=timezone.now() - timedelta(days=3))
    client.force_login(superuser)

    upcoming = client.get(url("index")).content.decode()
    past = client.get(url("index"), {"past": "1"}).content.decode()

    assert "Les Ouvrières" in upcoming and "Déjà passée" not in upcoming
    assert "Déjà passée" in past and "Les Ouvrières" not in past


# The session page and who sees what


def test_the_box_office_sees_people_and_the_waitlist_in_order(
    client, box_office, session, bookings
):
    client.force_login(speaking(box_office, "en"))

    html = client.get(url("detail", session.pk)).content.decode()

    assert "camille@example.org" in html and "ana@example.org" in html
    assert html.index("zoe@example.org") < html.index("yann@example.org")
    assert "gone@example.org" not in html
    assert "Wheelchair places booked" in html
    assert url("export", session.pk) in html and url("email", session.pk) in html
    assert url("cancel", session.pk) in html


def test_a_superuser_gets_the_page_editor_from_the_session(client, superuser, session):
    client.force_login(superuser)

    html = client.get(url("detail", session.pk)).content.decode()

    assert reverse("wagtailadmin_pages:edit", args=[session.page_id]) in html


def test_the_programme_team_sees_figures_but_no_names_or_emails(
    client, programme_team, session, bookings
):
    client.force_login(programme_team)

    listing = client.get(url("index"))
    detail = client.get(url("detail", session.pk))

    assert listing.status_code == detail.status_code == 200
    html = detail.content.decode()
    assert "Camille" not in html and "camille@example.org" not in html
    assert "HYPERLINK" not in html  # access needs are personal too
    assert url("export", session.pk) not in html and url("cancel", session.pk) not in html
    # nor a button to a page editor the group may not open
    assert reverse("wagtailadmin_pages:edit", args=[session.page_id]) not in html


@pytest.mark.parametrize(
    "name,method",
    [("export", "get"), ("email", "get"), ("email", "post"), ("cancel", "get"), ("cancel", "post")],
)
def test_the_programme_team_is_refused_personal_data_and_actions(
    client, programme_team, session, bookings, name, method
):
    client.force_login(programme_team)

    response = getattr(client, method)(
        url(name, session.pk), {"format": "csv", "subject": "Hi", "body": "Hello", "send": "1"}
    )

    assert response.status_code == 403
    assert "camille@example.org" not in response.content.decode()
    assert "Non autorisé" in response.content.decode()
    assert Booking.objects.get(pk=bookings["camille"].pk).status == "confirmed"
    assert mail.outbox == []


def test_the_programme_team_cannot_replace_a_manage_link(client, programme_team, session, bookings):
    client.force_login(programme_team)
    booking = bookings["camille"]

    response = client.post(url("new_link", booking.pk))

    assert response.status_code == 403
    assert Booking.objects.get(pk=booking.pk).manage_token == booking.manage_token


def test_an_admin_user_without_either_permission_sees_no_sessions(client, session, bookings):
    user = get_user_model().objects.create_user("resident", "r@example.org", "x")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)

    assert client.get(url("index")).status_code == 403
    assert client.get(url("detail", session.pk)).status_code == 403


@pytest.mark.parametrize("name", ["index", "detail", "export", "email", "cancel"])
def test_anonymous_visitors_are_sent_to_the_login(client, session, name):
    response = client.get(url(name, session.pk) if name != "index" else url(name))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_the_sessions_menu_item_shows_for_both_groups_only(
    client, programme_team, box_office, session
):
    for user in (programme_team, box_office):
        client.force_login(user)
        assert url("index") in client.get(reverse("wagtailadmin_home")).content.decode()
    client.force_login(get_user_model().objects.create_user("other", "o@example.org", "x"))
    other = get_user_model().objects.get(username="other")
    other.groups.add(Group.objects.get(name="Editors"))
    assert url("index") not in client.get(reverse("wagtailadmin_home")).content.decode()


# Exports


def test_the_csv_export_has_every_booking_with_formulas_neutralised(
    client, box_office, session, bookings
):
    client.force_login(speaking(box_office, "en"))

    response = client.get(url("export", session.pk), {"format": "csv"})

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="ouv-2026-12-02-2000.csv"' in response["Content-Disposition"]
    content = response.content
    assert content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert [row["Email"] for row in rows] == [
        "camille@example.org",
        "ana@example.org",
        "zoe@example.org",
        "yann@example.org",
        "gone@example.org",
    ]
    ana = rows[1]
    assert ana["Name"] == "Ana Ruiz"
    assert ana["Seats"] == "3"
    assert ana["Wheelchair place"] == "yes"
    assert ana["Other accessibility needs"] == '\'=HYPERLINK("http://evil.example")'
    assert ana["Booked at"] == "2026-11-24 10:00"  # Paris time
    assert rows[2]["Status"] == "On the waiting list"
    assert set(rows[0]) == {
        "Name",
        "Email",
        "Seats",
        "Status",
        "Wheelchair place",
        "Other accessibility needs",
        "Booked at",
        "Checked in at",
        "No-show",
    }


def test_the_xlsx_export_opens_with_the_same_bookings(client, box_office, session, bookings):
    Booking.objects.filter(pk=bookings["camille"].pk).update(
        checked_in_at=paris(2026, 12, 2, 19, 50)
    )
    client.force_login(box_office)

    response = client.get(url("export", session.pk), {"format": "xlsx"})

    assert response.status_code == 200
    assert 'filename="ouv-2026-12-02-2000.xlsx"' in response["Content-Disposition"]
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    assert rows[0][0] == "Nom" and rows[0][1] == "E-mail"
    assert [row[1] for row in rows[1:]] == [
        "camille@example.org",
        "ana@example.org",
        "zoe@example.org",
        "yann@example.org",
        "gone@example.org",
    ]
    assert rows[1][7] == paris(2026, 12, 2, 19, 50).replace(tzinfo=None)  # Paris wall clock
    formula_cell = sheet.cell(row=3, column=6)
    assert formula_cell.value == '=HYPERLINK("http://evil.example")'
    assert formula_cell.data_type == "s"  # text, never evaluated


def test_an_unknown_export_format_is_a_400(client, box_office, session):
    client.force_login(box_office)
    assert client.get(url("export", session.pk), {"format": "pdf"}).status_code == 400


# Email the attendees


def test_emailing_attendees_previews_the_count_then_sends_one_email_each(
    client, box_office, session, bookings, django_capture_on_commit_callbacks
):
    client.force_login(box_office)
    form = {"subject": "L'équipe & vous", "body": "Les portes ouvrent à 19 h 45.\nÀ ce soir !"}

    preview = client.post(url("email", session.pk), form)

    assert preview.status_code == 200
    assert "Ce message sera envoyé à 2 personnes." in preview.content.decode()
    assert mail.outbox == []

    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(url("email", session.pk), {**form, "send": "1"})

    assert sent.status_code == 302
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "camille@example.org"]
    message = next(m for m in mail.outbox if m.to == ["camille@example.org"])
    assert message.subject == "L'équipe & vous"  # plain text, not HTML-escaped
    assert "Les portes ouvrent à 19 h 45.\nÀ ce soir !" in message.body
    assert bookings["camille"].get_absolute_url() in message.body
    assert message.reply_to == ["bonjour@fabrique.example"]
    history = client.get(url("detail", session.pk)).content.decode()
    assert "E-mail « L&#x27;équipe &amp; vous » à 2 personnes" in history


def test_emailing_can_include_the_waiting_list(
    client, box_office, session, bookings, django_capture_on_commit_callbacks
):
    client.force_login(box_office)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url("email", session.pk),
            {"subject": "Info", "body": "Bonjour", "include_waitlisted": "on", "send": "1"},
        )

    assert len(mail.outbox) == 4
    assert "gone@example.org" not in [m.to[0] for m in mail.outbox]


def test_an_email_without_a_message_is_refused_with_a_message_in_the_admin_language(
    client, box_office, session, bookings
):
    client.force_login(box_office)

    response = client.post(url("email", session.pk), {"subject": "Info", "body": "", "send": "1"})

    assert response.status_code == 200
    assert "Champ requis." in response.content.decode()
    assert mail.outbox == []


# A new manage link


def test_a_new_manage_link_kills_the_old_one_and_is_emailed(
    client, box_office, session, bookings, django_capture_on_commit_callbacks
):
    booking = bookings["camille"]
    ScreeningPage.objects.filter(pk=session.page_id).update(title="L'Atalante & co")
    old_url = booking.get_absolute_url()
    client.force_login(box_office)

    confirm = client.get(url("new_link", booking.pk))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("new_link", booking.pk))

    assert confirm.status_code == 200 and response.status_code == 302
    booking.refresh_from_db()
    assert booking.get_absolute_url() != old_url
    client.logout()
    assert client.get(old_url).status_code == 404
    assert client.get(booking.get_absolute_url()).status_code == 200
    assert [m.to for m in mail.outbox] == [["camille@example.org"]]
    assert mail.outbox[0].subject.startswith("Votre réservation : L'Atalante & co — ")
    assert booking.get_absolute_url() in mail.outbox[0].body


# Raising the places in the page editor


def publish_in_editor(client, page, session, **changes):
    """Post the page editor's form as staff would, with ``changes`` to the one session."""
    fields = {
        "id": session.pk,
        "start": "2026-12-02 20:00",
        "end": "2026-12-02 22:00",
        "venue": session.venue_id,
        "places": session.places,
        "status": "scheduled",
        "attendance_mode": "in_person",
        "note": "",
    }
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
            "sessions": inline_formset([{**fields, **changes}], initial=1),
        }
    )
    data["action-publish"] = "1"
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data)


def test_raising_the_places_in_the_page_editor_promotes_the_waitlist(
    client, superuser, session, bookings, django_capture_on_commit_callbacks
):
    page = ScreeningPage.objects.get(pk=session.page_id)
    client.force_login(superuser)

    with django_capture_on_commit_callbacks(execute=True):
        response = publish_in_editor(client, page, session, places=12)

    assert response.status_code == 302, response.context["form"].errors
    statuses = dict(Booking.objects.filter(session=session).values_list("email", "status"))
    # 7 seats + 2 + 1 = 10 ≤ 12: both waiting requests promoted, in order, and emailed
    assert statuses["zoe@example.org"] == statuses["yann@example.org"] == "confirmed"
    assert sorted(m.to[0] for m in mail.outbox) == ["yann@example.org", "zoe@example.org"]


def test_cancelling_a_session_in_the_page_editor_tells_everyone_booked_once(
    client, superuser, session, bookings, django_capture_on_commit_callbacks
):
    page = ScreeningPage.objects.get(pk=session.page_id)
    client.force_login(superuser)

    with django_capture_on_commit_callbacks(execute=True):
        response = publish_in_editor(client, page, session, status="cancelled")

    assert response.status_code == 302, response.context["form"].errors
    assert not Booking.objects.filter(session=session, status__in=Booking.ACTIVE).exists()
    told = sorted(m.to[0] for m in mail.outbox)
    assert told == sorted(b.email for b in bookings.values() if b.status != "cancelled")
    assert all(m.subject.startswith(("Annulation", "Cancelled")) for m in mail.outbox)
