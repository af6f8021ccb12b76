"""Writes a :class:`~demo.plan.DemoPlan` into the database, French first.

Each section creates or updates the French object, then its English translation;
a second run with the same seed leaves the same site (see ``writers``).
"""

from collections.abc import Callable
from datetime import datetime
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import Locale, Page, Site
from wagtail.rich_text import RichText

from donations.models import DonationPage, DonationSettings
from events.models import ProgrammeIndexPage, Venue
from home.models import HomePage, OrganisationSettings, Partner, StandardPage
from residents.models import ResidentIndexPage, ResidentPage

from . import content, images
from .archive import build_archive
from .festival import build_festival
from .newsletter import build_newsletter
from .outcomes import build_outcomes
from .partners import build_partner_groups
from .plan import DemoPlan
from .premieres import build_premieres
from .recurring import build_wednesday_season
from .season import build_past_season
from .sections import ProgrammeSections
from .writers import (
    ImageWriter,
    deferred_indexing,
    demo_collection,
    upsert_page,
    upsert_snippet,
    upsert_snippet_translation,
    upsert_translation,
)

FR, EN = 0, 1
ADMIN_USERNAME = "admin"
ADMIN_PASSWORD = "fabrique-admin"
# One local login per staff group (groups made by events' migrations), to try who sees what.
STAFF_USERS = {"guichet": "Box office", "programme": "Programme team"}
STAFF_PASSWORD = "fabrique-staff"
# Two resident logins (French, English), each on the first residents' pages.
RESIDENT_USERS = {"residente": "fr", "resident2": "en"}
RESIDENT_PASSWORD = "fabrique-resident"


