"""The invitation link: Django's password-reset token, valid once and for a few days.

``InvitationTokenGenerator`` is Django's ``PasswordResetTokenGenerator`` with its own
salt (a password-reset token is no invitation, nor the reverse) and its own lifetime,
``RESIDENT_INVITATION_DAYS``. Its hash covers the password and the last login, so the
link stops working once a password is chosen, and the account being active, so a
deactivated resident's link stops too. Sending the invitation again does not change any
of these: the earlier link keeps working until it expires, as before.

The link carries the user's id and the token in one path segment,
``<uidb64>.<timestamp>-<hash>`` ("." is in neither part's alphabet), so the URL keeps
its shape ``/invitation/<token>/``. Links made before this generator (a signed value
with colons) do not parse and get the "no longer valid" page.
"""

from datetime import UTC, datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.crypto import constant_time_compare
from django.utils.encoding import force_bytes
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode

SEPARATOR = "."


class InvitationTokenGenerator(PasswordResetTokenGenerator):
    key_salt = "residents.invitations.InvitationTokenGenerator"

    def _make_hash_value(self, user, timestamp):
        return f"{super()._make_hash_value(user, timestamp)}{user.is_active}"

    def check_token(self, user, token):
        """Django's check with our lifetime: Django's own reads PASSWORD_RESET_TIMEOUT
        (three days), which is the password-reset link's, not the invitation's."""
        if not (user and token):
            return False
        try:
            timestamp = base36_to_int(token.split("-")[0])
        except ValueError:
            return False
        made_here = any(
            constant_time_compare(self._make_token_with_timestamp(user, timestamp, secret), token)
            for secret in [self.secret, *self.secret_fallbacks]
        )
        age = self._num_seconds(self._now()) - timestamp
        return made_here and age <= settings.RESIDENT_INVITATION_DAYS * 24 * 3600

    def _now(self):
        # Django counts in local wall-clock time, which jumps an hour at each change
        # of clocks (a link would last an hour more or less): count in UTC.
        return datetime.now(UTC).replace(tzinfo=None)


invitation_tokens = InvitationTokenGenerator()


def invitation_token(user) -> str:
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    return f"{uidb64}{SEPARATOR}{invitation_tokens.make_token(user)}"


def user_for_invitation(token: str):
    """The active user the token was made for, or ``None`` when it is forged, expired
    or already used."""
    uidb64, separator, user_token = token.partition(SEPARATOR)
    if not separator:
        return None
    try:
        user_id = int(urlsafe_base64_decode(uidb64).decode())
    except (ValueError, UnicodeDecodeError):
        return None
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    if user is None or not invitation_tokens.check_token(user, user_token):
        return None
    return user
