"""Shared fixtures: a small bilingual site (French at /, English at /en/), frozen time.

The suite runs in parallel: ``make test`` starts pytest-xdist workers (``gw0``,
``gw1``...), each a process with its own test database (pytest-django adds the worker's
name to it, on SQLite and PostgreSQL; a copy of one migrated once a run, see
tests/databases.py) and its own ``MEDIA_ROOT``. Tests run side by
side with tests of other workers, so a test that starts a server or makes files keeps
to itself:

- a port: ``tests.mail_server.free_port()``, never a fixed number (and try another
  one if the server could not bind it, as ``served_site.serve`` does);
- files, and SQLite files for subprocesses: under ``tmp_path`` / ``tmp_path_factory``
  (a folder per worker), never in the repository;
- another PostgreSQL database: named after ``connection.settings_dict["NAME"]``, which
  carries the worker's suffix (see ``served_site.copy_test_database``);
- Redis: a redis-server of the test's own (``served_site.RedisServer``), or a key
  prefix of its own (``uuid4``) on the machine's Redis; never ``cache.clear()`` there;
- something slow every worker needs the same (the demo site): built once a run with
  ``tests.workers.built_once`` and copied by each worker.

The tests of a module run on one worker, so a module-scoped fixture is built once (see
``pytest_xdist_make_scheduler``).

Saves leave Wagtail's search and reference indexes as they are, unless the module is
marked ``wagtail_indexes``: a module that searches (the site's search, a chooser's or the
admin's) or reads usage counts marks itself, or finds nothing (``_wagtail_indexes``).
"""

import logging
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings
from django.utils import translation
from wagtail.models import Locale, Page, Site

from core.log_filters import OncePerInterval
from home.models import HomePage, OrganisationSettings
from tests.databases import drop_template, set_up_worker_database
from tests.events.factories import ProgrammeIndexPageFactory, VenueFactory
from tests.home.factories import HomePageFactory
from tests.residents.factories import ResidentIndexPageFactory
from tests.workers import run_folder, worker_id

PARIS = ZoneInfo("Europe/Paris")
# A Tuesday in late November: the next Wednesday is 25 November, winter time (+01:00).
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=PARIS)


@pytest.fixture(scope="session")
def django_db_setup(
    request,
    django_test_environment,
    django_db_blocker,
    django_db_keepdb,
    django_db_modify_db_settings,
    tmp_path_factory,
):
    """Under pytest-xdist, each worker's test database is a copy of one migrated once a
    run (tests/databases.py); otherwise, or with ``--reuse-db``, pytest-django's own."""
    if worker_id() == "main" or django_db_keepdb or request.config.getvalue("nomigrations"):
        request.getfixturevalue("django_db_setup")
        yield
        return
    from django.test.utils import teardown_databases

    shared = run_folder(tmp_path_factory)
    with django_db_blocker.unblock():
        databases = set_up_worker_database(shared)
    yield
    with django_db_blocker.unblock():
        teardown_databases(databases, verbosity=0)
        drop_template(shared)


@pytest.fixture(autouse=True)
def _site_language_after_each_test():
    """Each test starts in the site's default language (French), whatever the one before
    it activated: a test that leaves English on makes the next one's messages English."""
    yield
    translation.activate("fr")


@pytest.fixture(autouse=True)
def _log_throttles_start_fresh():
    """The once-a-minute log filters (core/log_filters.py) live as long as the process:
    each test starts as a new process would, so the error it provokes is logged."""
    throttles = [
        f for f in logging.getLogger("django_redis.cache").filters if isinstance(f, OncePerInterval)
    ]
    for throttle in throttles:
        throttle.reset()
    yield


@pytest.fixture(autouse=True, scope="module")
def _wagtail_indexes(request):
    """Saving a page, image or snippet updates Wagtail's search index and reference index
    (the admin's "usage"), a third of the time of many tests. Only a module marked
    ``wagtail_indexes`` (searches, choosers, usage counts) keeps them up to date, as on
    the site; elsewhere saves leave them as they are."""
    if request.node.get_closest_marker("wagtail_indexes") is not None:
        yield
        return
    from django.db.models.signals import post_save
    from modelsearch import index as search_index
    from modelsearch.signal_handlers import post_save_signal_handler
    from wagtail.signal_handlers import reference_index_auto_update_disabled

    searchable = [
        model
        for model in search_index.get_indexed_models()
        if getattr(model, "search_auto_update", True)
    ]
    for model in searchable:
        post_save.disconnect(post_save_signal_handler, sender=model)
    reference_index_auto_update_disabled.value = True
    yield
    reference_index_auto_update_disabled.value = False
    for model in searchable:
        post_save.connect(post_save_signal_handler, sender=model)


# Modules whose tests leave the database flushed (marked ``empties_database``): sent
# one test at a time, after the other modules, like the browser checks.
EMPTIES_DATABASE = {"tests/training/test_migration.py"}


