"""Build (or rebuild in place) the bilingual demo site: ``manage.py seed_demo``."""

import os
import time

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

        def log(message: str, verbose: bool = False) -> None:
            if verbosity >= (2 if verbose else 1):
                self.stdout.write(message)

        stats = build_demo(seed=seed, now=timezone.now(), log=log)
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
