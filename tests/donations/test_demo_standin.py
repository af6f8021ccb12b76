"""The demo's donations without keys: the offline stand-in's test-mode payment page,
its signed events accepted by the real webhook, and the settings that switch it on."""

import subprocess
import sys
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.test import TestCase

from donations.models import Donation

from . import stripe_standin as s
from .conftest import form_data

pytestmark = pytest.mark.django_db


class WebhookCatcher:
    """Where the stand-in sends its events: kept, then handed to the site's webhook
    through the test client (the test database is not shared with another thread)."""

    def __init__(self):
        self.received: list[tuple[str, str]] = []
        catcher = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"])).decode()
                catcher.received.append((body, self.headers["Stripe-Signature"]))
                self.send_response(200)
                self.end_headers()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/donate/webhook/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def demo_standin(settings):
    catcher = WebhookCatcher()
    with s.StripeStandIn(webhook_url=catcher.url) as standin:
        settings.STRIPE_SECRET_KEY = s.SECRET_KEY
        settings.STRIPE_WEBHOOK_SECRET = s.WEBHOOK_SECRET
        settings.STRIPE_API_BASE = standin.url
        yield standin, catcher
    catcher.close()


@pytest.mark.parametrize("frequency", ["one_off", "monthly"])
def test_a_demo_donor_pays_on_the_test_page_and_the_gift_is_paid(
    client, demo_standin, donation_page, frequency
):
    standin, catcher = demo_standin
    sent = client.post(donation_page.url, form_data(frequency=frequency, amount="25"))
    assert sent.status_code == 303
    payment_page = sent["Location"]
    assert payment_page.startswith(standin.url + "/c/pay/")

    page = urllib.request.urlopen(payment_page, timeout=5).read().decode()
    assert "Mode test" in page and "25.00 €" in page
    opener = urllib.request.build_opener(NoRedirect)
    with pytest.raises(urllib.error.HTTPError) as paid:
        opener.open(urllib.request.Request(payment_page, data=b"", method="POST"), timeout=5)
    assert paid.value.code == 303
    back = urlsplit(paid.value.headers["Location"])
    assert (back.path, back.query) == (donation_page.url, "status=thanks")

    assert catcher.received
    for body, signature in catcher.received:
        with TestCase.captureOnCommitCallbacks(execute=True):
            answer = client.post(
                "/donate/webhook/",
                data=body,
                content_type="application/json",
                HTTP_STRIPE_SIGNATURE=signature,
            )
        assert answer.status_code == 200
    donation = Donation.objects.get()
    assert donation.status == "paid"
    assert donation.payments.filter(status="paid").count() == 1
    assert [m.subject for m in mail.outbox] == ["Merci pour votre don à Fabrique"]
    assert client.get(f"{back.path}?{back.query}").status_code == 200


def dev_stripe_settings(**env) -> list[str]:
    script = (
        "from django.conf import settings;"
        "print(settings.STRIPE_SECRET_KEY, settings.STRIPE_WEBHOOK_SECRET,"
        " settings.STRIPE_API_BASE)"
    )
    environment = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "fabrique.settings.dev"}
    environment.update(env)
    done = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {script}"],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
    )
    return done.stdout.split()


def test_the_demo_uses_the_stand_in_only_without_real_keys():
    standin = "http://127.0.0.1:8790"
    assert dev_stripe_settings(STRIPE_STANDIN_URL=standin) == [
        "sk_test_standin",
        "whsec_standin",
        standin,
    ]
    assert dev_stripe_settings(
        STRIPE_STANDIN_URL=standin,
        STRIPE_SECRET_KEY="sk_test_real",
        STRIPE_WEBHOOK_SECRET="whsec_real",
    ) == ["sk_test_real", "whsec_real", "https://api.stripe.com"]
    assert dev_stripe_settings() == ["https://api.stripe.com"]
