"""Page titles are single-line, for every page type.

A title ends up in email headers (the subject of Wagtail's review notifications, of the
booking emails): a line break there is a header injection, which Django refuses with
BadHeaderError, so the email is never sent. The check sits on the fields of Wagtail's
``Page`` itself, so every page type, the admin's forms and any other ``full_clean``
refuse such a value with a message on the field.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Page fields whose value can end in a header: the title (also the draft title and the
# admin's display title) and the title for search engines.
SINGLE_LINE_PAGE_FIELDS = ("title", "seo_title")


def validate_single_line(value: str) -> None:
    # Any character splitlines() breaks at: \r and \n, and \v, \f, \x1c-\x1e, \x85,
    # \u2028, \u2029, which some mail and display software also treat as line ends.
    if value and (value + "x").splitlines() != [value + "x"]:
        raise ValidationError(
            _("This must fit on a single line: remove the line breaks."), code="multi_line"
        )


def require_single_line_page_titles() -> None:
    """Add the check to the fields' default validators: unlike ``validators``, these are
    not part of the field's definition, so Wagtail's migrations stay as they are."""
    from wagtail.models import Page

    for name in SINGLE_LINE_PAGE_FIELDS:
        field = Page._meta.get_field(name)
        if validate_single_line not in field.default_validators:
            field.default_validators = [*field.default_validators, validate_single_line]
            field.__dict__.pop("validators", None)  # cached on first use
