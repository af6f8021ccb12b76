"""The archive section of the demo: its index and eight videos, in French and English.

The video is one small file made for the demo (``content/archive_loop.webm``, eight
seconds); each capsule has its own poster, WebVTT captions in both languages made from
its transcript, and themes, places and trades in each language.
"""

from pathlib import Path

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from archive.models import ArchiveIndexPage, CapsulePage, Caption

from . import images
from .content.archive import ARCHIVE_INDEX, CAPSULES
from .writers import demo_collection, upsert_page, upsert_translation

FR, EN = 0, 1
VIDEO = Path(__file__).parent / "content" / "archive_loop.webm"
CUE_SECONDS = 4
# Every capsule plays the same loop: its page gives the loop's real length, so what a
# visitor reads ("8 s") is what they get.
VIDEO_SECONDS = 8


def webvtt(lines: list[str]) -> str:
    """One cue per line, ``CUE_SECONDS`` each."""
    cues = ["WEBVTT", ""]
    for number, line in enumerate(lines):
        start, end = number * CUE_SECONDS, (number + 1) * CUE_SECONDS
        cues += [f"00:00:{start:02d}.000 --> 00:00:{end:02d}.000", line, ""]
    return "\n".join(cues)


def demo_document(*, title: str, name: str, data: bytes):
    """The demo collection's document ``title``, its file replaced if it changed."""
    model = get_document_model()
    collection = demo_collection()
    document = model.objects.filter(collection=collection, title=title).first()
    if document is not None:
        document.file.open("rb")
        try:
            if document.file.read() == data:
                return document
        finally:
            document.file.close()
        document.file.delete(save=False)
    else:
        document = model(title=title, collection=collection)
    document.file = ContentFile(data, name=name)
    document.file_size = len(data)
    document.save()
    return document


def build_archive(builder) -> None:
    home_fr, _home_en = builder.pages["home"]
    data = ARCHIVE_INDEX
    index = upsert_page(
        home_fr,
        ArchiveIndexPage,
        slug=data["slug"][FR],
        fields={
            "title": data["title"][FR],
            "search_description": data["seo"][FR],
            "introduction": data["introduction"][FR],
            "show_in_menus": True,
        },
    )
    upsert_translation(
        index,
        builder.en,
        slug=data["slug"][EN],
        fields={
            "title": data["title"][EN],
            "search_description": data["seo"][EN],
            "introduction": data["introduction"][EN],
            "show_in_menus": True,
        },
    )
    builder.pages["archive"] = (index, index.get_translation(builder.en))
    video = demo_document(
        title="Archives — vidéo de démonstration",
        name="archive-demo.webm",
        data=VIDEO.read_bytes(),
    )
    residents = [fr for fr, _en in builder.residents.values()]
    for item in CAPSULES:
        build_capsule(builder, index, item, video=video, residents=residents)
    builder.log(f"Archive: {len(CAPSULES)} videos with captions and transcripts (fr + en)")


def build_capsule(builder, index, item: dict, *, video, residents: list) -> None:
    slug = item["slug"][FR]
    poster = builder.images.get(
        key=f"capsule-{slug}",
        title=f"Affiche — {item['title'][FR]}",
        alt=f"Affiche stylisée de « {item['title'][FR]} »",
        draw=images.still,
    )
    captions = [
        Caption(
            language=code,
            document=demo_document(
                title=f"Sous-titres {code} — {item['title'][FR]}",
                name=f"{slug}-{code}.vtt",
                data=webvtt([line[lang] for line in item["transcript"]]).encode(),
            ),
        )
        for lang, code in ((FR, "fr"), (EN, "en"))
    ]
    footage_from, footage_to = item["footage"]
    shared = {
        "kind": item["kind"],
        "video_file": video,
        "poster": poster,
        "duration": VIDEO_SECONDS,
        "footage_from": footage_from,
        "footage_to": footage_to,
        "production_year": item["production_year"],
        "rights": "Fabrique",
        "licence": item["licence"],
    }
    related = residents[: item.get("residents", 0)]

    def fields(lang: int) -> dict:
        return {
            **shared,
            "title": item["title"][lang],
            "credits": item["credits"][lang],
            "summary": item["summary"][lang],
            "search_description": item["summary"][lang],
            "transcript": "\n\n".join(line[lang] for line in item["transcript"]),
        }

    def children(lang: int, related_pages: list) -> dict:
        from archive.models import RelatedPage

        return {
            "captions": [Caption(language=c.language, document=c.document) for c in captions],
            "related_pages": [RelatedPage(target=page) for page in related_pages],
        }

    fr = upsert_page(
        index,
        CapsulePage,
        slug=slug,
        fields=fields(FR),
        children=children(FR, related),
        tags=tags(item, FR),
    )
    related_en = [page.get_translation_or_none(builder.en) or page for page in related]
    upsert_translation(
        fr,
        builder.en,
        slug=item["slug"][EN],
        fields=fields(EN),
        children=children(EN, related_en),
        tags=tags(item, EN),
    )


def tags(item: dict, lang: int) -> dict:
    return {name: item[name][lang] for name in ("themes", "places", "trades")}
