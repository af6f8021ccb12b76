"""Domain errors of premieres and room requests: raised by ``premieres.services``,
shown as messages by the public form and the admin views."""

from django.utils.translation import gettext_lazy as _


class PremiereError(Exception):
    """A request or a decision that the rules refuse; ``message`` is shown."""

    message = _("This request could not be recorded.")

    def __init__(self, message=None):
        super().__init__()
        if message is not None:
            self.message = message

    def __str__(self):
        return str(self.message)


class DatesInPast(PremiereError):
    message = _("The dates wished must be today or later.")


class AlreadyDecided(PremiereError):
    message = _("This request has already been accepted or declined.")


class ProjectNotFinished(PremiereError):
    message = _("A premiere can be proposed once the film is in post-production or finished.")


class NotTheirProject(PremiereError):
    message = _("You can propose a premiere only from your own projects.")


class NoProgramme(PremiereError):
    message = _("There is no programme page to add the screening to.")
