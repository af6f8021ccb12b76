"""The offline Stripe stand-in, shared with the demo (demo/stripe_standin.py)."""

from demo.stripe_standin import *  # noqa: F403
