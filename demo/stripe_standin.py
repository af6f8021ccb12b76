"""A stand-in for the part of Stripe's API the site calls, served on 127.0.0.1.

It checks what the site sends the way Stripe would (authentication, required and
consistent parameters) and answers with objects shaped like Stripe's; every request is
kept in ``requests`` for the tests to read. ``fail_with`` makes it answer an error.
Also here: webhook payloads signed exactly as Stripe signs them.

The demo (``make run`` without Stripe keys) runs it too, with ``webhook_url``: its
Checkout Sessions then point to a test-mode payment page served here, whose button
sends the site the signed events Stripe would and returns to the site, so a newcomer
sees the whole donation flow without keys or network. ``python -m demo.stripe_standin``.
"""

import argparse
import hashlib
import hmac
import html
import json
import threading
import time
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

SECRET_KEY = "sk_test_standin"
WEBHOOK_SECRET = "whsec_standin"


class StripeStandIn:
    def __init__(self, *, port: int = 0, webhook_url: str = ""):
        self.webhook_url = webhook_url
        self.sessions: dict[str, dict] = {}
        self.requests: list[tuple[str, dict]] = []
        self.fail_with: int | None = None
        self._count = 0
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", port), self._handler())
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def next_id(self, prefix: str) -> str:
        with self._lock:
            self._count += 1
            return f"{prefix}_test_{self._count:04d}"

    def params(self, path: str) -> list[dict]:
        return [params for request_path, params in self.requests if request_path == path]

    def _handler(self):
        standin = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def answer(self, status: int, body: dict):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Request-Id", standin.next_id("req"))
                self.end_headers()
                self.wfile.write(data)

            def error(self, status: int, message: str, kind="invalid_request_error"):
                self.answer(status, {"error": {"type": kind, "message": message}})

            def do_GET(self):
                session = standin.sessions.get(self.path.removeprefix("/c/pay/"))
                if session is None:
                    return self.error(404, "No such checkout session.")
                page = payment_page(session).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(page)))
                self.end_headers()
                self.wfile.write(page)

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                params = dict(parse_qsl(self.rfile.read(length).decode(), keep_blank_values=True))
                if self.path.startswith("/c/pay/"):
                    return self.pay(self.path.removeprefix("/c/pay/"))
                standin.requests.append((self.path, params))
                if self.headers.get("Authorization") != f"Bearer {SECRET_KEY}":
                    return self.error(401, "Invalid API Key provided.", "authentication_error")
                if standin.fail_with:
                    return self.error(standin.fail_with, "Something went wrong.", "api_error")
                routes = {
                    "/v1/checkout/sessions": checkout_session,
                    "/v1/billing_portal/sessions": portal_session,
                }
                route = routes.get(self.path)
                if route is None:
                    return self.error(404, f"Unrecognized request URL (POST: {self.path}).")
                problem, body = route(standin, params)
                if problem:
                    return self.error(400, problem)
                return self.answer(200, body)

            def pay(self, session_id: str):
                """The donor paid on the test page: the site hears it as from Stripe."""
                session = standin.sessions.get(session_id)
                if session is None:
                    return self.error(404, "No such checkout session.")
                for payload in paid_events(session):
                    standin.send_webhook(payload)
                self.send_response(303)
                self.send_header(
                    "Location",
                    session["success_url"].replace("{CHECKOUT_SESSION_ID}", session_id),
                )
                self.end_headers()

        return Handler

    def send_webhook(self, payload: dict) -> None:
        body = json.dumps(payload)
        request = urllib.request.Request(
            self.webhook_url,
            data=body.encode(),
            headers={"Content-Type": "application/json", "Stripe-Signature": signature(body)},
        )
        with urllib.request.urlopen(request, timeout=10):
            pass