class DemoBuilder(ProgrammeSections):
    def __init__(
        self,
        plan: DemoPlan,
        *,
        log: Callable[..., None] | None = None,
        progress: Callable[[int, int], None] | None = None,
    ):
        self.plan = plan
        self.log = log or (lambda message, verbose=False: None)
        self.progress = progress or (lambda done, total: None)
        self.pages: dict[str, tuple[Page, Page]] = {}  # key -> (french, english)
        self.venues: dict[str, Venue] = {}
        self.partners: dict[str, tuple[Partner, Partner]] = {}
        self.residents: dict[str, tuple[ResidentPage, ResidentPage]] = {}
        self.stats: dict[str, int | list[str]] = {}

    def build(self) -> dict[str, int]:
        with transaction.atomic(), deferred_indexing():
            return self._build()

    def _build(self) -> dict[str, int]:
        self.fr = Locale.objects.get_or_create(language_code="fr")[0]
        self.en = Locale.objects.get_or_create(language_code="en")[0]
        self.images = ImageWriter(seed=self.plan.seed, collection=demo_collection())
        steps = [
            self.build_home,
            self.build_snippets,
            self.build_indexes,
            self.build_standard_pages,
            self.build_donation_page,
            # The home body links to pages that exist only now.
            lambda: self.set_bodies("home", content.HOME["body"]),
            self.build_residents,
            self.build_screenings,
            self.build_courses,
            lambda: build_archive(self),
            lambda: build_festival(self),
            lambda: build_past_season(self),
            lambda: build_wednesday_season(self),
            lambda: build_outcomes(self),
            build_newsletter,
            lambda: build_partner_groups(self),
            lambda: build_premieres(self),
            self.build_settings,
        ]
        for done, step in enumerate(steps, start=1):
            step()
            self.progress(done, len(steps))
        self.stats["images_removed"] = self.images.delete_unused()
        self.stats["images_drawn"] = self.images.drawn
        self.stats["admin_created"] = int(ensure_admin())
        self.stats["staff_created"] = ensure_staff_users()
        pages = [fr for fr, _en in self.residents.values()]
        self.stats["residents_created"] = ensure_resident_users(pages)
        return self.stats

    # Site root and home page -------------------------------------------------

    def build_home(self) -> None:
        data = content.HOME
        root = Page.get_first_root_node()
        hero = self.images.get(
            key="hero",
            title="Accueil — la Fabrique au crépuscule",
            alt="Illustration abstraite : un soleil sur des toits d’usine, au crépuscule.",
            draw=images.still,
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
            site = Site(is_default_site=True)
        # Emails and the sitemap build their links from the Site record, the door QR
        # code and the admin from WAGTAILADMIN_BASE_URL: the address the demo is served
        # at (``make run PORT=...`` sets it), so that both lead to the running site.
        site.hostname, site.port = site_address(settings.WAGTAILADMIN_BASE_URL)
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

    def build_donation_page(self) -> None:
        """/donate/ and /en/donate/: it says donations are closed until Stripe keys
        are set, and stays out of the menu until then."""
        home_fr, _home_en = self.pages["home"]
        data = content.DONATION_PAGE
        fields = {
            lang: {
                "title": data["title"][lang],
                "search_description": data["seo"][lang],
                "introduction": data["introduction"][lang],
                "thanks_message": data["thanks"][lang],
                "preset_amounts": "10 25 50 100",
                "monthly_enabled": True,
                "show_in_menus": True,
            }
            for lang in (FR, EN)
        }
        fr = upsert_page(home_fr, DonationPage, slug=data["slug"][FR], fields=fields[FR])
        en = upsert_translation(fr, self.en, slug=data["slug"][EN], fields=fields[EN])
        self.pages["donate"] = (fr, en)
        self.log("Donation page: 1/1 (fr + en)")

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
            elif kind == "retention_period":
                result.append((kind, None))
            elif kind == "quote":
                result.append(
                    (kind, {"text": value["text"][lang], "attribution": value["attribution"][lang]})
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
                    draw=images.still,
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
        donation_settings = DonationSettings.for_site(site)
        for name, value in content.DONATION_SETTINGS.items():
            setattr(donation_settings, name, value)
        donation_settings.save()
        self.log("Organisation settings: 1/1")


def site_address(base_url: str) -> tuple[str, int]:
    """Host name and port of a Wagtail Site serving ``base_url``."""
    parts = urlsplit(base_url)
    return parts.hostname or "localhost", parts.port or (443 if parts.scheme == "https" else 80)


def ensure_admin() -> bool:
    """The local login printed by ``make run``; never touches an existing account."""
    user_model = get_user_model()
    if user_model.objects.filter(username=ADMIN_USERNAME).exists():
        return False
    user_model.objects.create_superuser(
        ADMIN_USERNAME, email="admin@fabrique.example", password=ADMIN_PASSWORD
    )
    return True


def ensure_staff_users() -> list[str]:
    """A login in each staff group, if missing; never touches an existing account."""
    from django.contrib.auth.models import Group

    created = []
    for username, group_name in STAFF_USERS.items():
        user, was_created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": f"{username}@fabrique.example"}
        )
        if was_created:
            user.set_password(STAFF_PASSWORD)
            user.save()
            user.groups.add(Group.objects.get(name=group_name))
            created.append(username)
    return created


def ensure_resident_users(pages: list) -> list[str]:
    """Resident logins on the first resident pages, if missing: invited as staff would,
    with a password set (so no invitation email). Never touches an existing account."""
    from residents.models import ResidentAccount
    from residents.services import resident_invite

    created = []
    for (username, language), page in zip(RESIDENT_USERS.items(), pages, strict=False):
        if (
            get_user_model().objects.filter(username=username).exists()
            or ResidentAccount.objects.filter(page=page).exists()
        ):
            continue
        account = resident_invite(
            name=page.name, email=f"{username}@fabrique.example", language=language, page=page
        )
        account.user.username = username
        account.user.set_password(RESIDENT_PASSWORD)
        account.user.save()
        created.append(username)
    return created


def build_demo(
    *,
    seed: int,
    now: datetime,
    log: Callable[..., None],
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, int | list[str]]:
    from .plan import make_plan

    return DemoBuilder(make_plan(seed=seed, now=now), log=log, progress=progress).build()
