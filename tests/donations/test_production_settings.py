"""Production refuses to start with malformed Stripe keys (and starts without any)."""

import pytest

from tests.fabrique.test_settings import run_with


@pytest.mark.parametrize(
    ("keys", "message"),
    [
        ({"STRIPE_SECRET_KEY": "pk_live_abc", "STRIPE_WEBHOOK_SECRET": "whsec_x"},
         "STRIPE_SECRET_KEY is malformed"),
        ({"STRIPE_SECRET_KEY": "sk_tset_abc", "STRIPE_WEBHOOK_SECRET": "whsec_x"},
         "STRIPE_SECRET_KEY is malformed"),
        ({"STRIPE_SECRET_KEY": "sk_live_abc", "STRIPE_WEBHOOK_SECRET": "sk_live_abc"},
         "STRIPE_WEBHOOK_SECRET is missing or malformed"),
        ({"STRIPE_SECRET_KEY": "sk_live_abc"}, "STRIPE_WEBHOOK_SECRET is missing or malformed"),
        ({"STRIPE_WEBHOOK_SECRET": "whsec_x"}, "STRIPE_SECRET_KEY is not"),
    ],
)  # fmt: skip
def test_malformed_stripe_keys_stop_start_up_with_a_clear_message(keys, message):
    result = run_with(**keys)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


@pytest.mark.parametrize(
    "keys",
    [
        {},
        {"STRIPE_SECRET_KEY": "sk_test_abc", "STRIPE_WEBHOOK_SECRET": "whsec_abc"},
        {"STRIPE_SECRET_KEY": "rk_live_abc", "STRIPE_WEBHOOK_SECRET": "whsec_abc"},
    ],
)
def test_well_formed_or_absent_keys_start(keys):
    result = run_with(**keys)
    assert result.returncode == 0, result.stderr
