import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from archive.models import ArchiveIndexPage, CapsulePage
from home.models import HomePage
from tests.archive.factories import ArchiveIndexPageFactory, CapsulePageFactory, caption
from tests.conftest import publish_translation

pytestmark = [pytest.mark.django_db, pytest.mark.wagtail_indexes]


@pytest.fixture
def archive(bilingual_site):
    index = ArchiveIndexPageFactory(parent=bilingual_site.home)
    index_en = publish_translation(index, title="Archive", slug="archive")
    return index, index_en


def make_capsule(index, *, themes=(), places=(), trades=(), **fields):
    capsule = CapsulePageFactory(parent=index, **fields)
    capsule.captions = [
        caption("fr", "J'ai commencé à seize ans."),
        caption("en", "I started at sixteen."),
    ]
    capsule.themes.set(list(themes))
    capsule.places.set(list(places))
    capsule.trades.set(list(trades))
    capsule.save_revision().publish()
    return CapsulePage.objects.get(pk=capsule.pk)


def test_page_tree_rules():
    assert ArchiveIndexPage.parent_page_types == ["home.HomePage"]
    assert "archive.ArchiveIndexPage" in HomePage.subpage_types
    assert CapsulePage.parent_page_types == ["archive.ArchiveIndexPage"]
    assert CapsulePage.subpage_types == []


def test_capsule_plays_the_site_file_with_captions_on_in_the_page_language(client, archive):
    index, _index_en = archive
    capsule = make_capsule(
        index, themes=["Travail"], places=["Saint-Ouen"], trades=["Chaudronnerie"]
    )
    capsule_en = publish_translation(capsule, title="The press shop", slug="the-press-shop")

    html = client.get(capsule.url).content.decode()
    assert "<video" in html and "controls" in html
    assert f'src="{capsule.video_file.url}"' in html
    tracks = re.findall(r"<track [^>]*>", html)
    assert len(tracks) == 2
    default = [track for track in tracks if " default" in track]
    assert len(default) == 1 and 'srclang="fr"' in default[0]
    # The transcript is shown beside the player, paragraph by paragraph.
    assert "<p>J&#x27;ai commencé à l&#x27;usine à seize ans.</p>" in html
    assert "Transcription" in html
    assert "4 min 05 s" in html and "1962–1975" in html and "2025" in html
    assert "<dt>Lieux</dt>" in html
    assert "Saint-Ouen" in html and "Chaudronnerie" in html and "Travail" in html
    assert "Réalisation : Jeanne Dupont" in html
    assert "Tous droits réservés" in html

    html_en = client.get(capsule_en.url).content.decode()
    default_en = [t for t in re.findall(r"<track [^>]*>", html_en) if " default" in t]
    assert len(default_en) == 1 and 'srclang="en"' in default_en[0]
    assert "Transcript" in html_en


def test_the_player_fetches_nothing_but_a_phone_sized_poster_until_played(client, archive):
    capsule = make_capsule(archive[0])
    html = client.get(capsule.url).content.decode()
    (video,) = re.findall(r"<video [^>]*>", html)
    assert 'preload="none"' in video
    # Wagtail names a rendition after its filter: 800 px wide at most, WebP.
    assert re.search(r'poster="/media/images/[^"]+\.width-800\.format-webp\.webp"', video)


def test_capsule_pages_contact_no_other_host(client, archive):
    index, _index_en = archive
    make_capsule(index, title="Sur le site")
    embedded = make_capsule(
        index,
        title="Sur une plateforme",
        video_file=None,
        video_url="https://www.youtube.com/watch?v=dQw4w9WgXcQ",
    )
    for page in (index, embedded, CapsulePage.objects.get(title="Sur le site")):
        html = client.get(page.url).content.decode()
        # Every src, poster and stylesheet is a path on this site.
        for address in re.findall(r'(?:src|poster|srcset)="([^"]+)"', html):
            assert address.startswith("/"), address
    html = client.get(embedded.url).content.decode()
    # The platform is only named in data attributes for the click-to-load script.
    assert 'data-video-embed="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"' in html
    assert "<iframe" not in html


