"""Build (or rebuild in place) the bilingual demo site: ``manage.py seed_demo``."""

import logging
import os
import time
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from demo.builder import (
    ADMIN_PASSWORD,
    ADMIN_USERNAME,
    RESIDENT_PASSWORD,
    STAFF_PASSWORD,
    STAFF_USERS,
    build_demo,
)

BAR_WIDTH = 30
NOISY_LOGGERS = ("wagtail", "django_tasks", "modelsearch")


@contextmanager
def quiet_loggers(*, enabled: bool):
    """Warnings and errors only from the loggers that report each save, while building."""
    loggers = [logging.getLogger(name) for name in NOISY_LOGGERS] if enabled else []
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def refuse_in_production() -> None:
    """The demo overwrites pages and site settings: never against a real site."""
    module = str(getattr(settings, "SETTINGS_MODULE", "") or "")
    if module.endswith("production") or os.environ.get("DJANGO_ENV") == "production":
        raise CommandError(
            "seed_demo refuses to run with production settings "
            f"(settings module “{module}”, DJANGO_ENV={os.environ.get('DJANGO_ENV', '')!r}): "
            "it would overwrite the site's pages and settings with demo content."
        )


class Command(BaseCommand):
    help = (
        "Create or update the demo site: French pages with English translations, "
        "residents, the next eight Wednesday screenings, workshops and training modules, "
        "and a local admin/fabrique-admin superuser if missing. Safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--seed", type=int, default=1, help="Same seed, same content (default: 1)."
        )

    def handle(self, *args, seed: int, verbosity: int, **options):
        refuse_in_production()
        started, cpu = time.monotonic(), time.process_time()

        on_terminal = self.stdout.isatty() and verbosity == 1
        summary: list[str] = []

        def log(message: str, verbose: bool = False) -> None:
            if verbosity >= (2 if verbose else 1):
                # On a terminal the bar is redrawn while building; the lines follow it.
                if on_terminal:
                    summary.append(message)
                else:
                    self.stdout.write(message)

        def progress(done: int, total: int) -> None:
            if on_terminal:
                bar = "█" * (done * BAR_WIDTH // total)
                self.stdout.write(
                    f"\rBuilding the demo site ▕{bar:░<{BAR_WIDTH}}▏ {done}/{total}", ending=""
                )
                self.stdout.flush()

        # Wagtail and the task queue log every page saved and task run (about a
        # thousand lines); -v 3 shows them.
        with quiet_loggers(enabled=verbosity < 3):
            stats = build_demo(seed=seed, now=timezone.now(), log=log, progress=progress)
        if on_terminal:
            self.stdout.write("")
            for line in summary:
                self.stdout.write(line)
        if stats.get("admin_created"):
            log(f"Superuser created: {ADMIN_USERNAME} / {ADMIN_PASSWORD}")
        for username in stats.get("staff_created", []):
            log(f"Staff login created ({STAFF_USERS[username]}): {username} / {STAFF_PASSWORD}")
        for username in stats.get("residents_created", []):
            log(f"Resident login created: {username} / {RESIDENT_PASSWORD}")
        log(
            f"Images: {stats['images_drawn']} drawn, {stats['images_removed']} removed; "
            f"screenings of another seed removed: {stats['screenings_removed']}",
            verbose=True,
        )
        if verbosity >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Demo site ready (seed {seed}) in {time.monotonic() - started:.1f} s "
                    f"({time.process_time() - cpu:.1f} s of CPU)."
                )
            )