def payment_page(session: dict) -> str:
    euros = f"{session['amount_total'] / 100:.2f} €"
    monthly = " / mois · per month" if session["mode"] == "subscription" else ""
    return (
        '<!doctype html><html lang="fr"><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width">'
        "<title>Paiement de test · Test payment</title>"
        '<body style="font-family:sans-serif;max-width:30rem;margin:3rem auto">'
        "<p><strong>Mode test · Test mode</strong>: aucun paiement réel, no real payment.</p>"
        f"<h1>{html.escape(euros + monthly)}</h1>"
        f"<p>{html.escape(session['email'])}</p>"
        '<form method="post"><button type="submit">Payer · Pay</button></form>'
        f'<p><a href="{html.escape(session["cancel_url"])}">Annuler · Cancel</a></p>'
    )


def paid_events(session: dict) -> list[dict]:
    """What Stripe sends once a Checkout Session is paid: the session completed, and
    for a monthly gift the subscription's first invoice paid."""
    monthly = session["mode"] == "subscription"
    key = session["metadata"]["donation"]
    suffix = session["id"].rsplit("_", 1)[-1]
    events = [
        event(
            "checkout.session.completed",
            {
                "id": session["id"],
                "object": "checkout.session",
                "mode": session["mode"],
                "amount_total": session["amount_total"],
                "currency": "eur",
                "client_reference_id": key,
                "customer": f"cus_test_{suffix}",
                "payment_intent": None if monthly else f"pi_test_{suffix}",
                "subscription": f"sub_test_{suffix}" if monthly else None,
                "payment_status": "paid",
                "metadata": {"donation": key},
            },
        )
    ]
    if monthly:
        events.append(
            event(
                "invoice.paid",
                {
                    "id": f"in_test_{suffix}",
                    "object": "invoice",
                    "customer": f"cus_test_{suffix}",
                    "amount_due": session["amount_total"],
                    "amount_paid": session["amount_total"],
                    "currency": "eur",
                    "billing_reason": "subscription_create",
                    "status_transitions": {"paid_at": int(time.time())},
                    "parent": {
                        "type": "subscription_details",
                        "subscription_details": {
                            "subscription": f"sub_test_{suffix}",
                            "metadata": {"donation": key},
                        },
                    },
                },
            )
        )
    return events


def checkout_session(standin: StripeStandIn, p: dict) -> tuple[str, dict]:
    """What Stripe refuses, then a Checkout Session."""
    item = "line_items[0][price_data]"
    for key in ("mode", "success_url", "cancel_url", f"{item}[unit_amount]"):
        if not p.get(key):
            return f"Missing required param: {key}.", {}
    if p.get(f"{item}[currency]") != "eur" or p.get("line_items[0][quantity]") != "1":
        return "Invalid currency or quantity.", {}
    if not p[f"{item}[unit_amount]"].isdigit() or int(p[f"{item}[unit_amount]"]) < 50:
        return "unit_amount must be an integer of at least 50 cents.", {}
    if not p.get(f"{item}[product_data][name]"):
        return "Missing required param: product_data[name].", {}
    if p.get("locale") not in ("fr", "en", "auto"):
        return "Invalid locale.", {}
    if not p["success_url"].startswith(("http://", "https://")):
        return "Not a valid URL: success_url.", {}
    if p["mode"] == "payment":
        if p.get("submit_type") != "donate" or f"{item}[recurring][interval]" in p:
            return "A donation is a payment with submit_type=donate, without recurring.", {}
    elif p["mode"] == "subscription":
        if p.get(f"{item}[recurring][interval]") != "month":
            return "A subscription needs a recurring price.", {}
        if "submit_type" in p or any(key.startswith("payment_intent_data") for key in p):
            return "submit_type and payment_intent_data are for payment mode only.", {}
    else:
        return "Invalid mode.", {}
    session_id = standin.next_id("cs")
    # Served here when the demo runs the stand-in; tests only read the address.
    page = standin.url if standin.webhook_url else "https://checkout.stripe.com"
    session = {
        "id": session_id,
        "object": "checkout.session",
        "mode": p["mode"],
        "amount_total": int(p[f"{item}[unit_amount]"]),
        "currency": "eur",
        "metadata": {"donation": p.get("metadata[donation]", "")},
        "url": f"{page}/c/pay/{session_id}",
    }
    standin.sessions[session_id] = {
        **session,
        "email": p.get("customer_email", ""),
        "success_url": p["success_url"],
        "cancel_url": p["cancel_url"],
    }
    return "", session