def test_index_filters_by_theme_decade_place_and_kind(client, archive):
    index, _index_en = archive
    make_capsule(
        index,
        title="Les presses",
        themes=["Travail"],
        places=["Saint-Ouen"],
        footage_from=1962,
        footage_to=1975,
    )
    make_capsule(
        index,
        title="La grève",
        themes=["Luttes"],
        places=["Saint-Denis"],
        footage_from=1936,
        footage_to=None,
    )
    make_capsule(
        index,
        title="Le montage",
        kind=CapsulePage.Kind.MASTERCLASS,
        themes=["Travail"],
        places=["Saint-Ouen"],
        footage_from=None,
        footage_to=None,
    )

    def titles(query=""):
        response = client.get(index.url + query)
        assert response.status_code == 200
        return [page.title for page in response.context["page_obj"].object_list]

    assert sorted(titles()) == ["La grève", "Le montage", "Les presses"]
    assert sorted(titles("?theme=travail")) == ["Le montage", "Les presses"]
    assert titles("?place=saint-denis") == ["La grève"]
    assert titles("?kind=masterclass") == ["Le montage"]
    assert titles("?decade=1970") == ["Les presses"]
    assert titles("?decade=1960") == ["Les presses"]
    assert titles("?decade=1930") == ["La grève"]
    assert titles("?theme=travail&decade=1960") == ["Les presses"]
    # Unknown values are ignored, not a 500.
    assert len(titles("?decade=abc&theme=nope&kind=x&page=zz")) == 3
    html = client.get(index.url).content.decode()
    assert '<option value="1930">années 1930</option>' in html
    assert '<option value="saint-denis">Saint-Denis</option>' in html


def test_index_query_count_does_not_grow_with_capsules(client, archive):
    index, _index_en = archive

    def count_queries():
        client.get(index.url)  # draws the posters' renditions once
        with CaptureQueriesContext(connection) as context:
            client.get(index.url)
        return len(context.captured_queries)

    for n in range(2):
        make_capsule(index, title=f"Capsule {n}", themes=["Travail", f"Thème {n}"])
    few = count_queries()
    for n in range(2, 8):
        make_capsule(index, title=f"Capsule {n}", themes=["Travail", f"Thème {n}"])
    assert count_queries() == few


def test_site_search_finds_a_capsule_by_words_of_its_transcript(client, archive):
    index, _index_en = archive
    capsule = make_capsule(
        index, title="Les presses", transcript="Le contremaître sifflait la pause de midi."
    )
    response = client.get(reverse("search"), {"q": "contremaître"})
    assert [page.pk for page in response.context["page_obj"].object_list] == [capsule.pk]


def test_footage_cannot_end_before_it_begins(archive):
    from django.core.exceptions import ValidationError

    capsule = CapsulePage(footage_from=1980, footage_to=1970)
    with pytest.raises(ValidationError) as error:
        capsule.clean()
    assert "footage_to" in error.value.message_dict


def test_capsule_decades():
    assert CapsulePage(footage_from=1962, footage_to=1975).decades == [1960, 1970]
    assert CapsulePage(footage_from=1936).decades == [1930]
    assert CapsulePage().decades == []


def test_captions_are_served_by_the_site_as_webvtt(client, archive):
    index, _index_en = archive
    capsule = make_capsule(index)
    caption = capsule.captions.get(language="en")
    response = client.get(caption.document.url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/vtt")
    body = b"".join(response.streaming_content).decode()
    assert body.startswith("WEBVTT") and "I started at sixteen." in body


def test_capsule_describes_its_video_for_search_engines(client, archive):
    import json

    index, _index_en = archive
    capsule = make_capsule(index, licence="cc-by", transcript="Les presses </script> tapaient.")
    html = client.get(capsule.url).content.decode()
    data = json.loads(html.split('<script type="application/ld+json">')[1].split("</script>")[0])
    assert data["@type"] == "VideoObject" and data["name"] == capsule.title
    assert data["duration"] == "PT4M5S" and data["inLanguage"] == "fr"
    assert data["contentUrl"] == "http://testserver" + capsule.video_file.url
    assert data["thumbnailUrl"].startswith("http://testserver/")
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["transcript"] == "Les presses </script> tapaient."
