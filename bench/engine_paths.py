"""Queries and CPU time of each path of the reservation engine (``events.engine``).

    .venv/bin/pytest bench/engine_paths.py -p no:randomly -q -s

Run by hand, never in the suite (pytest collects it only when named); results go to
docs/benchmarks.md. On the test database: a workshop series (3 sessions of 10
places) takes 30 registrations, 5 confirmed ones cancel; a screening of 10 places with
9 seats booked and 4 waiting takes 30 one-seat requests (the slow path: the claim
fails while someone waits), then the 9 seats cancel; a module accepts 30 applicants.
For each path it prints the query counts seen and the process CPU time per call (the
machine may be shared). It fails if a path did not do what it is measured for.
To compare with an older tree, ``git archive`` it into a temporary directory and run
this file there.
"""

import time
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.bookings import Booking
from events.services import booking_cancel, booking_create
from tests.conftest import build_bilingual_site
from tests.events.factories import ScreeningPageFactory, SessionFactory
from tests.workshops.factories import TrainingModulePageFactory, WorkshopPageFactory
from training.models import Application
from training.services import application_decide
from workshops.registrations import Registration
from workshops.services import registration_cancel, registration_create

N = 30


def measure(label, calls) -> None:
    queries, cpu = set(), 0.0
    for call in calls:
        with CaptureQueriesContext(connection) as captured:
            started = time.process_time()
            call()
            cpu += time.process_time() - started
        queries.add(len(captured.captured_queries))
    print(f"{label}: queries {sorted(queries)}, CPU {1000 * cpu / len(calls):.2f} ms/call")


def test_engine_paths(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    site = build_bilingual_site()
    start = timezone.now() + timedelta(days=7)

    workshop = WorkshopPageFactory(parent=site.programme, is_series=True, age_min=9, age_max=13)
    for week in range(3):
        SessionFactory(
            page=workshop, venue=site.venue, places=10, start=start + timedelta(weeks=week)
        )
    registrations = []

    def register(n):
        registrations.append(
            registration_create(
                workshop=workshop,
                child_first_name=f"Child{n}",
                child_birth_date=date(2016, 5, 1),
                guardian_first_name="Guardian",
                guardian_last_name=str(n),
                email=f"g{n}@example.org",
                phone="06 12 34 56 78",
                language="fr",
                participation_consent=True,
            )
        )

    measure("registration, series", [lambda n=n: register(n) for n in range(N)])
    assert [r.status for r in registrations].count("confirmed") == 10
    measure(
        "registration cancelled (promotes)",
        [lambda r=r: registration_cancel(registration=r) for r in registrations[:5]],
    )
    assert Registration.objects.filter(workshop=workshop, status="confirmed").count() == 10

    screening = ScreeningPageFactory(parent=site.programme, booking_max_seats=10)
    session = SessionFactory(page=screening, venue=site.venue, places=10, start=start)
    book = {
        "first_name": "A",
        "last_name": "B",
        "language": "fr",
        "terms_accepted": True,
        "page": screening,  # as the view passes it
    }
    nine = booking_create(session=session, email="nine@example.org", seats=9, **book)
    booking_create(session=session, email="four@example.org", seats=4, **book)
    slow = []
    measure(
        "booking, slow path (fits, someone waits)",
        [
            lambda n=n: slow.append(
                booking_create(session=session, email=f"s{n}@example.org", seats=1, **book)
            )
            for n in range(N)
        ],
    )
    assert {b.status for b in slow} == {"waitlisted"}
    measure("booking cancelled (promotes)", [lambda: booking_cancel(booking=nine)])
    assert Booking.objects.get(email="four@example.org").status == "confirmed"

    module = TrainingModulePageFactory(
        parent=site.programme, places=N, application_deadline=start - timedelta(days=1)
    )
    SessionFactory(page=module, venue=site.venue, start=start)
    applicants = [
        Application.objects.create(
            module=module,
            first_name="A",
            last_name=str(n),
            email=f"a{n}@example.org",
            motivation="m",
            language="fr",
            status="shortlisted",
        )
        for n in range(N)
    ]
    staff = get_user_model().objects.create_user("staff", "staff@example.org", "x")
    measure(
        "training application accepted",
        [
            lambda a=a: application_decide(application=a, status="accepted", by_user=staff)
            for a in applicants
        ],
    )
    assert Application.objects.filter(module=module, status="accepted").count() == N
