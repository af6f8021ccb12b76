"""Factories for youth workshops and training modules."""

from datetime import timedelta

import factory
import wagtail_factories
from django.utils import timezone

from tests.home.factories import ImageFactory
from workshops.models import TrainingModulePage, WorkshopPage


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
