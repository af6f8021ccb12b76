"""The only calls the site makes to Stripe: create a Checkout Session, create a customer
portal session. Both are made server-side, with a short timeout and no retries (a donor
is waiting); ``STRIPE_API_BASE`` points the library elsewhere in tests."""

import stripe
from django.conf import settings

CHECKOUT_LOCALES = {"fr": "fr", "en": "en"}


def client() -> stripe.StripeClient:
    return stripe.StripeClient(
        settings.STRIPE_SECRET_KEY,
        base_addresses={"api": settings.STRIPE_API_BASE},
        max_network_retries=0,
        http_client=stripe.RequestsClient(timeout=settings.STRIPE_TIMEOUT),
    )


def checkout_session_create(
    *,
    key: str,
    monthly: bool,
    amount: int,
    product_name: str,
    email: str,
    language: str,
    success_url: str,
    cancel_url: str,
) -> dict:
    """A hosted payment page for ``amount`` cents in euros; ``key`` (our donation's)
    travels in the metadata of everything Stripe creates from it."""
    metadata = {"donation": key}
    price_data = {
        "currency": "eur",
        "unit_amount": amount,
        "product_data": {"name": product_name},
    }
    params = {
        "line_items": [{"price_data": price_data, "quantity": 1}],
        "customer_email": email,
        "locale": CHECKOUT_LOCALES.get(language, "auto"),
        "client_reference_id": key,
        "metadata": metadata,
        "success_url": success_url,
        "cancel_url": cancel_url,
    }
    if monthly:
        price_data["recurring"] = {"interval": "month"}
        params.update(mode="subscription", subscription_data={"metadata": metadata})
    else:
        params.update(
            mode="payment",
            submit_type="donate",
            customer_creation="always",
            payment_intent_data={"metadata": metadata},
        )
    session = client().v1.checkout.sessions.create(params)
    return {"id": session.id, "url": session.url}


def portal_session_create(*, customer: str, return_url: str, language: str) -> str:
    """The address of a customer portal session where a monthly donor changes their
    card or stops giving."""
    session = client().v1.billing_portal.sessions.create(
        {
            "customer": customer,
            "return_url": return_url,
            "locale": CHECKOUT_LOCALES.get(language, "auto"),
        }
    )
    return session.url
