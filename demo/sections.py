"""The resident and programme sections of the demo: residents with their projects,
Wednesday screenings, youth workshops and training modules, each in French and English.

Mixed into :class:`demo.builder.DemoBuilder`, whose helpers (``pages``,
``images``, ``stream``, ...) it uses.
"""

from collections.abc import Callable

from wagtail.models import Page

from events.models import ScreeningDirector, ScreeningPage
from residents.models import Discipline, ProjectCredit, ProjectPage, ResidentLink, ResidentPage
from training.models import TrainingModulePage
from workshops.models import WorkshopPage

from . import content, images
from .plan import SessionPlan
from .writers import session_list, upsert_page, upsert_translation

FR, EN = 0, 1


# Alternative texts of the drawn images, in each language (the image is shared).
def poster_alt(title: tuple[str, str], lang: int) -> str:
    return (
        f"Affiche du film « {title[FR]} » : un grand disque de lumière au-dessus d’un "
        "paysage, et une petite silhouette",
        f"Poster for the film “{title[EN]}”: a great disc of light above a landscape, "
        "and one small figure",
    )[lang]


def portrait_alt(name: str, lang: int) -> str:
    return (
        f"Portrait dessiné de {name}, de face, sur un fond de couleur",
        f"Drawn portrait of {name}, facing us, against a coloured background",
    )[lang]


def still_alt(title: tuple[str, str], lang: int) -> str:
    return (
        f"Image du projet « {title[FR]} » : un paysage de formes au crépuscule",
        f"Still from the project “{title[EN]}”: a landscape of shapes at dusk",
    )[lang]


def course_alt(title: tuple[str, str], lang: int) -> str:
    return (
        f"Visuel de « {title[FR]} » : des formes colorées qui se chevauchent",
        f"Picture for “{title[EN]}”: overlapping coloured shapes",
    )[lang]


