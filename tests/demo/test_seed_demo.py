"""``manage.py seed_demo``: a believable bilingual site, the same one however often it runs."""

import re
from datetime import time, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import override_settings
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, Site

from demo.plan import make_plan
from events.models import ScreeningPage, Session, Venue
from home.models import HomePage, OrganisationSettings, StandardPage
from premieres.models import PremiereProposal, RoomRequest
from residents.models import ProjectPage, ResidentPage
from tests.conftest import NOW, data_kept_for_the_module
from training.models import TrainingModulePage
from workshops.models import WorkshopPage

pytestmark = pytest.mark.wagtail_indexes

PARIS = ZoneInfo("Europe/Paris")


def snapshot() -> dict:
    return {
        "pages": sorted(
            (p.url_path, p.title, p.locale.language_code, p.live)
            for p in Page.objects.select_related("locale")
        ),
        "sessions": sorted((str(s.uid), s.start, s.event_key) for s in Session.objects.all()),
        "images": sorted(get_image_model().objects.values_list("title", flat=True)),
        "documents": sorted(get_document_model().objects.values_list("title", "file")),
        "venues": Venue.objects.count(),
    }


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo seeded twice in one rolled-back transaction; snapshots of both runs."""
    with data_kept_for_the_module(django_db_blocker, tmp_path_factory):
        out = StringIO()
        call_command("seed_demo", stdout=out)
        first = snapshot()
        call_command("seed_demo", "-v", "0", stdout=StringIO())
        yield {"first": first, "second": snapshot(), "output": out.getvalue()}


@pytest.fixture
def demo(db, seeded):
    return seeded


def french(model):
    return model.objects.filter(locale__language_code="fr").live()


def test_running_twice_leaves_the_same_site(demo):
    assert demo["first"] == demo["second"]
    assert len(demo["first"]["images"]) == len(set(demo["first"]["images"]))


def test_links_lead_to_the_served_site(demo, client, settings):
    """Emails and the sitemap use the Site record, the door's QR code and the admin
    WAGTAILADMIN_BASE_URL: the demo makes them the same address."""
    site = Site.objects.get(is_default_site=True)
    assert site.root_url == settings.WAGTAILADMIN_BASE_URL.rstrip("/")

    sitemap = client.get("/sitemap.xml").content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert len(locations) > 80
    assert all(url.startswith(site.root_url + "/") for url in locations)


def test_progress_is_reported(demo):
    assert "Residents: 14/14" in demo["output"]
    assert "Screenings: 8/8" in demo["output"]


def test_a_login_per_staff_group_is_created_once(demo):
    from django.contrib.auth import get_user_model

    assert "Staff login created (Box office): guichet / fabrique-staff" in demo["output"]
    assert "Staff login created (Programme team): programme / fabrique-staff" in demo["output"]
    guichet = get_user_model().objects.get(username="guichet")
    assert guichet.check_password("fabrique-staff")
    assert guichet.has_perms(["events.view_booking", "events.check_in_booking"])
    programme = get_user_model().objects.get(username="programme")
    assert programme.has_perms(["events.view_session", "events.view_booking"])
    assert not programme.has_perm("events.check_in_booking")


def test_two_resident_logins_each_on_their_own_page(demo):
    from residents.models import ResidentAccount

    assert "Resident login created: residente / fabrique-resident" in demo["output"]
    assert "Resident login created: resident2 / fabrique-resident" in demo["output"]
    accounts = ResidentAccount.objects.select_related("user", "page").order_by("user__username")
    assert [(a.user.username, a.language) for a in accounts] == [
        ("resident2", "en"),
        ("residente", "fr"),
    ]
    assert accounts[0].page != accounts[1].page
    assert all(a.user.check_password("fabrique-resident") for a in accounts)


def test_french_home_page_is_the_default_site_root(demo):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert site.root_page.locale.language_code == "fr"
    assert not Page.objects.filter(depth=2, content_type__model="page").exists()
    assert Locale.objects.filter(language_code="en").exists()


def test_residents_each_have_disciplines_and_a_project(demo):
    residents = french(ResidentPage)
    assert residents.count() >= 12
    for resident in residents:
        assert resident.disciplines.exists()
        assert resident.links.exists()
        project = ProjectPage.objects.child_of(resident).live().get()
        assert project.credits.exists()
        assert project.seeking


def test_eight_upcoming_wednesday_screenings_at_eight_pm_paris(demo):
    # The programme's films: not the season (below), nor a resident's premiere, on a Friday.
    premieres = PremiereProposal.objects.values("screening")
    screenings = french(ScreeningPage).exclude(slug="cine-gouter").exclude(pk__in=premieres)
    assert screenings.count() == 8
    # Beside the past season's sessions (tested below), one upcoming session per film.
    starts = sorted(
        s
        for page in screenings
        for s in page.get_sessions()
        .filter(start__gt=timezone.now())
        .values_list("start", flat=True)
    )
    assert len(starts) == 8
    for start in starts:
        local = start.astimezone(PARIS)
        assert start > timezone.now()
        assert local.weekday() == 2
        assert local.time() == time(20, 0)
    days = [s.astimezone(PARIS).date() for s in starts]
    assert all((b - a).days == 7 for a, b in zip(days, days[1:], strict=False))
    assert any(d.resident_id for page in screenings for d in page.directors.all())


def test_a_season_of_recurring_wednesdays_with_a_full_first_session(demo, client):
    matinee = french(ScreeningPage).get(slug="cine-gouter")
    sessions = list(matinee.get_sessions())
    assert 9 <= len(sessions) <= 12  # twelve weeks, less the Christmas holidays
    for session in sessions:
        local = session.start.astimezone(PARIS)
        assert (local.weekday(), local.time()) == (2, time(14, 30))
        assert session.start > timezone.now()
    assert len({s.uid for s in sessions}) == len(sessions)
    first = sessions[0]
    assert first.booked_seats <= first.places and first.waiting > 0
    month = timezone.localtime(first.start).strftime("%Y-%m")
    html = client.get(f"/calendrier/?month={month}").content.decode()
    assert "Ciné-goûter du mercredi" in html


def test_workshops_and_training_modules(demo):
    workshops = french(WorkshopPage)
    assert workshops.count() == 4
    assert any(w.is_series and w.get_sessions().count() >= 4 for w in workshops)
    assert all(w.partner_id or not w.is_series for w in workshops)
    modules = french(TrainingModulePage)
    assert modules.count() == 2
    for module in modules:
        assert module.partner_school.kind == "school"
        # The page says once that no diploma is asked; the prerequisites do not repeat it.
        assert module.prerequisites and "diplôme" not in module.prerequisites
        assert module.get_sessions().count() > 1
        assert module.application_deadline < module.get_sessions().first().start


def test_english_translations_share_sessions(demo):
    en = Locale.objects.get(language_code="en")
    main = [HomePage, StandardPage, ResidentPage, ScreeningPage, WorkshopPage, TrainingModulePage]
    for model in main:
        for page in french(model):
            translation = page.get_translation(en)
            assert translation.live
            assert translation.title
            if hasattr(page, "get_sessions"):
                assert translation.specific.summary != page.summary
                assert list(translation.specific.get_sessions()) == list(page.get_sessions())
                assert not Session.objects.filter(page=translation).exists()
    for venue in Venue.objects.filter(locale__language_code="fr"):
        assert venue.get_translation(en).access != venue.access


def test_organisation_settings_link_the_footer_pages(demo):
    org = OrganisationSettings.for_site(Site.objects.get(is_default_site=True))
    assert "Saint-Ouen" in org.city
    for page in [org.accessibility_page, org.legal_page, org.privacy_page, org.booking_terms_page]:
        assert page is not None and page.live


def test_the_privacy_page_states_the_retention_period_the_site_applies(demo, client, settings):
    settings.PERSONAL_DATA_RETENTION_DAYS = 45
    privacy = OrganisationSettings.for_site(Site.objects.get(is_default_site=True)).privacy_page
    english = privacy.get_translation(Locale.objects.get(language_code="en"))

    french_html = client.get(privacy.url).content.decode()
    english_html = client.get(english.url).content.decode()

    assert "anonymisées 45 jours après celle-ci" in french_html
    assert "anonymised 45 days after it" in english_html
    for html in (french_html, english_html):
        assert "douze mois" not in html and "twelve months" not in html


def test_same_seed_same_plan_other_seed_other_plan():
    def titles(seed):
        plan = make_plan(seed=seed, now=NOW)
        return [(s.data["slug"], s.director) for s in plan.screenings], [
            (r.slug, r.featured, r.seeking) for r in plan.residents
        ]

    assert titles(1) == titles(1)
    assert titles(1) != titles(2)


@pytest.mark.parametrize(
    ("settings_module", "env"),
    [("fabrique.settings.production", ""), ("fabrique.settings.dev", "production")],
)
def test_refuses_production_settings(monkeypatch, settings_module, env):
    monkeypatch.setenv("DJANGO_ENV", env)
    with (
        override_settings(SETTINGS_MODULE=settings_module),
        pytest.raises(CommandError, match="production"),
    ):
        call_command("seed_demo", stdout=StringIO())


def test_every_feed_of_the_demo_is_well_formed_and_linked_from_the_programme(demo, client):
    import re

    from tests.events.test_calendar import FEEDS, assert_well_formed

    for url in FEEDS:
        response = client.get(url)
        assert response.status_code == 200, url
        calendar = assert_well_formed(response.content)
        assert list(calendar.walk("VEVENT")), url
    everything = assert_well_formed(client.get("/calendar.ics").content)
    from events.selectors import feed_sessions

    assert len(list(everything.walk("VEVENT"))) == feed_sessions().count()
    assert feed_sessions().count() >= Session.objects.filter(start__gt=timezone.now()).count()

    for programme_url in ("/programme/", "/en/programme/"):
        html = client.get(programme_url).content.decode()
        links = re.findall(r'href="webcal://testserver(/calendar[^"]*)"', html)
        assert len(links) == 4, programme_url
        for link in links:
            assert client.get(link.replace("&amp;", "&")).status_code == 200


def test_another_seed_unpublishes_booked_demo_screenings_instead_of_deleting(demo):
    from events.models import Booking, ScreeningPage
    from events.services import booking_create

    for page in french(ScreeningPage):
        booking_create(
            session=page.get_sessions().filter(start__gt=timezone.now()).first(),
            first_name="Léa",
            last_name="Martin",
            email="lea@example.org",
            seats=1,
            language="fr",
            terms_accepted=True,
        )
    booked = set(Booking.objects.values_list("pk", flat=True))
    booked_pages = set(french(ScreeningPage).values_list("pk", flat=True))
    call_command("seed_demo", "--seed", "2", "-v", "0", stdout=StringIO())
    # Seed 2's past season adds bookings of its own; none of seed 1's is lost.
    assert booked <= set(Booking.objects.values_list("pk", flat=True))
    pages = ScreeningPage.objects.filter(pk__in=booked_pages)
    assert pages.count() == len(booked_pages)  # none deleted
    assert pages.filter(live=False).exists()  # seed 2 dropped some of seed 1's films


def test_the_donation_page_says_closed_without_stripe_keys_and_stays_out_of_menus(demo, client):
    french = client.get("/donate/")
    english = client.get("/en/donate/")

    assert french.status_code == english.status_code == 200
    assert "Les dons ne sont pas ouverts pour le moment." in french.content.decode()
    assert "Donations are not open at the moment." in english.content.decode()
    assert 'href="/donate/"' not in client.get("/").content.decode()


def test_archive_has_capsules_and_recorded_talks_with_captions_in_both_languages(demo):
    from archive.models import CapsulePage

    capsules = french(CapsulePage)
    kinds = [capsule.kind for capsule in capsules]
    assert kinds.count(CapsulePage.Kind.CAPSULE) >= 6
    assert len(kinds) - kinds.count(CapsulePage.Kind.CAPSULE) >= 2
    english = Locale.objects.get(language_code="en")
    for capsule in capsules:
        translation = capsule.get_translation(english)
        for page in (capsule, translation):
            assert page.live and page.transcript and page.video_file and page.poster
            assert sorted(c.language for c in page.captions.all()) == ["en", "fr"]
            assert page.themes.exists() and page.places.exists()
        assert capsule.transcript != translation.transcript
        vtt = capsule.captions.get(language="en").document.file.read().decode()
        assert vtt.startswith("WEBVTT") and translation.transcript_paragraphs[0] in vtt


def test_a_past_season_with_check_ins_and_feedback_for_the_dashboard(demo):
    from events.bookings import Booking
    from feedback.models import Feedback

    past = Session.objects.filter(start__lt=timezone.now(), kind="screening")
    assert past.count() >= 6
    for session in past:
        confirmed = session.bookings.filter(status=Booking.Status.CONFIRMED)
        seats = sum(confirmed.values_list("seats", flat=True))
        assert 0.6 * session.places <= seats <= session.places
        assert confirmed.filter(checked_in_at__isnull=False).exists()
        assert confirmed.filter(checked_in_at__isnull=True).exists()  # some did not come
    answers = Feedback.objects.filter(booking__session__in=past)
    assert answers.count() >= 20
    assert {answer.booking.checked_in_at is not None for answer in answers} == {True}
    assert {answer.rating for answer in answers} <= {1, 2, 3, 4, 5}


def test_session_counters_match_the_bookings_after_seeding(demo):
    """The demo recounts a session once after its bookings, not after each one: the
    counters are those a recount of every session gives now."""
    from events.services import session_counters_sync

    def counters():
        fields = ("pk", "booked_seats", "booked_wheelchair", "waiting")
        return sorted(Session.objects.values_list(*fields))

    seeded = counters()
    for pk in Session.objects.values_list("pk", flat=True):
        session_counters_sync(session_id=pk)
    assert counters() == seeded
    assert any(booked for _pk, booked, _wheelchair, _waiting in seeded)
    assert any(waiting for _pk, _booked, _wheelchair, waiting in seeded)


def test_the_dashboard_shows_a_believable_season(demo):
    """Every part of the attendance dashboard has figures: returning people, donations,
    young people in workshops, applications against places."""
    from impact.figures import (
        monthly_figures,
        rating_counts,
        season_of,
        season_total,
        training_intake,
        workshop_age_bands,
    )

    # The past season's ten weeks may straddle the first of September (seasons run from
    # September), and a module's deadline ahead may fall in the next season: the figures
    # are added up over those seasons, so the test holds whatever the day.
    today = timezone.localdate()
    seasons = sorted({season_of(today - timedelta(weeks=11)), season_of(today)})
    seasons.append(seasons[-1] + 1)
    months = [row for season in seasons for row in monthly_figures(season=season)]
    total = season_total(months, season=seasons[0])
    assert total.sessions >= 6 and len(months) >= 2
    assert 0.6 <= total.fill_rate <= 1 and 0 < total.no_show_rate < 0.5
    assert total.first_time > total.returning > 0
    assert total.answers == sum(sum(rating_counts(season=s)) for s in seasons) >= 20
    assert total.donations > 0
    ages = [row for season in seasons for row in workshop_age_bands(season=season)]
    assert sum(sum(row.counts) for row in ages) >= 10
    modules = [module for season in seasons for module in training_intake(season=season)]
    assert modules and all(module.applications > module.places for module in modules)


def test_the_training_page_says_once_that_no_diploma_is_asked(demo, client):
    module = french(TrainingModulePage).first()

    html = client.get(module.url).content.decode()

    assert html.count("Aucun diplôme") == 1


def test_building_logs_no_line_per_page_saved(caplog):
    import logging

    from demo.management.commands.seed_demo import quiet_loggers

    with caplog.at_level(logging.INFO), quiet_loggers(enabled=True):
        logging.getLogger("wagtail").info('Page created: "Accueil"')
        logging.getLogger("django_tasks").info("Task state=SUCCESSFUL")
        logging.getLogger("wagtail").warning("Something to know")

    assert [record.getMessage() for record in caplog.records] == ["Something to know"]
    assert logging.getLogger("wagtail").level == logging.NOTSET


def test_the_demo_has_newsletter_subscribers_and_a_letter_to_send(demo):
    from newsletter.models import ProgrammeLetter, Subscriber

    subscribed = Subscriber.objects.filter(status=Subscriber.Status.SUBSCRIBED)
    assert set(subscribed.values_list("language", flat=True)) == {"fr", "en"}
    assert Subscriber.objects.filter(status=Subscriber.Status.PENDING).exists()
    assert ProgrammeLetter.objects.filter(sent_at__isnull=True).count() == 1


def test_two_partner_organisations_with_a_group_each_one_holding_its_places(demo):
    """One group on a screening, accepted; one on a youth workshop, waiting."""
    from partners.models import GroupRequest, PartnerOrganisation

    organisations = PartnerOrganisation.objects.all()
    assert organisations.count() == 2
    assert {o.kind for o in organisations} == {"school", "social_service"}
    groups = GroupRequest.objects.select_related("session")
    assert {g.organisation.name for g in groups} == {o.name for o in organisations}
    accepted = groups.get(status="accepted")
    confirmed = sum(
        accepted.session.bookings.filter(status="confirmed").values_list("seats", flat=True)
    )
    assert accepted.session.booked_seats == confirmed + accepted.size
    pending = groups.get(status="pending")
    assert pending.session.start > timezone.now()
    assert (accepted.session.kind, pending.session.kind) == ("screening", "workshop")


def test_a_resident_project_with_its_premiere_and_a_room_request_awaiting(demo, client):
    proposal = PremiereProposal.objects.get()
    assert proposal.status == "accepted" and proposal.screening.live
    start = proposal.screening.get_sessions().get().start
    assert start > timezone.now() and start.astimezone(PARIS).weekday() == 4
    project_page = client.get(proposal.project.url).content.decode()
    assert "Première" in project_page and proposal.screening.url in project_page
    assert RoomRequest.objects.get().status == "pending"
    room = client.get("/salle-pretee/")
    assert room.status_code == 200 and "Demander la salle" in room.content.decode()


def test_a_competition_open_for_votes_with_films_in_both_languages(demo, client):
    from festival.models import CompetitionPage, Vote

    (page,) = french(CompetitionPage)
    english = page.get_translation(Locale.objects.get(language_code="en"))
    assert page.voting_open() and page.viewing_open()
    films = list(page.films.all())
    assert len(films) == 5 and all(film.video_file and film.captions for film in films)
    assert [f.key for f in films] == [f.key for f in english.films.all()]
    assert Vote.objects.filter(film_key__in=[f.key for f in films]).count() == 8
    response = client.get(english.url)
    assert response.status_code == 200
    assert b"Watch the films and vote" in response.content
