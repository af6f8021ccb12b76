"""Benchmark: the /calendar.ics view against the icalendar library's own floor.

Run by hand (not in the suite):  .venv/bin/python bench/ical_feed.py [--sizes 1000 10000]

For each size it builds a throwaway SQLite database with that many sessions, then times
  - view:  GET /calendar.ics with the feed cache cleared before each request;
  - floor: icalendar alone building and serialising the same events from plain data
           already in memory (no database, no Django).
It prints both medians, their ratio (target: view within 1.5 x floor) and the view's
query count.
"""

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
PARIS = ZoneInfo("Europe/Paris")


def setup_django(db_path: str):
    os.environ["DJANGO_SETTINGS_MODULE"] = "fabrique.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_site(size: int):
    from wagtail.models import Locale, Page, Site

    from events.models import ProgrammeIndexPage, ScreeningDirector, ScreeningPage, Session, Venue
    from home.models import HomePage

    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Accueil", slug="accueil"))
    Site.objects.update(root_page=home)
    programme = home.add_child(instance=ProgrammeIndexPage(title="Programme", slug="programme"))
    venue = Venue.objects.create(
        name="Salle Jean Vigo",
        street_address="12 rue des Rosiers",
        postal_code="93400",
        city="Saint-Ouen-sur-Seine",
    )
    pages = []
    for i in range(50):
        page = ScreeningPage(
            title=f"Séance {i} — « mémoire ouvrière »",
            slug=f"seance-{i}",
            film_title=f"Film {i}",
            synopsis="<p>Une usine.</p>",
            summary="Un premier film, suivi d'une rencontre. " * 3,
        )
        page.directors.add(ScreeningDirector(name="Jeanne Dupont"))
        pages.append(programme.add_child(instance=page))
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    Session.objects.bulk_create(
        Session(
            page=pages[i % 50],
            event_key=pages[i % 50].translation_key,
            kind="screening",
            start=start + timedelta(hours=3 * i),
            end=start + timedelta(hours=3 * i + 2),
            venue=venue,
            modified_at=start,
        )
        for i in range(size)
    )


def plain_events(size: int):
    """The same events as plain data, as if already loaded."""
    start = datetime.now(UTC).replace(microsecond=0) + timedelta(days=1)
    return [
        {
            "uid": f"session-{i:032x}@fabrique.example",
            "summary": f"Séance {i % 50} — « mémoire ouvrière »",
            "start": (start + timedelta(hours=3 * i)).astimezone(PARIS),
            "end": (start + timedelta(hours=3 * i + 2)).astimezone(PARIS),
            "description": "Un premier film, suivi d'une rencontre. " * 3
            + f"\n\nhttp://testserver/programme/seance-{i % 50}/",
            "location": "Salle Jean Vigo, 12 rue des Rosiers, 93400 Saint-Ouen-sur-Seine",
            "url": f"http://testserver/programme/seance-{i % 50}/",
            "stamp": start,
        }
        for i in range(size)
    ]


def floor(events) -> bytes:
    from icalendar import Calendar, Event, Timezone

    calendar = Calendar()
    calendar.add("prodid", "-//bench//")
    calendar.add("version", "2.0")
    years = {e["start"].year for e in events} | {e["end"].year for e in events}
    calendar.add_component(
        Timezone.from_tzid(
            "Europe/Paris",
            first_date=datetime(min(years), 1, 1).date(),
            last_date=datetime(max(years) + 1, 1, 1).date(),
        )
    )
    for data in events:
        event = Event()
        event.add("uid", data["uid"])
        event.add("dtstamp", data["stamp"])
        event.add("sequence", 0)
        event.add("dtstart", data["start"])
        event.add("dtend", data["end"])
        event.add("status", "CONFIRMED")
        event.add("summary", data["summary"])
        event.add("description", data["description"])
        event.add("location", data["location"])
        event.add("url", data["url"])
        event.add("categories", ["Séance"])
        event.add("transp", "OPAQUE")
        event.add("class", "PUBLIC")
        calendar.add_component(event)
    return calendar.to_ical()


def median_time(func, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        func()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        setup_django(str(Path(tmp) / "bench.db"))
        from django.core.cache import cache
        from django.db import connection
        from django.test import Client

        from events.models import Session

        client = Client()
        built = 0
        for size in sorted(args.sizes):
            if built:
                Session.objects.all().delete()
                from wagtail.models import Page

                Page.objects.filter(depth__gt=1).delete()
            build_site(size)
            built = size

            def view():
                cache.clear()
                response = client.get("/calendar.ics")
                assert response.status_code == 200
                return response.content

            body = view()
            assert body.count(b"BEGIN:VEVENT") == size, body.count(b"BEGIN:VEVENT")
            queries = []

            def count(execute, sql, params, many, context, queries=queries):
                queries.append(sql)
                return execute(sql, params, many, context)

            with connection.execute_wrapper(count):
                view()
            events = plain_events(size)
            view_median = median_time(view, args.repeat)
            floor_median = median_time(lambda events=events: floor(events), args.repeat)
            print(
                f"sessions={size:>6}  view={view_median * 1000:8.1f} ms  "
                f"floor={floor_median * 1000:8.1f} ms  ratio={view_median / floor_median:4.2f}  "
                f"queries={len(queries)}"
            )


if __name__ == "__main__":
    main()
