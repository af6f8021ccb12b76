"""Factories for premieres: the room page, room requests."""

from datetime import date

import wagtail_factories
from factory.django import DjangoModelFactory

from premieres.models import RoomLoanPage, RoomRequest


class RoomLoanPageFactory(wagtail_factories.PageFactory):
    title = "La salle prêtée"
    slug = "salle-pretee"
    introduction = "La salle est prêtée gratuitement pour une première projection."
    conditions = "<ul><li>Un film jamais montré en salle.</li><li>Entrée libre.</li></ul>"

    class Meta:
        model = RoomLoanPage


class RoomRequestFactory(DjangoModelFactory):
    film_title = "Les Rails"
    director = "Inès Morel"
    email = "ines@example.org"
    wished_from = date(2027, 1, 6)
    wished_until = date(2027, 1, 20)
    runtime = 24
    expected_audience = 60
    needs_dcp = True
    language = "fr"

    class Meta:
        model = RoomRequest