def pytest_collection_modifyitems(items):
    """Browser checks last: their live server's flush leaves the database without the
    data migrations made, which the serialized-rollback tests elsewhere rely on; and the
    quick tests report first. After them, the tests that empty the database."""

    def rank(item) -> int:
        if item.get_closest_marker("empties_database") is not None:
            if item.nodeid.split("::", 1)[0] not in EMPTIES_DATABASE:
                raise pytest.UsageError(f"{item.nodeid}: list its module in EMPTIES_DATABASE")
            return 2
        return 1 if item.get_closest_marker("browser") is not None else 0

    items.sort(key=rank)
    refuse_module_data_beside_transactional_tests(items)


# Fixtures holding data open for a whole module (an outer transaction on the module).
MODULE_DATA = {"module_site", "module_site_content"}


def refuse_module_data_beside_transactional_tests(items) -> None:
    """A transactional test in a module that also builds ``module_site`` would run inside
    the module's open transaction (its commits and on_commit callbacks never happen) or
    flush the data the module's other tests share: such a module is refused at
    collection, naming the tests to split into another module."""
    by_module: dict[str, list] = {}
    for item in items:
        by_module.setdefault(item.nodeid.split("::", 1)[0], []).append(item)
    for module, tests in by_module.items():
        if not any(MODULE_DATA.intersection(getattr(t, "fixturenames", ())) for t in tests):
            continue
        transactional = [
            t.nodeid
            for t in tests
            if "transactional_db" in t.fixturenames
            or ((marker := t.get_closest_marker("django_db")) and marker.kwargs.get("transaction"))
        ]
        if transactional:
            raise pytest.UsageError(
                f"{module} shares module_site with transactional tests; move these to a "
                f"module of their own: {', '.join(transactional)}"
            )


@pytest.hookimpl(optionalhook=True)  # a hook of xdist's: unknown to pytest -p no:xdist
def pytest_xdist_make_scheduler(config, log):
    """In parallel, a module's tests go to one worker, in order, so what they share
    (``module_site``, the seeded demo, a served site) is built once; the browser checks,
    long and each on its own, go one by one to whichever worker is free. (xdist's own
    ``--dist loadgroup`` marks cannot do this under pytest 9, whose node ids it cannot
    extend.) Another ``--dist`` given on the command line is left to xdist."""
    if config.getvalue("dist") != "load":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class ModulesThenBrowserChecks(LoadScopeScheduling):
        """A unit of work is a run of one module's tests in collection order. pytest-django
        orders the transactional tests after all the others (their flush leaves the
        database without the data migrations made), so a module that has both is two
        units, and a worker never runs an ordinary test after a transactional one."""

        def _split_scope(self, nodeid: str) -> str:
            # First called for every test in collection order (``schedule``), later again
            # for each finished test: the answer must not change, so it is kept.
            scopes = self.__dict__.setdefault("_scopes", {})
            if nodeid not in scopes:
                module = nodeid.split("::", 1)[0]
                if module.startswith("tests/browser/") or module in EMPTIES_DATABASE:
                    scopes[nodeid] = nodeid
                else:
                    previous = self.__dict__.get("_previous")
                    runs = self.__dict__.setdefault("_runs", {})
                    if previous is None or previous[0] != module:
                        runs[module] = runs.get(module, 0) + 1
                    scopes[nodeid] = f"{module}#{runs[module]}"
                    self._previous = (module, nodeid)
            return scopes[nodeid]

    # In collection order: the browser checks and the tests that empty the database stay
    # last on every worker (see above).
    config.option.loadscopereorder = False
    return ModulesThenBrowserChecks(config, log)


def publish_translation(page, locale_code="en", **changes):
    """Copy ``page`` into another language as staff would, then publish the copy."""
    translated = page.copy_for_translation(Locale.objects.get(language_code=locale_code))
    for name, value in changes.items():
        setattr(translated, name, value)
    translated.save_revision().publish()
    return type(translated).objects.get(pk=translated.pk)


@dataclass
class BilingualSite:
    site: Site
    fr: Locale
    en: Locale
    home: HomePage
    home_en: HomePage
    programme: Page
    programme_en: Page
    residents: Page
    residents_en: Page
    venue: object
    venue_en: object
    extra: dict = field(default_factory=dict)


@pytest.fixture
def frozen_now():
    """Freeze the clock at ``NOW`` (Europe/Paris) for anything dated."""
    with time_machine.travel(NOW, tick=False):
        yield NOW


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def bilingual_site(db, media_root):
    """French home page as the default site's root, with an English translation, a
    programme and a resident directory in both languages, and one venue."""
    return build_bilingual_site()


