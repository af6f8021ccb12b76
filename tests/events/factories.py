"""Factories for the programme: venues, the programme index, screenings, sessions."""

from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone
from factory.django import DjangoModelFactory
from wagtail.models import Locale

from events.models import ProgrammeIndexPage, ScreeningDirector, ScreeningPage, Session, Venue
from tests.home.factories import ImageFactory


class VenueFactory(DjangoModelFactory):
    name = "Salle Jean Vigo"
    street_address = "12 rue des Rosiers"
    postal_code = "93400"
    city = "Saint-Ouen-sur-Seine"
    access = "Métro 14, Mairie de Saint-Ouen."
    accessibility = "Accès de plain-pied, boucle magnétique."
    locale = factory.LazyFunction(Locale.get_default)

    class Meta:
        model = Venue
        django_get_or_create = ("name", "locale")


class ProgrammeIndexPageFactory(wagtail_factories.PageFactory):
    title = "Programme"
    slug = "programme"
    introduction = "Tout ce qui se passe à la fabrique."

    class Meta:
        model = ProgrammeIndexPage


class ScreeningPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Séance {n}")
    summary = "Un premier film, suivi d'une rencontre."
    film_title = factory.LazyAttribute(lambda page: page.title)
    year = 2025
    country = "France"
    runtime = 92
    synopsis = "<p>Une usine, ses ouvrières, leur mémoire.</p>"
    image = factory.SubFactory(ImageFactory)
    directors = factory.LazyFunction(lambda: [ScreeningDirector(name="Jeanne Dupont")])

    class Meta:
        model = ScreeningPage


class SessionFactory(DjangoModelFactory):
    """A session of an existing programme page (pass ``page``)."""

    start = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    end = factory.LazyAttribute(lambda session: session.start + timedelta(hours=2))
    venue = factory.SubFactory(VenueFactory)
    places = 80

    class Meta:
        model = Session


class BookingFactory(DjangoModelFactory):
    """A booking made directly (bypassing the rules): pass ``session``."""

    first_name = "Camille"
    last_name = "Martin"
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    seats = 1
    status = "confirmed"
    language = "fr"
    terms_accepted_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyAttribute(
        lambda booking: timezone.now() if booking.status == "confirmed" else None
    )

    class Meta:
        model = "events.Booking"


def screening_with_one_session(site, *, start, places=5) -> ScreeningPage:
    """ "Les Ouvrières" in the programme of ``site`` (a ``BilingualSite``), with one session
    at ``start`` in its venue."""
    page = ScreeningPageFactory(parent=site.programme, title="Les Ouvrières", slug="ouv")
    SessionFactory(page=page, start=start, venue=site.venue, places=places)
    return page
