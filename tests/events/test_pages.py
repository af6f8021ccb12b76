"""Programme pages: translations share one set of sessions; the programme listing."""

import pytest

from events.models import Session
from tests.conftest import paris, publish_translation
from tests.events.factories import ScreeningPageFactory, SessionFactory
from tests.workshops.factories import WorkshopPageFactory


@pytest.fixture
def screening(shared_site):
    page = ScreeningPageFactory(parent=shared_site.programme, title="Les Ouvrières", slug="o")
    for day in (2, 9):
        SessionFactory(page=page, start=paris(2026, 12, day, 20), venue=shared_site.venue)
    return page


def session_keys(response):
    return [(session.uid, session.start) for session in response.context["sessions"]]


def test_english_translation_shows_the_same_sessions_as_the_french_page(client, screening):
    english = publish_translation(screening, title="The Workers")

    french_response = client.get(screening.url)
    english_response = client.get(english.url)

    assert len(session_keys(french_response)) == 2
    assert session_keys(english_response) == session_keys(french_response)
    assert "mercredi 2 décembre à 20 h" in french_response.content.decode()
    assert "Wednesday 2 December, 8 pm" in english_response.content.decode()


def test_session_added_to_the_french_page_appears_on_the_english_page(
    client, screening, shared_site
):
    english = publish_translation(screening, title="The Workers")
    added = SessionFactory(page=screening, start=paris(2026, 12, 16, 20), venue=shared_site.venue)

    response = client.get(english.url)

    assert added.uid in {session.uid for session in response.context["sessions"]}
    assert "Wednesday 16 December, 8 pm" in response.content.decode()


def test_copy_for_translation_does_not_duplicate_sessions(screening):
    before = set(Session.objects.values_list("uid", flat=True))

    english = publish_translation(screening, title="The Workers")

    assert set(Session.objects.values_list("uid", flat=True)) == before
    assert not Session.objects.filter(page=english).exists()
    assert [s.uid for s in english.get_sessions()] == [s.uid for s in screening.get_sessions()]


def test_sessions_take_kind_audience_and_event_key_from_their_page(shared_site):
    workshop = WorkshopPageFactory(parent=shared_site.programme)
    session = SessionFactory(page=workshop)

    assert session.kind == "workshop"
    assert session.audience == workshop.audience == "young"
    assert session.event_key == workshop.translation_key


def test_changing_a_page_audience_moves_its_sessions(shared_site):
    workshop = WorkshopPageFactory(parent=shared_site.programme)
    session = SessionFactory(page=workshop)

    workshop.audience = "families"
    workshop.save()

    session.refresh_from_db()
    assert session.audience == "families"


@pytest.fixture(scope="module")
def module_programme(module_site, django_db_blocker):
    with django_db_blocker.unblock():
        return build_programme(module_site)


@pytest.fixture
def programme(db, module_programme):
    return module_programme


def build_programme(site):
    """Two screenings on different Wednesdays (one translated), and a workshop."""
    translated = ScreeningPageFactory(parent=site.programme, title="Les Ouvrières", slug="a")
    untranslated = ScreeningPageFactory(parent=site.programme, title="La Digue", slug="b")
    workshop = WorkshopPageFactory(parent=site.programme, title="Atelier son", slug="c")
    SessionFactory(page=translated, start=paris(2026, 12, 2, 20), venue=site.venue)
    SessionFactory(page=translated, start=paris(2026, 12, 9, 20), venue=site.venue)
    SessionFactory(page=untranslated, start=paris(2026, 12, 16, 20), venue=site.venue)
    SessionFactory(page=workshop, start=paris(2027, 1, 6, 14), venue=site.venue)
    # Over: not listed.
    SessionFactory(page=untranslated, start=paris(2026, 11, 18, 20), venue=site.venue)
    english = publish_translation(translated, title="The Workers")
    return site, translated, english, untranslated, workshop


