"""The dashboard counts the online festival: per film, its online viewers (once each)
and its votes (as they stand), and the people registered and confirmed."""

import csv
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from festival import services
from festival.models import Viewer
from tests.conftest import NOW
from tests.festival.factories import CompetitionPageFactory, film


@pytest.fixture
def festival(shared_site, frozen_now):
    page = CompetitionPageFactory(parent=shared_site.home)
    presse = film(page, "La Presse", "Jeanne Dupont")
    quai = film(page, "Quai de nuit", "Ali Benali", video_url="https://vimeo.com/123456789")
    people = [
        Viewer.objects.create(
            competition_key=page.translation_key,
            email=f"v{n}@example.org",
            language="fr",
            verified_at=NOW,
        )
        for n in range(3)
    ]
    Viewer.objects.create(  # registered, never confirmed: counted as registered only
        competition_key=page.translation_key, email="late@example.org", language="en"
    )
    for person in people:
        services.viewing_record(viewer=person, competition=page, film_key=presse.key)
        services.viewing_record(viewer=person, competition=page, film_key=presse.key)
    services.viewing_record(viewer=people[0], competition=page, film_key=quai.key)
    services.vote_cast(viewer=people[0], competition=page, film_key=presse.key)
    services.vote_cast(viewer=people[1], competition=page, film_key=presse.key)
    services.vote_cast(viewer=people[1], competition=page, film_key=quai.key)  # changed
    return page


@pytest.fixture
def staff_client(client, db):
    user = get_user_model().objects.create_superuser("festival-staff", "staff@example.org", "x")
    client.force_login(user)
    return client


def test_the_dashboard_counts_online_viewers_and_votes_per_film(staff_client, festival):
    html = staff_client.get(reverse("impact:dashboard"), {"season": "2026"}).content.decode()

    assert "Compétition de courts métrages : 4 inscrits, 3 avec leur adresse confirmée" in html
    assert '<th scope="row">La Presse</th><td>3</td><td>1</td>' in html
    assert '<th scope="row">Quai de nuit</th><td>1</td><td>1</td>' in html


def test_the_csv_export_holds_the_festival_figures(staff_client, festival):
    response = staff_client.get(reverse("impact:dashboard"), {"season": "2026", "export": "csv"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))

    title = "Compétition de courts métrages"
    assert rows[-4:] == [
        ["Rubrique", "Film", "Spectateurs en ligne", "Votes"],
        [title, "La Presse", "3", "1"],
        [title, "Quai de nuit", "1", "1"],
        [title, "Inscrits, adresse confirmée", "4", "3"],
    ]


def test_a_season_without_competition_says_so(staff_client, festival):
    html = staff_client.get(reverse("impact:dashboard"), {"season": "2025"}).content.decode()
    assert "Aucune compétition en ligne cette saison." in html
