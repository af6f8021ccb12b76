"""Editorial flags are for staff: whether a page is featured on the home page, shown in
the site's menus, or restricted (password, login, groups).

One permission, ``residents.set_editorial_flags`` (the programme team and
administrators hold it), governs all three wherever a page type lets people outside the
staff edit it. Its flag fields carry the permission in their panel: the editor neither
shows them nor takes them from a posted form, so a forged value is ignored and the page
keeps the one staff set. The privacy dialog (view restrictions) is refused through
Wagtail's own ``can_set_view_restrictions`` test, which hides its button as well.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.models import Page, PagePermissionTester

EDITORIAL_PERMISSION = "residents.set_editorial_flags"


def can_set_editorial_flags(user) -> bool:
    return user.has_perm(EDITORIAL_PERMISSION)


def editorial_promote_panels(*flags: str) -> list:
    """Wagtail's promote tab, its menu flag and ``flags`` (field names) for staff only."""
    search_engines = Page.promote_panels[0]  # slug, title tag, meta description
    return [
        search_engines,
        MultiFieldPanel(
            [
                FieldPanel(name, permission=EDITORIAL_PERMISSION)
                for name in ("show_in_menus", *flags)
            ],
            heading=_("Editorial choices (staff)"),
        ),
    ]


class EditorialPermissionTester(PagePermissionTester):
    def can_set_view_restrictions(self):
        return can_set_editorial_flags(self.user) and super().can_set_view_restrictions()


class EditorialFlagsMixin:
    """For page models that people outside the staff may edit (residents' pages)."""

    def permissions_for_user(self, user):
        return EditorialPermissionTester(user, self)
