"""Against a real SMTP server (aiosmtpd on 127.0.0.1): bookings made while it is down
lose no email; once it is back, the worker delivers every one of them, exactly once."""

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django_tasks import TaskResultStatus

from core.mail import outgoing_email
from events.bookings import Booking
from tests.conftest import NOW
from tests.core.mail_queue import DATABASE_QUEUE, run_worker, use_smtp
from tests.events.factories import ScreeningPageFactory, SessionFactory
from tests.events.test_booking_views import START, form_data
from tests.mail_server import MailServer

PEOPLE = ["ana@example.org", "bea@example.org", "chloe@example.org"]


@pytest.fixture
def mail_server(settings):
    server = MailServer()
    use_smtp(settings, server.port)
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_bookings_made_while_the_mail_server_is_down_are_all_emailed_once_it_is_back(
    bilingual_site, settings, mail_server
):
    settings.TASKS = DATABASE_QUEUE
    with time_machine.travel(NOW, tick=False) as clock:
        page = ScreeningPageFactory(parent=bilingual_site.programme, title="Les Ouvrières")
        session = SessionFactory(page=page, start=START, venue=bilingual_site.venue, places=10)
        mail_server.start()
        mail_server.stop()

        for email in PEOPLE:
            response = Client().post(page.url, form_data(session, email=email, seats="1"))
            assert response.status_code == 302
        run_worker()

        assert mail_server.inbox.envelopes == []
        retries = outgoing_email().filter(status=TaskResultStatus.READY)
        assert sorted(retry.args_kwargs["kwargs"]["to"][0] for retry in retries) == PEOPLE
        assert {retry.args_kwargs["kwargs"]["attempt"] for retry in retries} == {2}

        mail_server.start()
        clock.shift(timedelta(seconds=settings.EMAIL_RETRY_DELAYS[0] + 1))
        run_worker()
        run_worker()

    received = mail_server.inbox.envelopes
    assert sorted(recipient for envelope in received for recipient in envelope.rcpt_tos) == PEOPLE
    assert all(b"Les Ouvri" in envelope.content for envelope in received)
    assert Booking.objects.filter(status=Booking.Status.CONFIRMED).count() == 3
    assert (
        not outgoing_email()
        .filter(
            status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING, TaskResultStatus.FAILED]
        )
        .exists()
    )
