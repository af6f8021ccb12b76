"""The invitation link: a signed token that expires and works once.

The token names the user and a fingerprint of the account's password and last login;
choosing a password (or logging in) changes both, so a used link stops working, like
Django's password-reset links. It expires after ``RESIDENT_INVITATION_DAYS``.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "residents.invitation"


def _fingerprint(user) -> str:
    state = f"{user.pk}:{user.password}:{user.last_login}:{user.is_active}"
    return salted_hmac(SALT, state).hexdigest()[:24]


def invitation_token(user) -> str:
    return signing.dumps([user.pk, _fingerprint(user)], salt=SALT)


def user_for_invitation(token: str):
    """The active user the token was made for, or ``None`` when it is forged, expired
    or already used."""
    max_age = settings.RESIDENT_INVITATION_DAYS * 24 * 3600
    try:
        user_id, fingerprint = signing.loads(token, salt=SALT, max_age=max_age)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not constant_time_compare(fingerprint, _fingerprint(user)):
        return None
    return user
