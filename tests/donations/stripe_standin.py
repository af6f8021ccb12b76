"""A stand-in for the part of Stripe's API the site calls, served on 127.0.0.1.

It checks what the site sends the way Stripe would (authentication, required and
consistent parameters) and answers with objects shaped like Stripe's; every request is
kept in ``requests`` for the tests to read. ``fail_with`` makes it answer an error.
Also here: webhook payloads signed exactly as Stripe signs them.
"""

import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl

SECRET_KEY = "sk_test_standin"
WEBHOOK_SECRET = "whsec_standin"


class StripeStandIn:
    def __init__(self):
        self.requests: list[tuple[str, dict]] = []
        self.fail_with: int | None = None
        self._count = 0
        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
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

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                params = dict(parse_qsl(self.rfile.read(length).decode(), keep_blank_values=True))
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

        return Handler


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
    return "", {
        "id": session_id,
        "object": "checkout.session",
        "mode": p["mode"],
        "amount_total": int(p[f"{item}[unit_amount]"]),
        "currency": "eur",
        "metadata": {"donation": p.get("metadata[donation]", "")},
        "url": f"https://checkout.stripe.com/c/pay/{session_id}",
    }


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
