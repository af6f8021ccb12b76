from django.utils.translation import gettext_lazy as _


class FeedbackError(Exception):
    message = _("This feedback cannot be recorded.")


class FeedbackLinkInvalid(FeedbackError):
    message = _("This link is not valid. Please use the link from your email.")


class FeedbackLinkExpired(FeedbackError):
    message = _("This link has expired: thank you all the same.")


class FeedbackAlreadyGiven(FeedbackError):
    message = _("Thank you: your answer about this session is already recorded.")