def test_english_programme_lists_each_session_once_in_the_best_language(client, programme):
    site, translated, english, untranslated, _workshop = programme

    response = client.get(site.programme_en.url)

    assert response.status_code == 200
    listed = response.context["page_obj"].object_list
    assert len(listed) == 4
    assert len({session.uid for session in listed}) == 4
    pages = [session.event_page for session in listed]
    assert pages[:3] == [english, english, untranslated]
    content = response.content.decode()
    assert f'href="{english.url}"' in content
    assert f'href="{untranslated.url}"' in content
    assert f'href="{translated.url}"' not in content


def test_french_programme_links_to_french_pages(client, programme):
    site, translated, english, _untranslated, _workshop = programme

    response = client.get(site.programme.url)

    content = response.content.decode()
    assert f'href="{translated.url}"' in content
    assert f'href="{english.url}"' not in content
    assert "mercredi 2 décembre" in content
    assert "mercredi 18 novembre" not in content


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("kind=workshop", {"Atelier son"}),
        ("kind=screening", {"Les Ouvrières", "La Digue"}),
        ("audience=young", {"Atelier son"}),
        ("month=2027-01", {"Atelier son"}),
        ("month=2026-12&kind=screening", {"Les Ouvrières", "La Digue"}),
    ],
)
def test_programme_filters_narrow_the_listing(client, programme, query, titles):
    site = programme[0]

    response = client.get(f"{site.programme.url}?{query}")

    assert response.status_code == 200
    listed = response.context["page_obj"].object_list
    assert {session.event_page.title for session in listed} == titles


@pytest.mark.parametrize(
    "query",
    [
        "kind=opera",
        "audience=nobody",
        "month=2026-13",
        "month=not-a-month",
        "month=1999-01",
        "page=999",
        "page=-1",
        "page=abc",
        "kind=screening&page=999",
        "kind[]=x&month=",
    ],
)
@pytest.mark.parametrize("language", ["fr", "en"])
def test_bad_programme_filters_show_the_programme_instead_of_failing(
    client, programme, query, language
):
    site = programme[0]
    index = site.programme if language == "fr" else site.programme_en

    response = client.get(f"{index.url}?{query}")

    assert response.status_code == 200
    assert response.context["page_obj"].object_list


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_programme_filter_with_a_nul_byte_is_refused_in_the_page_language(
    client, programme, language
):
    site = programme[0]
    index = site.programme if language == "fr" else site.programme_en

    response = client.get(f"{index.url}?audience=%00")

    assert response.status_code == 400
    title = "Adresse illisible" if language == "fr" else "Unreadable address"
    assert title in response.content.decode()


def test_programme_paginates_and_a_page_beyond_the_end_shows_the_last_page(
    client, programme, settings
):
    settings.PROGRAMME_PAGE_SIZE = 3
    index = programme[0].programme

    first = client.get(index.url)
    beyond = client.get(f"{index.url}?page=999")

    assert first.context["page_obj"].paginator.num_pages == 2
    assert len(first.context["page_obj"].object_list) == 3
    assert beyond.status_code == 200
    assert beyond.context["page_obj"].number == 2
    assert [s.event_page.title for s in beyond.context["page_obj"].object_list] == ["Atelier son"]


def test_session_notes_and_booking_terms_are_shown_in_the_pages_language(
    client, screening, shared_site
):
    from home.models import OrganisationSettings

    Session.objects.filter(page=screening).update(
        note="Suivie d’une rencontre", note_en="Followed by a Q&A"
    )
    org = OrganisationSettings.for_site(shared_site.site)
    org.booking_terms_summary = "<p>Les séances sont gratuites.</p>"
    org.booking_terms_summary_en = "<p>Screenings are free.</p>"
    org.save()
    english = publish_translation(screening, title="The Workers")

    french_html = client.get(screening.url).content.decode()
    english_html = client.get(english.url).content.decode()

    assert "Suivie d’une rencontre" in french_html
    assert "Les séances sont gratuites." in french_html
    assert "Followed by a Q&amp;A" in english_html
    assert "Screenings are free." in english_html
    assert "Suivie" not in english_html
    assert "Les séances sont" not in english_html


