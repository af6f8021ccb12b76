"""Admin for residents: resident accounts for staff; for a resident, a first screen of
their own pages and a menu of only what they can use."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.action_menu import SubmitForModerationMenuItem
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component

from . import (
    admin_boundary,  # noqa: F401 (registers the chooser, report, bulk hooks)
    admin_views,
)
from .selectors import resident_pages_status

# What a resident can use; everything else is left out of their menu.
RESIDENT_MENU = {"explorer", "images", "documents"}
ADMIN_ACCESS = "wagtailadmin.access_admin"


def resident_account(user):
    return getattr(user, "resident_account", None)


@hooks.register("register_admin_urls")
def register_account_urls():
    return [
        path(
            "resident-accounts/",
            include((admin_views.urlpatterns, "resident_accounts"), namespace="resident_accounts"),
        )
    ]


class AccountsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_manage_residents(request.user)


@hooks.register("register_admin_menu_item")
def register_accounts_menu_item():
    return AccountsMenuItem(
        _("Resident accounts"),
        reverse("resident_accounts:index"),
        name="resident-accounts",
        icon_name="group",
        order=260,
    )


@hooks.register("construct_main_menu")
def resident_menu(request, menu_items):
    """Residents hold no model permission but admin access (their rights are on pages
    and collections): so does anyone this trims the menu for. Read from the permission
    cache the menu items have just filled, so no query is added to every admin page."""
    user = request.user
    if not user.is_superuser and user.get_all_permissions() <= {ADMIN_ACCESS}:
        menu_items[:] = [item for item in menu_items if item.name in RESIDENT_MENU]


class ResidentPagesPanel(Component):
    """A resident's pages, where each stands in the review, the staff's last comment,
    and how to write a good project page."""

    name = "resident_pages"
    template_name = "residents/admin/home_panel.html"
    order = 50

    def __init__(self, account):
        self.account = account

    def get_context_data(self, parent_context):
        return {
            "account": self.account,
            "pages": resident_pages_status(account=self.account),
            # The guide names the editor's buttons by the labels they carry, so it says
            # what the resident sees whatever Wagtail calls them in either language.
            "save_label": SAVE_LABEL,
            "submit_label": SUBMIT_LABEL,
        }


@hooks.register("construct_homepage_panels")
def resident_home_panels(request, panels):
    account = resident_account(request.user)
    if account is not None:
        panels[:] = [ResidentPagesPanel(account)]


# Wagtail labels the submit button with the workflow's name ("Submit to Resident
# review", translated by core.workflow_names); the button says what it does instead, as
# the residents' guide names it.
SUBMIT_LABEL = _("Submit for review")
# The editor's main button, as Wagtail's save_draft.html prints it (in Wagtail's words,
# so its catalogue and ours say the same).
SAVE_LABEL = _("Save draft")
RESUBMIT_LABEL = _("Submit again for review")


class SubmitForReviewMenuItem(SubmitForModerationMenuItem):
    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        state = page.current_workflow_state if page else None
        if state and state.status == state.STATUS_NEEDS_CHANGES:
            context["label"] = RESUBMIT_LABEL
        else:
            context["label"] = SUBMIT_LABEL
        return context


@hooks.register("construct_page_action_menu")
def label_submit_in_users_language(menu_items, request, context):
    for item in menu_items:
        if type(item) is SubmitForModerationMenuItem:
            item.__class__ = SubmitForReviewMenuItem
