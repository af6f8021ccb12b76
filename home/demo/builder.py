"""Writes a :class:`~home.demo.plan.DemoPlan` into the database, French first.

Each section creates or updates the French object, then its English translation;
a second run with the same seed leaves the same site (see ``writers``).
"""

from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from events.models import ProgrammeIndexPage, ScreeningDirector, ScreeningPage, Venue
from residents.models import (
    Discipline,
    ProjectCredit,
    ProjectPage,
    ResidentIndexPage,
    ResidentLink,
    ResidentPage,
)
from workshops.models import TrainingModulePage, WorkshopPage

from ..models import HomePage, OrganisationSettings, Partner, StandardPage
from . import content, images
from .plan import DemoPlan, SessionPlan
from .writers import (
    ImageWriter,
    deferred_indexing,
    demo_collection,
    session_list,
    upsert_page,
    upsert_snippet,
    upsert_snippet_translation,
    upsert_translation,
)

FR, EN = 0, 1
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "fabrique-admin"


class DemoBuilder:
    def __init__(self, plan: DemoPlan, *, log: Callable[..., None] | None = None):
        self.plan = plan
        self.log = log or (lambda message, verbose=False: None)
        self.pages: dict[str, tuple[Page, Page]] = {}  # key -> (french, english)
        self.venues: dict[str, Venue] = {}
        self.partners: dict[str, tuple[Partner, Partner]] = {}
        self.residents: dict[str, tuple[ResidentPage, ResidentPage]] = {}
        self.stats: dict[str, int] = {}

    def build(self) -> dict[str, int]:
        with transaction.atomic(), deferred_indexing():
            return self._build()

    def _build(self) -> dict[str, int]:
        self.fr = Locale.objects.get_or_create(language_code="fr")[0]
        self.en = Locale.objects.get_or_create(language_code="en")[0]
        self.images = ImageWriter(seed=self.plan.seed, collection=demo_collection())
        self.build_home()
        self.build_snippets()
        self.build_indexes()
        self.build_standard_pages()
        # The home body links to pages that exist only now.
        self.set_bodies("home", content.HOME["body"])
        self.build_residents()
        self.build_screenings()
        self.build_courses()
        self.build_settings()
        self.stats["images_removed"] = self.images.delete_unused()
        self.stats["images_drawn"] = self.images.drawn
        self.stats["admin_created"] = int(ensure_admin())
        return self.stats

    # Site root and home page -------------------------------------------------

    def build_home(self) -> None:
        data = content.HOME
        root = Page.get_first_root_node()
        hero = self.images.get(
            key="hero",
            title="Accueil — la Fabrique au crépuscule",
            alt="Illustration abstraite : un soleil sur des toits d’usine, au crépuscule.",
            draw=lambda rng: images.still(rng, caption="Fabrique · Saint-Ouen"),
        )
        self._remove_welcome_page(root)
        fields = {
            "title": data["title"][FR],
            "seo_title": "",
            "search_description": data["seo"][FR],
            "introduction": data["introduction"][FR],
            "donation_call": data["donation_call"][FR],
            "hero_image": hero,
        }
        fr = HomePage.objects.child_of(root).filter(locale=self.fr).first()
        if fr is None:
            fr = upsert_page(root, HomePage, slug=data["slug"][FR], fields=fields)
        else:
            fr = upsert_page(root, HomePage, slug=fr.slug, fields=fields)
        site = Site.objects.filter(is_default_site=True).first()
        if site is None:
            site = Site(hostname="localhost", port=80, is_default_site=True)
        site.root_page = fr
        site.site_name = settings.WAGTAIL_SITE_NAME
        site.save()
        en = upsert_translation(
            fr,
            self.en,
            slug=data["slug"][EN],
            fields={
                "title": data["title"][EN],
                "search_description": data["seo"][EN],
                "introduction": data["introduction"][EN],
                "donation_call": data["donation_call"][EN],
            },
        )
        self.pages["home"] = (fr, en)
        self.log("Home page: 1/1 (fr + en)")

    def _remove_welcome_page(self, root: Page) -> None:
        """Wagtail's placeholder "Welcome" page, if nothing was built on it."""
        base = ContentType.objects.get_for_model(Page)
        for page in Page.objects.child_of(root).filter(content_type=base, numchild=0):
            if not Site.objects.filter(root_page=page).exclude(is_default_site=True).exists():
                Site.objects.filter(root_page=page).update(root_page=root)
                page.delete()

    def set_bodies(self, key: str, blocks: list, field: str = "body") -> None:
        for lang, page in enumerate(self.pages[key]):
            # Fresh from the database: children added since would be lost (numchild).
            page = page.specific_class.objects.get(pk=page.pk)
            setattr(page, field, self.stream(blocks, lang))
            page.save_revision().publish()

    # Snippets ----------------------------------------------------------------

    def build_snippets(self) -> None:
        for data in content.VENUES:
            fr = upsert_snippet(
                Venue,
                self.fr,
                lookup={"name": data["name"][FR]},
                fields={
                    "street_address": data["street_address"],
                    "postal_code": data["postal_code"],
                    "city": data["city"],
                    "access": data["access"][FR],
                    "accessibility": data["accessibility"][FR],
                },
            )
            upsert_snippet_translation(
                fr,
                self.en,
                fields={
                    "name": data["name"][EN],
                    "access": data["access"][EN],
                    "accessibility": data["accessibility"][EN],
                },
            )
            self.venues[data["key"]] = fr
        self.log(f"Venues: {len(self.venues)}/{len(content.VENUES)} (fr + en)")

        for data in content.PARTNERS:
            logo = self.images.get(
                key=f"logo-{data['key']}",
                title=f"Logo — {data['name'][FR]}",
                alt=f"Logo de {data['name'][FR]}",
                draw=lambda rng, name=data["name"][FR]: images.logo(rng, name=name),
                ext="png",
            )
            fr = upsert_snippet(
                Partner,
                self.fr,
                lookup={"kind": data["kind"], "website": data["website"]},
                fields={
                    "name": data["name"][FR],
                    "description": data["description"][FR],
                    "logo": logo,
                },
            )
            en = upsert_snippet_translation(
                fr,
                self.en,
                fields={"name": data["name"][EN], "description": data["description"][EN]},
            )
            self.partners[data["key"]] = (fr, en)
        self.log(f"Partners: {len(self.partners)}/{len(content.PARTNERS)} (fr + en)")

    # Standard and index pages ------------------------------------------------

    def build_standard_pages(self) -> None:
        home_fr, _home_en = self.pages["home"]
        for data in content.STANDARD_PAGES:
            fr = upsert_page(
                home_fr,
                StandardPage,
                slug=data["slug"][FR],
                fields={
                    "title": data["title"][FR],
                    "search_description": data["seo"][FR],
                    "introduction": data["introduction"][FR],
                    "show_in_menus": data["menu"],
                    "body": self.stream(data["body"], FR),
                },
            )
            en = upsert_translation(
                fr,
                self.en,
                slug=data["slug"][EN],
                fields={
                    "title": data["title"][EN],
                    "search_description": data["seo"][EN],
                    "introduction": data["introduction"][EN],
                    "show_in_menus": data["menu"],
                    "body": self.stream(data["body"], EN),
                },
            )
            self.pages[data["key"]] = (fr, en)
        self.log(f"Standard pages: {len(content.STANDARD_PAGES)}/{len(content.STANDARD_PAGES)}")

    def build_indexes(self) -> None:
        home_fr, _home_en = self.pages["home"]
        for key, model, data in [
            ("programme", ProgrammeIndexPage, content.PROGRAMME_INDEX),
            ("residents", ResidentIndexPage, content.RESIDENT_INDEX),
        ]:
            fr = upsert_page(
                home_fr,
                model,
                slug=data["slug"][FR],
                fields={
                    "title": data["title"][FR],
                    "search_description": data["seo"][FR],
                    "introduction": data["introduction"][FR],
                    "show_in_menus": True,
                },
            )
            en = upsert_translation(
                fr,
                self.en,
                slug=data["slug"][EN],
                fields={
                    "title": data["title"][EN],
                    "search_description": data["seo"][EN],
                    "introduction": data["introduction"][EN],
                    "show_in_menus": True,
                },
            )
            self.pages[key] = (fr, en)
        self.log("Index pages: 2/2 (fr + en)")

    def stream(self, blocks: list, lang: int) -> list:
        """Content body blocks as native StreamField values in one language."""
        result = []
        for kind, value in blocks:
            if kind == "heading":
                result.append((kind, value[lang]))
            elif kind == "paragraph":
                result.append((kind, RichText(value[lang])))
            elif kind == "quote":
                result.append(
                    (kind, {"text": value["text"][lang], "attribution": value["attribution"]})
                )
            elif kind == "call_to_action":
                page = self.pages[value["page"]][lang]
                result.append(
                    (
                        kind,
                        {
                            "text": value["text"][lang],
                            "page": page,
                            "url": "",
                            "link_text": value["link_text"][lang],
                        },
                    )
                )
            elif kind == "image":
                image = self.images.get(
                    key=f"body-{value['image']}",
                    title=f"Illustration — {value['caption'][FR]}",
                    alt=value["alt_text"][FR],
                    draw=lambda rng, c=value["caption"][FR]: images.still(rng, caption=c),
                )
                result.append(
                    (
                        kind,
                        {
                            "image": image,
                            "alt_text": value["alt_text"][lang],
                            "caption": value["caption"][lang],
                        },
                    )
                )
        return result

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
                alt=f"Portrait stylisé de {data['name']}",
                draw=lambda rng, n=data["name"]: images.portrait(rng, name=n),
            )
            fields = {
                "title": data["name"],
                "name": data["name"],
                "company": data["company"],
                "portrait": portrait,
                "short_bio": data["short_bio"][FR],
                "bio": f"<p>{data['short_bio'][FR]}</p><p>{data['bio'][FR]}</p>",
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
                    "short_bio": data["short_bio"][EN],
                    "bio": f"<p>{data['short_bio'][EN]}</p><p>{data['bio'][EN]}</p>",
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
            alt=f"Image abstraite tirée du projet « {data['title'][FR]} »",
            draw=lambda rng, c=data["title"][FR]: images.still(rng, caption=c),
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
                alt=f"Affiche du film « {film['title'][FR]} »",
                draw=lambda rng, f=film, d=item.director: images.poster(
                    rng,
                    title=f["title"][FR],
                    kicker="Séance gratuite · mercredi 20 h",
                    footer=f"Un film de {d} · {f['year']} · {f['runtime']} min",
                ),
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
            "film_title": film["title"][lang],
            "country": film["country"][lang],
            "age_guidance": film["age_guidance"][lang],
            "summary": film["summary"][lang],
            "synopsis": film["synopsis"][lang],
            "guests": guests[lang],
            "search_description": film["summary"][lang],
        }

    def _remove_unplanned(self, parent: Page, model, slugs: set[str]) -> int:
        """Demo pages of another seed (their slugs are the demo's own) with translations."""
        removed = 0
        for page in model.objects.child_of(parent).filter(slug__in=slugs):
            for translation in page.get_translations():
                translation.delete()
            page.delete()
            removed += 1
        return removed

    def build_courses(self) -> None:
        index_fr, _index_en = self.pages["programme"]
        for item in self.plan.workshops:
            data = item.data
            partner = self.partners.get(data["partner"])
            image = self._course_image(data, f"Atelier · {data['age'][0]}-{data['age'][1]} ans")
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
            image = self._course_image(data, "Formation gratuite · sans diplôme")
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

    def _course_image(self, data: dict, kicker: str):
        first = data["schedule"]
        return self.images.get(
            key=f"course-{data['slug'][FR]}",
            title=f"Visuel — {data['title'][FR]}",
            alt=f"Visuel abstrait pour « {data['title'][FR]} »",
            draw=lambda rng: images.poster(
                rng,
                title=data["title"][FR],
                kicker=kicker,
                footer=f"{first['count']} séance(s) · gratuit · sur inscription",
            ),
        )

    @staticmethod
    def _course_texts(data: dict, lang: int) -> dict:
        return {
            "title": data["title"][lang],
            "summary": data["summary"][lang],
            "search_description": data["summary"][lang],
        }

    # Settings ----------------------------------------------------------------

    def build_settings(self) -> None:
        site = Site.objects.get(is_default_site=True)
        org = OrganisationSettings.for_site(site)
        for name, value in content.ORGANISATION.items():
            setattr(org, name, value)
        org.booking_terms_page = self.pages["booking_terms"][FR]
        org.accessibility_page = self.pages["accessibility"][FR]
        org.legal_page = self.pages["legal"][FR]
        org.privacy_page = self.pages["privacy"][FR]
        org.save()
        self.log("Organisation settings: 1/1")


def ensure_admin() -> bool:
    """The local login printed by ``make run``; never touches an existing account."""
    user_model = get_user_model()
    if user_model.objects.filter(username=ADMIN_USERNAME).exists():
        return False
    user_model.objects.create_superuser(
        ADMIN_USERNAME, email="admin@fabrique.example", password=ADMIN_PASSWORD
    )
    return True


def build_demo(*, seed: int, now: datetime, log: Callable[..., None]) -> dict[str, int]:
    from .plan import make_plan

    return DemoBuilder(make_plan(seed=seed, now=now), log=log).build()
