"""Factories for the residents' directory, resident pages and their projects."""

import factory
import wagtail_factories

from residents.models import ProjectCredit, ProjectPage, ResidentIndexPage, ResidentPage
from tests.home.factories import ImageFactory


class ResidentIndexPageFactory(wagtail_factories.PageFactory):
    title = "Résidents"
    slug = "residents"
    introduction = "Une trentaine de créateurs travaillent ici."

    class Meta:
        model = ResidentIndexPage


class ResidentPageFactory(wagtail_factories.PageFactory):
    title = factory.LazyAttribute(lambda page: page.name)
    name = factory.Sequence(lambda n: f"Résidente {n}")
    company = "Films du Canal"
    portrait = factory.SubFactory(ImageFactory)
    short_bio = "Monteuse et réalisatrice."
    bio = "<p>Elle monte des documentaires depuis dix ans.</p>"

    class Meta:
        model = ResidentPage
        skip_postgeneration_save = True

    @factory.post_generation
    def disciplines(self, create, extracted, **kwargs):
        """Pass discipline slugs: ``ResidentPageFactory(disciplines=["editing"])``."""
        if create and extracted:
            from residents.models import Discipline

            self.disciplines.set(Discipline.objects.filter(slug__in=extracted))
            self.save()


class ProjectPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Projet {n}")
    format = ProjectPage.Format.DOCUMENTARY
    stage = ProjectPage.Stage.POST_PRODUCTION
    logline = "Une ancienne usine filmée par celles qui y ont travaillé."
    synopsis = "<p>Capsules documentaires sur le patrimoine industriel.</p>"
    image = factory.SubFactory(ImageFactory)
    seeking_funding = True
    credits = factory.LazyFunction(lambda: [ProjectCredit(role="Montage", name="Ana Ruiz")])

    class Meta:
        model = ProjectPage
