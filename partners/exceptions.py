from django.utils.translation import gettext_lazy as _


class GroupError(Exception):
    """A group request that cannot go on; ``message`` says why, in the user's language."""

    message = _("This group request cannot go on.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class OverQuota(GroupError):
    pass


class NotEnoughPlaces(GroupError):
    message = _("There are not enough places left on this session for the group.")


class SessionNotOpen(GroupError):
    message = _("This session no longer takes groups.")


class WrongStatus(GroupError):
    message = _("This request has already been answered.")
