"""The online festival competition, through its real views: registering with a verified
email, signed viewing links that expire, one vote per person changeable until closing,
the results published by the clock."""

import re
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from events.models import ProgrammeIndexPage
from festival import services
from festival.exceptions import NotVerified
from festival.models import Viewer, Viewing, Vote
from tests.conftest import NOW, publish_translation
from tests.events.factories import ScreeningPageFactory
from tests.festival.factories import CompetitionPageFactory, film


@pytest.fixture
def competition(shared_site, frozen_now):
    page = CompetitionPageFactory(parent=shared_site.home)
    film(page, "La Presse", "Jeanne Dupont")
    film(page, "Quai de nuit", "Ali Benali", video_url="https://vimeo.com/123456789")
    film(page, "Les Bobines", "Léa Martin")
    page.english = publish_translation(page, title="Short film competition", slug="competition")
    return page


def register(client, page, email, *, prefix=""):
    url = f"{prefix}{reverse('festival_register', kwargs={'page_id': page.pk})}"
    return client.post(url, {"email": email})


def link_in(message) -> str:
    return re.search(r"https?://\S+/festival/\S+/", message.body).group(0)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


def verified_viewer(client, competition, django_capture_on_commit_callbacks, email="a@b.fr"):
    """Register, then open the link from the email: the access page's path."""
    with django_capture_on_commit_callbacks(execute=True):
        register(client, competition, email)
    path = path_of(link_in(mail.outbox[-1]))
    assert client.get(path).status_code == 200
    return path


def watch_links(response) -> list[str]:
    return re.findall(r'href="(/(?:en/)?festival/watch/[^"]+/)"', response.content.decode())


def keys(page) -> dict[str, str]:
    return {f.title: str(f.key) for f in page.films.all()}