class ProgrammeSections:
    # Residents and projects --------------------------------------------------

    def build_residents(self) -> None:
        index_fr, _index_en = self.pages["residents"]
        disciplines = {d.slug: d for d in Discipline.objects.all()}
        total = len(self.plan.residents)
        for count, item in enumerate(self.plan.residents, start=1):
            data = item.data
            portrait = self.images.get(
                key=f"portrait-{item.slug}",
                title=f"Portrait — {data['name']}",
                alt=portrait_alt(data["name"], FR),
                draw=lambda rng, n=data["name"]: images.portrait(rng, name=n),
            )
            fields = {
                "title": data["name"],
                "name": data["name"],
                "title_form": data["title_form"],
                "company": data["company"],
                "portrait": portrait,
                "portrait_alt_text": portrait_alt(data["name"], FR),
                "short_bio": data["short_bio"][FR],
                "bio": f"<p>{data['bio'][FR]}</p>",
                "public_email": item.public_email,
                "featured": item.featured,
                "search_description": data["short_bio"][FR],
                "disciplines": [disciplines[s] for s in data["disciplines"]],
            }
            links = [ResidentLink(label=item.link[0], url=item.link[1])]
            fr = upsert_page(
                index_fr, ResidentPage, slug=item.slug, fields=fields,
                children={"links": links},
            )
            en = upsert_translation(
                fr,
                self.en,
                slug=item.slug,
                fields={
                    "title": data["name"],
                    "portrait_alt_text": portrait_alt(data["name"], EN),
                    "short_bio": data["short_bio"][EN],
                    "bio": f"<p>{data['bio'][EN]}</p>",
                    "featured": item.featured,
                    "search_description": data["short_bio"][EN],
                    "disciplines": [disciplines[s] for s in data["disciplines"]],
                },
                children={"links": [ResidentLink(label=item.link[0], url=item.link[1])]},
            )
            self.residents[item.slug] = (fr, en)
            self.build_project(item, fr)
            self.log(f"Residents: {count}/{total}", verbose=True)
        self.log(f"Residents: {total}/{total}, each with a project (fr + en)")

    def build_project(self, item, resident_fr: ResidentPage) -> None:
        data = item.data["project"]
        still = self.images.get(
            key=f"still-{data['slug'][FR]}",
            title=f"Image du projet — {data['title'][FR]}",
            alt=still_alt(data["title"], FR),
            draw=images.still,
        )
        synopsis = (
            f"<p>{data['logline'][FR]} Un projet porté par {item.data['name']}"
            f"{' (' + item.data['company'] + ')' if item.data['company'] else ''}.</p>",
            f"<p>{data['logline'][EN]} A project led by {item.data['name']}"
            f"{' (' + item.data['company'] + ')' if item.data['company'] else ''}.</p>",
        )
        common = {
            "format": data["format"],
            "stage": data["stage"],
            "image": still,
            "seeking_partners": item.seeking["partners"],
            "seeking_crew": item.seeking["crew"],
            "seeking_funding": item.seeking["funding"],
        }
        fr = upsert_page(
            resident_fr,
            ProjectPage,
            slug=data["slug"][FR],
            fields={
                **common,
                "title": data["title"][FR],
                "image_alt_text": still_alt(data["title"], FR),
                "logline": data["logline"][FR],
                "synopsis": synopsis[FR],
                "seeking_details": item.seeking_details[FR],
                "search_description": data["logline"][FR],
            },
            children={
                "credits": [ProjectCredit(role=c[FR], name=c[2]) for c in data["credits"]],
            },
        )
        upsert_translation(
            fr,
            self.en,
            slug=data["slug"][EN],
            fields={
                **common,
                "title": data["title"][EN],
                "image_alt_text": still_alt(data["title"], EN),
                "logline": data["logline"][EN],
                "synopsis": synopsis[EN],
                "seeking_details": item.seeking_details[EN],
                "search_description": data["logline"][EN],
            },
            children={
                "credits": [ProjectCredit(role=c[EN], name=c[2]) for c in data["credits"]],
            },
        )

    # Programme ---------------------------------------------------------------

    def sessions(self, specs: list[SessionPlan]) -> Callable:
        values = [
            {
                "start": spec.start,
                "end": spec.end,
                "venue": self.venues[spec.venue],
                "places": spec.places,
                "note": spec.note[FR],
                "note_en": spec.note[EN],
            }
            for spec in specs
        ]
        return lambda page: session_list(page, values)

    def build_screenings(self) -> None:
        index_fr, _index_en = self.pages["programme"]
        total = len(self.plan.screenings)
        keep = set()
        for count, item in enumerate(self.plan.screenings, start=1):
            film = item.data
            start = item.session.start
            poster = self.images.get(
                key=f"poster-{film['slug'][FR]}",
                title=f"Affiche — {film['title'][FR]}",
                alt=poster_alt(film["title"], FR),
                draw=images.poster,
            )
            resident = self.residents.get(item.resident_slug) if item.resident_slug else None
            guests = ("", "")
            if resident:
                guests = (
                    f'<p>En présence de <a linktype="page" id="{resident[FR].pk}">'
                    f"{item.director}</a>, en résidence à la Fabrique.</p>",
                    f'<p>With <a linktype="page" id="{resident[EN].pk}">{item.director}</a>, '
                    "resident at Fabrique, in attendance.</p>",
                )
            common = {
                "image": poster,
                "audience": "families" if "6" in film["age_guidance"][FR] else "all",
                "original_title": film["original_title"],
                "year": film["year"],
                "runtime": film["runtime"],
                "version": film["version"],
                "trailer_url": "",
                "sdh_subtitles": item.sdh_subtitles,
                "audio_description": item.audio_description,
                "wheelchair_places": item.wheelchair_places,
            }
            slug = film["slug"][FR]
            keep.add(slug)
            fr = upsert_page(
                index_fr,
                ScreeningPage,
                slug=slug,
                fields={
                    **common,
                    **self._film_texts(film, guests, FR),
                },
                children={
                    "directors": [
                        ScreeningDirector(name=item.director, resident=resident and resident[FR])
                    ],
                    "sessions": self.sessions([item.session]),
                },
            )
            en = upsert_translation(
                fr,
                self.en,
                slug=film["slug"][EN],
                fields={**common, **self._film_texts(film, guests, EN)},
                children={
                    "directors": [
                        ScreeningDirector(name=item.director, resident=resident and resident[EN])
                    ],
                },
            )
            self.pages[f"screening-{slug}"] = (fr, en)
            self.log(f"Screenings: {count}/{total} — {start:%Y-%m-%d}", verbose=True)
        removed = self._remove_unplanned(
            index_fr, ScreeningPage, {f["slug"][FR] for f in content.FILMS} - keep
        )
        self.stats["screenings_removed"] = removed
        self.log(f"Screenings: {total}/{total}, next Wednesdays at 20:00 (fr + en)")

    @staticmethod
    def _film_texts(film: dict, guests: tuple[str, str], lang: int) -> dict:
        return {
            "title": film["title"][lang],
            "image_alt_text": poster_alt(film["title"], lang),
            "film_title": film["title"][lang],
            "country": film["country"][lang],
            "age_guidance": film["age_guidance"][lang],
            "summary": film["summary"][lang],
            "synopsis": film["synopsis"][lang],
            "guests": guests[lang],
            "search_description": film["summary"][lang],
        }

    def _remove_unplanned(self, parent: Page, model, slugs: set[str]) -> int:
        """Demo pages of another seed (their slugs are the demo's own) with translations.

        A page someone has booked is unpublished instead: bookings are never deleted.
        """
        from events.models import Booking

        removed = 0
        for page in model.objects.child_of(parent).filter(slug__in=slugs):
            group = [page, *page.get_translations()]
            if Booking.objects.filter(session__event_key=page.translation_key).exists():
                for member in group:
                    if member.live:
                        member.unpublish()
                continue
            for translation in group[1:]:
                translation.delete()
            page.delete()
            removed += 1
        return removed

    def build_courses(self) -> None:
        index_fr, _index_en = self.pages["programme"]
        for item in self.plan.workshops:
            data = item.data
            partner = self.partners.get(data["partner"])
            image = self._course_image(data)
            common = {
                "image": image,
                "audience": data["audience"],
                "age_min": data["age"][0],
                "age_max": data["age"][1],
                "is_series": data["series"],
            }
            fr = upsert_page(
                index_fr,
                WorkshopPage,
                slug=data["slug"][FR],
                fields={
                    **common,
                    **self._course_texts(data, FR),
                    "description": self.stream(data["description"], FR),
                    "what_to_bring": data["what_to_bring"][FR],
                    "partner": partner and partner[FR],
                },
                children={"sessions": self.sessions(item.sessions)},
            )
            en = upsert_translation(
                fr,
                self.en,
                slug=data["slug"][EN],
                fields={
                    **common,
                    **self._course_texts(data, EN),
                    "description": self.stream(data["description"], EN),
                    "what_to_bring": data["what_to_bring"][EN],
                    "partner": partner and partner[EN],
                },
            )
            self.pages[f"workshop-{data['slug'][FR]}"] = (fr, en)
        self.log(f"Workshops: {len(self.plan.workshops)}/{len(self.plan.workshops)} (fr + en)")

        school = self.partners["school"]
        for item in self.plan.trainings:
            data = item.data
            image = self._course_image(data)
            common = {
                "image": image,
                "audience": "professionals",
                "application_deadline": item.deadline,
                "places": data["places"],
            }
            fr = upsert_page(
                index_fr,
                TrainingModulePage,
                slug=data["slug"][FR],
                fields={
                    **common,
                    **self._course_texts(data, FR),
                    "partner_school": school[FR],
                    "curriculum": self.stream(data["curriculum"], FR),
                    "prerequisites": data["prerequisites"][FR],
                },
                children={"sessions": self.sessions(item.sessions)},
            )
            en = upsert_translation(
                fr,
                self.en,
                slug=data["slug"][EN],
                fields={
                    **common,
                    **self._course_texts(data, EN),
                    "partner_school": school[EN],
                    "curriculum": self.stream(data["curriculum"], EN),
                    "prerequisites": data["prerequisites"][EN],
                },
            )
            self.pages[f"training-{data['slug'][FR]}"] = (fr, en)
        self.log(f"Training modules: {len(self.plan.trainings)}/{len(self.plan.trainings)}")

    def _course_image(self, data: dict):
        return self.images.get(
            key=f"course-{data['slug'][FR]}",
            title=f"Visuel — {data['title'][FR]}",
            alt=course_alt(data["title"], FR),
            draw=images.abstract,
        )

    @staticmethod
    def _course_texts(data: dict, lang: int) -> dict:
        return {
            "title": data["title"][lang],
            "image_alt_text": course_alt(data["title"], lang),
            "summary": data["summary"][lang],
            "search_description": data["summary"][lang],
        }