def test_an_english_note_left_empty_falls_back_to_the_french_one(client, screening):
    Session.objects.filter(page=screening).update(note="Séance familles", note_en="")
    english = publish_translation(screening, title="The Workers")

    assert "Séance familles" in client.get(english.url).content.decode()


def test_the_poster_is_described_in_the_pages_language(client, screening):
    screening.image_alt_text = "Affiche : deux ouvrières devant une usine"
    screening.save_revision().publish()
    english = publish_translation(
        screening, title="The Workers", image_alt_text="Poster: two workers outside a factory"
    )

    assert 'alt="Affiche : deux ouvrières' in client.get(screening.url).content.decode()
    assert 'alt="Poster: two workers' in client.get(english.url).content.decode()


def test_a_session_is_named_in_paris_time_in_the_admin(screening):
    session = Session.objects.filter(page=screening).order_by("start").first()

    assert str(session).endswith("2026-12-02 20:00")


def test_the_programme_shows_the_next_seven_days_beside_the_list(client, shared_site, frozen_now):
    this_week = ScreeningPageFactory(parent=shared_site.programme, title="Cette semaine")
    SessionFactory(page=this_week, start=paris(2026, 11, 25, 20), venue=shared_site.venue)
    later = ScreeningPageFactory(parent=shared_site.programme, title="Plus tard")
    SessionFactory(page=later, start=paris(2026, 12, 9, 20), venue=shared_site.venue)

    response = client.get(shared_site.programme.url)

    week = response.context["week"]
    assert [day for day, _sessions in week][0] == frozen_now.date()
    assert len(week) == 7
    assert [[s.event_page.title for s in sessions] for _day, sessions in week] == [
        [],
        ["Cette semaine"],
        [],
        [],
        [],
        [],
        [],
    ]
    html = response.content.decode()
    assert "Les sept prochains jours" in html
    assert "Rien de prévu" in html


def test_a_workshop_series_is_listed_once_with_its_dates(client, shared_site, frozen_now):
    series = WorkshopPageFactory(parent=shared_site.programme, title="Atelier bruitage")
    english = publish_translation(series, title="Foley workshop")
    for day in (2, 9, 16, 23):
        SessionFactory(page=series, start=paris(2026, 12, day, 14), venue=shared_site.venue)
    film = ScreeningPageFactory(parent=shared_site.programme, title="Le Barrage")
    for day in (3, 10):
        SessionFactory(page=film, start=paris(2026, 12, day, 20), venue=shared_site.venue)

    response = client.get(shared_site.programme.url)
    english_response = client.get(shared_site.programme_en.url)

    listed = [
        s
        for s in response.context["page_obj"].object_list
        if s.event_key in (series.translation_key, film.translation_key)
    ]
    # The series once, at its first date; each showing of a film on its own.
    assert [(s.event_page.title, s.start.day) for s in listed] == [
        ("Atelier bruitage", 2),
        ("Le Barrage", 3),
        ("Le Barrage", 10),
    ]
    html = response.content.decode()
    assert html.count(">Atelier bruitage</a>") == 1
    assert "4 séances" in html
    for day in ("2", "9", "16", "23"):
        assert f"mercredi {day} décembre à 14 h" in html
    english_html = english_response.content.decode()
    assert english_html.count(f'href="{english.url}"') == 1
    assert "4 sessions" in english_html
    assert "Wednesday 23 December, 2 pm" in english_html


def test_a_series_filtered_to_one_month_lists_the_dates_of_that_month(
    client, shared_site, frozen_now
):
    series = WorkshopPageFactory(parent=shared_site.programme, title="Atelier bruitage")
    for month, day in ((12, 16), (12, 30), (1, 6)):
        year = 2027 if month == 1 else 2026
        SessionFactory(page=series, start=paris(year, month, day, 14), venue=shared_site.venue)

    response = client.get(f"{shared_site.programme.url}?month=2027-01")

    listed = [
        s for s in response.context["page_obj"].object_list if s.event_key == series.translation_key
    ]
    assert [s.start.day for s in listed] == [6]
    assert [s.start.day for s in listed[0].series_dates] == [6]
