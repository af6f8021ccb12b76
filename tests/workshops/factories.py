"""Factories for youth workshops and training modules."""

from datetime import date, timedelta

import factory
import wagtail_factories
from django.utils import timezone

from tests.home.factories import ImageFactory
from training.models import TrainingModulePage
from workshops.models import WorkshopPage


class WorkshopPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Atelier {n}")
    summary = "Tourner un court métrage en trois mercredis."
    image = factory.SubFactory(ImageFactory)
    age_min = 9
    age_max = 13
    what_to_bring = "Un goûter."

    class Meta:
        model = WorkshopPage


class TrainingModulePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Module {n}")
    summary = "Étalonnage et montage son, avec une école partenaire."
    image = factory.SubFactory(ImageFactory)
    prerequisites = "<p>Aucun diplôme demandé.</p>"
    application_deadline = factory.LazyFunction(lambda: timezone.now() + timedelta(days=20))
    places = 12

    class Meta:
        model = TrainingModulePage


class RegistrationFactory(factory.django.DjangoModelFactory):
    """A registration made directly (bypassing the rules): pass ``session``; the
    workshop is the session's page."""

    workshop = factory.LazyAttribute(lambda r: r.session.page.specific)
    child_first_name = factory.Sequence(lambda n: f"Enfant{n}")
    child_birth_date = date(2016, 5, 1)
    guardian_first_name = "Camille"
    guardian_last_name = "Martin"
    email = factory.Sequence(lambda n: f"parent{n}@example.org")
    phone = "06 12 34 56 78"
    participation_consent_at = factory.LazyFunction(timezone.now)
    status = "confirmed"
    language = "fr"
    confirmed_at = factory.LazyAttribute(
        lambda r: timezone.now() if r.status == "confirmed" else None
    )

    class Meta:
        model = "workshops.Registration"