def build_bilingual_site() -> BilingualSite:
    fr = Locale.objects.get(language_code="fr")
    en, _created = Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    welcome_pages = list(root.get_children())

    home = HomePageFactory(parent=root, locale=fr)
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    for page in welcome_pages:
        page.delete()
    home_en = publish_translation(home, title="Fabrique", introduction="An independent cinema.")

    programme = ProgrammeIndexPageFactory(parent=home)
    programme_en = publish_translation(programme, title="Programme", slug="whats-on")
    residents = ResidentIndexPageFactory(parent=home)
    residents_en = publish_translation(residents, title="Residents", slug="residents")

    venue = VenueFactory(locale=fr)
    venue_en = venue.copy_for_translation(en)
    venue_en.access = "Metro line 14, Mairie de Saint-Ouen."
    venue_en.save()

    OrganisationSettings.objects.update_or_create(
        site=site,
        defaults={
            "name": "Fabrique",
            "email": "bonjour@fabrique.example",
            "street_address": "12 rue des Rosiers",
            "postal_code": "93400",
            "city": "Saint-Ouen-sur-Seine",
        },
    )
    return BilingualSite(
        site=site,
        fr=fr,
        en=en,
        home=home,
        home_en=home_en,
        programme=programme,
        programme_en=programme_en,
        residents=residents,
        residents_en=residents_en,
        venue=venue,
        venue_en=venue_en,
    )


def paris(*args) -> datetime:
    """An aware datetime on the wall clock in Paris: ``paris(2026, 12, 2, 20)``."""
    return datetime(*args, tzinfo=PARIS)


@dataclass
class SiteContent:
    """One published page of every type, each with its English translation."""

    site: BilingualSite
    pages: dict  # name -> (French page, English page)


@contextmanager
def data_kept_for_the_module(django_db_blocker, tmp_path_factory):
    """Build data once for a module's tests: inside a transaction rolled back at the end,
    with time frozen and media in a temporary directory. Each test still runs in its own
    savepoint (request ``db``), so what a test changes is undone after it."""
    media = tmp_path_factory.mktemp("media")
    with (
        override_settings(MEDIA_ROOT=media),
        time_machine.travel(NOW, tick=False),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        try:
            yield
        finally:
            transaction.set_rollback(True)
            cache.clear()


@pytest.fixture(scope="module")
def module_site(django_db_setup, django_db_blocker, tmp_path_factory):
    """The bilingual site built once per module; more module data can be added by
    fixtures that request this one (inside ``django_db_blocker.unblock()``)."""
    with data_kept_for_the_module(django_db_blocker, tmp_path_factory):
        yield build_bilingual_site()


@pytest.fixture
def shared_site(db, module_site):
    """``module_site`` for one test: changes are rolled back after the test, but the
    Python objects are shared with the module's other tests, so refetch before changing."""
    return module_site


@pytest.fixture(scope="module")
def module_site_content(module_site, django_db_blocker):
    with django_db_blocker.unblock():
        return build_site_content(module_site)


@pytest.fixture
def site_content(db, module_site_content):
    """One published page of every type in French and English, built once per module;
    objects are shared between the module's tests, so refetch before changing one."""
    return module_site_content


def build_site_content(s: BilingualSite) -> "SiteContent":
    from tests.events.factories import ScreeningPageFactory, SessionFactory
    from tests.home.factories import ImageFactory, StandardPageFactory, standard_body
    from tests.residents.factories import ProjectPageFactory, ResidentPageFactory
    from tests.workshops.factories import TrainingModulePageFactory, WorkshopPageFactory

    standard = StandardPageFactory(
        parent=s.home, title="Accès", slug="acces", body=standard_body(ImageFactory())
    )
    screening = ScreeningPageFactory(parent=s.programme, title="Les Ouvrières", slug="ouvrieres")
    workshop = WorkshopPageFactory(parent=s.programme, title="Atelier stop motion", slug="stop")
    training = TrainingModulePageFactory(parent=s.programme, title="Étalonnage", slug="etalonnage")
    for page, start in [
        (screening, paris(2026, 12, 2, 20)),
        (workshop, paris(2026, 12, 9, 14)),
        (training, paris(2027, 1, 11, 10)),
    ]:
        SessionFactory(page=page, start=start, venue=s.venue)
    resident = ResidentPageFactory(
        parent=s.residents, name="Ana Ruiz", slug="ana-ruiz", disciplines=["editing"]
    )
    project = ProjectPageFactory(parent=resident, title="Mémoire d'usine", slug="memoire")
    pages = {
        "home": (s.home, s.home_en),
        "standard": (standard, publish_translation(standard, title="Access")),
        "programme": (s.programme, s.programme_en),
        "screening": (screening, publish_translation(screening, title="The Workers")),
        "workshop": (workshop, publish_translation(workshop, title="Stop-motion workshop")),
        "training": (training, publish_translation(training, title="Colour grading")),
        "residents": (s.residents, s.residents_en),
        "resident": (resident, publish_translation(resident)),
    }
    pages["project"] = (project, publish_translation(project, title="Factory memory"))
    return SiteContent(site=s, pages=pages)