def portal_session(standin: StripeStandIn, p: dict) -> tuple[str, dict]:
    if not p.get("customer", "").startswith("cus_") or not p.get("return_url"):
        return "Missing customer or return_url.", {}
    session_id = standin.next_id("bps")
    return "", {
        "id": session_id,
        "object": "billing_portal.session",
        "customer": p["customer"],
        "url": f"https://billing.stripe.com/p/session/{session_id}",
    }


# Webhooks -------------------------------------------------------------------------


def signature(payload: str, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None):
    """The Stripe-Signature header: t=<unix time>,v1=<HMAC-SHA256 of "t.payload">."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(
        secret.encode(), f"{timestamp}.{payload}".encode(), hashlib.sha256
    ).hexdigest()
    return f"t={timestamp},v1={digest}"


def event(kind: str, obj: dict, *, event_id: str | None = None) -> dict:
    event.count = getattr(event, "count", 0) + 1
    return {
        "id": event_id or f"evt_test_{event.count:05d}_{kind.replace('.', '_')}",
        "object": "event",
        "api_version": "2025-09-30.clover",
        "created": int(time.time()),
        "livemode": False,
        "type": kind,
        "data": {"object": obj},
    }


def checkout_completed(donation, *, payment_status="paid", kind="checkout.session.completed"):
    monthly = donation.frequency == "monthly"
    return event(
        kind,
        {
            "id": donation.stripe_checkout_session_id,
            "object": "checkout.session",
            "mode": "subscription" if monthly else "payment",
            "amount_total": donation.amount,
            "currency": "eur",
            "client_reference_id": str(donation.key),
            "customer": f"cus_{donation.pk}",
            "payment_intent": None if monthly else f"pi_{donation.pk}",
            "subscription": f"sub_{donation.pk}" if monthly else None,
            "payment_status": payment_status,
            "metadata": {"donation": str(donation.key)},
        },
    )


def invoice(donation, number: int, *, kind="invoice.paid", paid_at: int | None = None):
    """The clover shape: the subscription and its metadata under parent."""
    return event(
        kind,
        {
            "id": f"in_{donation.pk}_{number}",
            "object": "invoice",
            "customer": f"cus_{donation.pk}",
            "amount_due": donation.amount,
            "amount_paid": donation.amount if kind == "invoice.paid" else 0,
            "currency": "eur",
            "billing_reason": "subscription_create" if number == 1 else "subscription_cycle",
            "status_transitions": {"paid_at": paid_at if kind == "invoice.paid" else None},
            "parent": {
                "type": "subscription_details",
                "subscription_details": {
                    "subscription": f"sub_{donation.pk}",
                    "metadata": {"donation": str(donation.key)},
                },
            },
        },
    )


def charge_refunded(donation, *, payment_intent=None, amount_refunded=None):
    return event(
        "charge.refunded",
        {
            "id": f"ch_{donation.pk}",
            "object": "charge",
            "amount": donation.amount,
            "amount_refunded": donation.amount if amount_refunded is None else amount_refunded,
            "refunded": amount_refunded is None,
            "payment_intent": payment_intent or f"pi_{donation.pk}",
            "metadata": {"donation": str(donation.key)},
        },
    )


def subscription_deleted(donation):
    return event(
        "customer.subscription.deleted",
        {
            "id": f"sub_{donation.pk}",
            "object": "subscription",
            "customer": f"cus_{donation.pk}",
            "status": "canceled",
            "ended_at": int(time.time()),
            "metadata": {"donation": str(donation.key)},
        },
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="The offline Stripe stand-in of the demo.")
    parser.add_argument("--port", type=int, default=8790)
    parser.add_argument("--webhook", required=True, help="the site's webhook address")
    arguments = parser.parse_args()
    standin = StripeStandIn(port=arguments.port, webhook_url=arguments.webhook)
    print(f"Stripe stand-in (test mode) on {standin.url}", flush=True)
    standin.server.serve_forever()


if __name__ == "__main__":
    main()
