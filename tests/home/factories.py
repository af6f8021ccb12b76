"""Factories for the home app: images, the home page, standard pages, partners."""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory
from wagtail.models import Collection, Locale
from wagtail.rich_text import RichText

from home.models import HomePage, Partner, StandardPage


class ImageFactory(wagtail_factories.ImageFactory):
    """A small real image in the root collection (renditions can be generated from it)."""

    collection = factory.LazyFunction(Collection.get_first_root_node)
    title = factory.Sequence(lambda n: f"Image {n}")
    file = factory.django.ImageField(width=96, height=64, color="teal")


class HomePageFactory(wagtail_factories.PageFactory):
    title = "Fabrique"
    slug = "accueil"
    introduction = "Une fabrique de cinéma indépendante : projections gratuites le mercredi."

    class Meta:
        model = HomePage


def standard_body(image=None):
    blocks = [
        ("heading", "Venir à la fabrique"),
        ("paragraph", RichText("<p>Métro ligne 14, <b>Mairie de Saint-Ouen</b>.</p>")),
        ("quote", {"text": "Le cinéma est une fabrique.", "attribution": "Une résidente"}),
        (
            "call_to_action",
            {
                "text": "Les séances du mercredi sont gratuites.",
                "url": "https://example.org/",
                "link_text": "Voir le programme",
            },
        ),
        ("embed", {"url": "https://vimeo.com/76979871", "title": "La fabrique en images"}),
    ]
    if image is not None:
        blocks.append(("image", {"image": image, "alt_text": "La salle", "caption": "La salle"}))
    return blocks


class StandardPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Page {n}")
    introduction = "Accès, horaires et accessibilité."
    body = factory.LazyFunction(standard_body)

    class Meta:
        model = StandardPage


class PartnerFactory(DjangoModelFactory):
    name = factory.Sequence(lambda n: f"École partenaire {n}")
    kind = Partner.Kind.SCHOOL
    website = "https://ecole.example/"
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Partner
