"""Domain errors of training applications: raised by ``training.services``,
turned into messages by the public view and the admin edit view."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from core.dates import natural_datetime


class ApplicationError(Exception):
    """An application or a decision that the rules refuse; ``message`` is shown."""

    message = _("This application could not be recorded.")

    def __str__(self):
        return str(self.message)


class ApplicationsClosed(ApplicationError):
    def __init__(self, deadline):
        super().__init__()
        self.deadline = deadline

    @property
    def message(self):
        return _("Applications for this module closed on %(date)s.") % {
            "date": natural_datetime(self.deadline)
        }


class AlreadyApplied(ApplicationError):
    """One application per email per module; ``application`` is the existing one."""

    message = _(
        "We already have your application for this module: there is no need to send it "
        "again. We will answer you by email."
    )

    def __init__(self, application=None):
        super().__init__()
        self.application = application


class InvalidDecision(ApplicationError):
    def __init__(self, current, wanted):
        super().__init__()
        self.current, self.wanted = current, wanted

    @property
    def message(self):
        return _("An application cannot go from “%(current)s” to “%(wanted)s”.") % {
            "current": self.current.label,
            "wanted": self.wanted.label,
        }


class ModuleFull(ApplicationError):
    def __init__(self, places):
        super().__init__()
        self.places = places

    @property
    def message(self):
        return ngettext(
            "The only place of this module is taken: move the accepted applicant to the "
            "waiting list or decline them before accepting another.",
            "All %(places)s places of this module are taken: move an accepted applicant "
            "to the waiting list or decline them before accepting another.",
            self.places,
        ) % {"places": self.places}


class WithdrawalClosed(ApplicationError):
    """The module has started, or the application is no longer in the running."""

    message = _("This application can no longer be withdrawn.")