def test_registering_sends_a_link_in_the_visitors_language_that_confirms_the_address(
    client, competition, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = register(client, competition, "camille@example.org")
        register(client, competition.english, "ana@example.org", prefix="/en")
    assert "Vérifiez votre boîte" in response.content.decode()
    french, english = mail.outbox
    assert french.to == ["camille@example.org"]
    assert "Compétition de courts métrages" in french.subject
    assert "/en/" not in link_in(french)
    assert english.subject == "Your link to the films of Short film competition"
    assert "/en/festival/" in link_in(english)
    camille = Viewer.objects.get(email="camille@example.org")
    assert camille.verified_at is None and camille.language == "fr"

    page = client.get(path_of(link_in(french)))

    assert page.status_code == 200
    assert "Votre adresse camille@example.org est confirmée" in page.content.decode()
    assert page["Referrer-Policy"] == "same-origin"
    camille.refresh_from_db()
    assert camille.verified_at == NOW
    assert len(watch_links(page)) == 3
    english_page = client.get(path_of(link_in(english)))
    assert "Your email address ana@example.org is confirmed" in english_page.content.decode()


def test_registering_twice_keeps_one_person_and_sends_the_link_again(
    client, competition, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(client, competition, "camille@example.org")
        register(client, competition, " Camille@Example.org")
    assert Viewer.objects.count() == 1
    assert len(mail.outbox) == 2


def test_a_bad_address_is_refused_in_the_pages_language_and_nothing_recorded(client, competition):
    french = register(client, competition, "pas-une-adresse")
    english = register(client, competition.english, "not-an-address", prefix="/en")

    assert french.status_code == english.status_code == 400
    assert "Saisissez une adresse de courriel valide" in french.content.decode()
    assert "Enter a valid email address" in english.content.decode()
    assert Viewer.objects.count() == 0
    assert mail.outbox == []


def test_a_forged_or_expired_access_link_serves_nothing(
    client, competition, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        register(client, competition, "camille@example.org")
    path = path_of(link_in(mail.outbox[0]))

    forged = client.get(path[:-3] + "xx/")
    assert forged.status_code == 404
    assert "Ce lien n’est pas valide" in forged.content.decode()
    with time_machine.travel(NOW + timedelta(days=31), tick=False):
        expired = client.get(path)
    assert expired.status_code == 410
    assert "Ce lien a expiré" in expired.content.decode()
    assert Viewer.objects.get().verified_at is None


def test_a_film_opens_through_its_signed_link_and_counts_one_viewer(
    client, competition, django_capture_on_commit_callbacks
):
    access = verified_viewer(client, competition, django_capture_on_commit_callbacks)
    first = watch_links(client.get(access))[0]

    page = client.get(first)
    client.get(first)

    assert page.status_code == 200
    body = page.content.decode()
    assert "<h1>La Presse</h1>" in body
    assert 'srclang="fr"' in body
    video = client.get(first + "video/")
    assert video.status_code == 200
    assert b"".join(video.streaming_content) == b"\x1aE\xdf\xa3 film"
    assert list(Viewing.objects.values_list("film_key", flat=True)) == [
        competition.films.get(title="La Presse").key
    ]


def test_behind_nginx_the_film_is_sent_by_nginx_after_the_link_is_checked(
    client, competition, django_capture_on_commit_callbacks, settings
):
    access = verified_viewer(client, competition, django_capture_on_commit_callbacks)
    first = watch_links(client.get(access))[0]
    settings.DOCUMENTS_ACCEL_REDIRECT = "/protected-media/"

    video = client.get(first + "video/")

    assert video.status_code == 200
    assert video["X-Accel-Redirect"].startswith("/protected-media/")
    assert video["Content-Type"] == "video/webm"
    assert video.content == b""  # no application thread streams the file


def test_a_platform_film_loads_only_after_a_click(
    client, competition, django_capture_on_commit_callbacks
):
    access = verified_viewer(client, competition, django_capture_on_commit_callbacks)
    second = watch_links(client.get(access))[1]

    body = client.get(second).content.decode()

    assert 'data-video-embed="https://player.vimeo.com/video/123456789"' in body
    assert "<iframe" not in body


def test_a_forged_or_expired_viewing_link_gets_a_clear_page_and_no_film(
    client, competition, django_capture_on_commit_callbacks
):
    access = verified_viewer(client, competition, django_capture_on_commit_callbacks)
    link = watch_links(client.get(access))[0]
    forged = link.replace("/watch/", "/watch/x")

    assert client.get(forged).status_code == 404
    assert client.get(forged + "video/").status_code == 404
    assert "/en/" not in link
    english = client.get("/en" + forged)
    assert "This link is not valid" in english.content.decode()
    with time_machine.travel(NOW + timedelta(hours=5), tick=False):
        expired = client.get(link)
        expired_video = client.get(link + "video/")
    assert expired.status_code == expired_video.status_code == 410
    assert "Ce lien a expiré" in expired.content.decode()
    assert b"film" not in expired_video.content
    assert Viewing.objects.count() == 0


def test_an_unverified_person_can_neither_watch_nor_vote(competition, client):
    viewer = Viewer.objects.create(
        competition_key=competition.translation_key, email="x@example.org", language="fr"
    )
    token = services.watch_token(viewer=viewer, film=competition.films.first())

    response = client.get(reverse("festival_watch", kwargs={"token": token}))

    assert response.status_code == 403
    assert "confirmer votre adresse" in response.content.decode()
    with pytest.raises(NotVerified):
        services.vote_cast(
            viewer=viewer, competition=competition, film_key=competition.films.first().key
        )
    assert Viewing.objects.count() == Vote.objects.count() == 0


def test_films_cannot_be_watched_outside_the_viewing_window(
    client, competition, django_capture_on_commit_callbacks
):
    access = verified_viewer(client, competition, django_capture_on_commit_callbacks)
    with time_machine.travel(competition.viewing_closes - timedelta(hours=1), tick=False):
        link = watch_links(client.get(access))[0]
    with time_machine.travel(competition.viewing_closes + timedelta(minutes=1), tick=False):
        closed = client.get(link)  # the link is still valid: the window is not
        page = client.get(access)
    assert closed.status_code == 403
    assert "pendant la période de visionnage" in closed.content.decode()
    assert watch_links(page) == []
    assert Viewing.objects.count() == 0


def test_one_vote_per_person_changeable_until_the_vote_closes(
    client, competition, django_capture_on_commit_callbacks
):
    access = verified_viewer(client, competition, django_capture_on_commit_callbacks)
    films = keys(competition)

    first = client.post(access, {"film": films["La Presse"]}, follow=True)
    assert "Votre vote est enregistré" in first.content.decode()
    assert "Vous avez voté pour « La Presse »" in first.content.decode()
    client.post(access, {"film": films["Quai de nuit"]})

    vote = Vote.objects.get()
    assert str(vote.film_key) == films["Quai de nuit"]


def test_a_vote_after_closing_is_refused_and_the_recorded_one_kept(
    client, competition, django_capture_on_commit_callbacks
):
    access = verified_viewer(client, competition, django_capture_on_commit_callbacks)
    films = keys(competition)
    client.post(access, {"film": films["La Presse"]})

    with time_machine.travel(competition.vote_closes, tick=False):
        late = client.post(access, {"film": films["Les Bobines"]})

    assert late.status_code == 403
    assert "Le vote est clos" in late.content.decode()
    assert str(Vote.objects.get().film_key) == films["La Presse"]


def test_a_vote_before_the_films_open_is_refused(
    client, competition, django_capture_on_commit_callbacks
):
    access = verified_viewer(client, competition, django_capture_on_commit_callbacks)
    with time_machine.travel(competition.viewing_opens - timedelta(minutes=1), tick=False):
        early = client.post(access, {"film": keys(competition)["La Presse"]})
    assert early.status_code == 403
    assert Vote.objects.count() == 0


def test_a_vote_for_a_film_not_in_the_competition_is_refused(
    client, competition, django_capture_on_commit_callbacks
):
    access = verified_viewer(client, competition, django_capture_on_commit_callbacks)

    response = client.post(access, {"film": "5f0c7a5e-0000-4000-8000-000000000000"})

    assert response.status_code == 400
    assert "Ce film ne fait pas partie de la compétition" in response.content.decode()
    assert Vote.objects.count() == 0


def test_the_results_are_published_by_the_clock_in_both_languages(
    client, competition, django_capture_on_commit_callbacks
):
    films = keys(competition)
    for n, title in enumerate(["La Presse", "Les Bobines", "La Presse"]):
        access = verified_viewer(
            client, competition, django_capture_on_commit_callbacks, email=f"v{n}@example.org"
        )
        client.post(access, {"film": films[title]})
    # An English viewer votes on the English page: the same film, the same competition.
    with django_capture_on_commit_callbacks(execute=True):
        register(client, competition.english, "en@example.org", prefix="/en")
    english_access = path_of(link_in(mail.outbox[-1]))
    client.get(english_access)
    client.post(english_access, {"film": films["Les Bobines"]})

    before = client.get(competition.url).content.decode()
    assert "Classement du public" not in before
    assert 'class="competition__form"' in before  # the registration form
    with time_machine.travel(competition.vote_closes, tick=False):
        french = client.get(competition.url).content.decode()
        english = client.get(competition.english.url).content.decode()

    assert 'class="competition__form"' not in french
    assert "Grand prix du jury" in french
    ranking = re.findall(r'<li value="(\d)"><strong>([^<]+)</strong>.*?(\d) vote', french)
    assert ranking == [
        ("1", "La Presse", "2"),
        ("1", "Les Bobines", "2"),
        ("3", "Quai de nuit", "0"),
    ]
    assert "The audience ranking" in english and "2 votes" in english


def test_registration_closes_with_the_vote(client, competition):
    with time_machine.travel(competition.vote_closes, tick=False):
        response = register(client, competition, "tard@example.org")
    assert response.status_code == 403
    assert "les inscriptions sont closes" in response.content.decode()
    assert Viewer.objects.count() == 0


def test_the_pages_of_a_viewer_read_a_fixed_number_of_queries(
    client, competition, django_capture_on_commit_callbacks, django_assert_num_queries
):
    access = verified_viewer(client, competition, django_capture_on_commit_callbacks)
    link = watch_links(client.get(access))[0]
    client.get(link)
    client.post(access, {"film": keys(competition)["La Presse"]})
    client.get(competition.url)

    with django_assert_num_queries(11):
        client.get(access)
    with django_assert_num_queries(13):  # the viewing already counted: found, not written
        client.get(link)
    with django_assert_num_queries(14):
        client.get(competition.url)


def test_addresses_are_erased_after_the_retention_period_and_the_link_stops(
    client, competition, django_capture_on_commit_callbacks
):
    access = verified_viewer(client, competition, django_capture_on_commit_callbacks)
    client.post(access, {"film": keys(competition)["La Presse"]})

    with time_machine.travel(competition.vote_closes + timedelta(days=89), tick=False):
        call_command("anonymise_personal_data", stdout=StringIO())
    assert Viewer.objects.get().email == "a@b.fr"
    with time_machine.travel(competition.vote_closes + timedelta(days=91), tick=False):
        call_command("anonymise_personal_data", stdout=StringIO())
        results = client.get(competition.url).content.decode()

    viewer = Viewer.objects.get()
    assert viewer.email.endswith("@invalid.invalid") and viewer.anonymised_at is not None
    assert client.get(access).status_code == 404
    assert "1 vote" in results  # the vote still counts


def test_the_closing_night_in_the_room_is_linked_in_each_language(client, competition):
    night = ScreeningPageFactory(
        parent=competition.get_parent().specific.get_children().type(ProgrammeIndexPage).first(),
        title="Soirée de clôture",
    )
    night_en = publish_translation(night, title="Closing night")
    for page in (competition, competition.english):  # as a translation sync leaves them
        page.closing_night = night
        page.save_revision().publish()

    french = client.get(competition.url).content.decode()
    english = client.get(competition.english.url).content.decode()

    assert f'href="{night.url}">Soirée de clôture en salle : Soirée de clôture' in french
    assert f'href="{night_en.url}">Closing night in the room: Closing night' in english


def test_the_registration_address_opened_as_a_link_leads_to_the_form(client, competition):
    response = client.get(reverse("festival_register", kwargs={"page_id": competition.pk}))
    assert response.status_code == 302
    assert response["Location"] == competition.url + "#register"
