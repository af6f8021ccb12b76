from django.utils.translation import gettext_lazy as _


class FestivalError(Exception):
    message = _("This cannot be done.")


class LinkInvalid(FestivalError):
    message = _("This link is not valid. Please use the link from your email.")


class LinkExpired(FestivalError):
    message = _("This link has expired. Open the competition page from your email again.")


class NotVerified(FestivalError):
    message = _("Please confirm your email address first, with the link we sent you.")


class ViewingClosed(FestivalError):
    message = _("The films can only be watched during the viewing window.")


class VotingClosed(FestivalError):
    message = _("The vote is closed: your vote cannot be recorded.")


class UnknownFilm(FestivalError):
    message = _("This film is not in the competition.")
