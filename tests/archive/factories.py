"""Factories for the archive: its index, capsules, WebVTT captions."""

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from archive.models import ArchiveIndexPage, CapsulePage, Caption
from tests.home.factories import ImageFactory


def webvtt(text: str) -> str:
    return f"WEBVTT\n\n00:00:00.000 --> 00:00:04.000\n{text}\n"


class DocumentFactory(factory.django.DjangoModelFactory):
    title = factory.Sequence(lambda n: f"Document {n}")
    collection = factory.LazyFunction(Collection.get_first_root_node)
    file = factory.LazyAttribute(lambda d: ContentFile(b"WEBVTT\n", name="captions.vtt"))

    class Meta:
        model = get_document_model()


def caption(language: str, text: str) -> Caption:
    document = DocumentFactory(
        title=f"Sous-titres {language}",
        file=ContentFile(webvtt(text).encode(), name=f"captions-{language}.vtt"),
    )
    return Caption(language=language, document=document)


class ArchiveIndexPageFactory(wagtail_factories.PageFactory):
    title = "Archives"
    slug = "archives"
    introduction = "Des capsules documentaires sur le travail et l'industrie."

    class Meta:
        model = ArchiveIndexPage


class CapsulePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Capsule {n}")
    kind = CapsulePage.Kind.CAPSULE
    summary = "Une ouvrière raconte l'usine, sur des images d'archives."
    poster = factory.SubFactory(ImageFactory)
    video_file = factory.SubFactory(
        DocumentFactory,
        title="Vidéo",
        file=factory.LazyFunction(lambda: ContentFile(b"\x1aE\xdf\xa3", name="capsule.webm")),
    )
    duration = 245
    footage_from = 1962
    footage_to = 1975
    production_year = 2025
    transcript = "J'ai commencé à l'usine à seize ans.\n\nOn entendait les presses de loin."
    credits = "Réalisation : Jeanne Dupont\nMontage : Ali Benali"
    rights = "Fabrique"

    class Meta:
        model = CapsulePage
