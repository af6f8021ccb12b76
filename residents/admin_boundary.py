"""What the admin names to a user stops at what they may see (issue 19).

Wagtail's page chooser, its search, the page types report and the bulk-action
confirmation pages name pages, images and documents by title whatever the user's
permissions. Here:

- the page chooser (browsing, search, choosing several) lists only the pages
  ``pages_visible_in_chooser`` allows: live pages and those the user may edit;
- the page types report, which names the last page edited of each type across the
  site, is for staff who oversee every page;
- every bulk action's confirmation page names only the objects the user may act on;
  the others are counted, never named.

The chooser and report views are Wagtail's, subclassed, and served at Wagtail's own
addresses by ``urlpatterns`` (included before Wagtail's admin in fabrique/urls.py).
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import path
from django.views.decorators.cache import never_cache
from wagtail import hooks
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views import chooser
from wagtail.admin.views.pages import bulk_actions as page_bulk_actions
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportView
from wagtail.documents.views import bulk_actions as document_bulk_actions
from wagtail.images.views import bulk_actions as image_bulk_actions
from wagtail.models import Page
from wagtail.snippets import bulk_actions as snippet_bulk_actions
from wagtail.users.views import bulk_actions as user_bulk_actions
from wagtail.utils.urlpatterns import decorate_urlpatterns

from .selectors import pages_visible_in_chooser, user_oversees_pages

# --- the page chooser ----------------------------------------------------------------


@hooks.register("construct_page_chooser_queryset")
def chooser_shows_only_visible_pages(pages, request):
    return pages_visible_in_chooser(user=request.user, pages=pages)


class BrowseView(chooser.BrowseView):
    """Opening a page the user may not see is a 404, not its title in the header."""

    def get_object_list(self):
        visible = pages_visible_in_chooser(
            user=self.request.user, pages=Page.objects.filter(pk=self.parent_page.pk)
        )
        if not visible.exists():
            if "parent_page_id" in self.kwargs:
                raise Http404
            # The common parent of the wanted page types: start from the root instead.
            self.parent_page = Page.get_first_root_node().specific
        return super().get_object_list()


class ChosenMultipleView(chooser.ChosenMultipleView):
    """Ids the user may not see are dropped, not answered with their titles."""

    def get(self, request):
        visible = pages_visible_in_chooser(
            user=request.user, pages=Page.objects.filter(pk__in=_int_ids(request))
        )
        request.GET = request.GET.copy()
        request.GET.setlist("id", [str(pk) for pk in visible.values_list("pk", flat=True)])
        return super().get(request)


def _int_ids(request) -> list[int]:
    return [int(value) for value in request.GET.getlist("id") if value.isdigit()]


# --- the page types report -----------------------------------------------------------


class PageTypesReportView(PageTypesUsageReportView):
    def dispatch(self, request, *args, **kwargs):
        if not user_oversees_pages(user=request.user):
            raise PermissionDenied  # Wagtail's answer: the dashboard, with why
        return super().dispatch(request, *args, **kwargs)


@hooks.register("construct_reports_menu")
def page_types_report_for_staff(request, menu_items):
    if not user_oversees_pages(user=request.user):
        menu_items[:] = [item for item in menu_items if item.name != "page-types-usage"]


# --- bulk actions --------------------------------------------------------------------


class OnlyPermittedNamed:
    """A bulk action whose confirmation names only the objects the user may act on:
    ``left_out`` counts the others (and ids that match nothing, so the count tells
    nothing of what exists)."""

    def get_actionable_objects(self):
        requested = self.request.GET.getlist("id")
        try:
            objects, no_access = super().get_actionable_objects()
        except (Http404, ValueError):  # nothing matched, or ids that are not ids
            objects, no_access = [], {"items_with_no_access": []}
        if "all" in requested:
            self.left_out = len(no_access["items_with_no_access"])
        else:
            self.left_out = max(0, len(set(requested)) - len(objects))
        return objects, {"items_with_no_access": []}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["left_out"] = self.left_out
        return context


WAGTAIL_BULK_ACTIONS = [
    *(getattr(page_bulk_actions, name) for name in page_bulk_actions.__all__),
    *(getattr(image_bulk_actions, name) for name in image_bulk_actions.__all__),
    *(getattr(document_bulk_actions, name) for name in document_bulk_actions.__all__),
    *(getattr(user_bulk_actions, name) for name in user_bulk_actions.__all__),
    *(getattr(snippet_bulk_actions, name) for name in snippet_bulk_actions.__all__),
]

for action_class in WAGTAIL_BULK_ACTIONS:
    # Registered after Wagtail's own (a higher order), so these take their place.
    hooks.register(
        "register_bulk_action",
        type(action_class.__name__, (OnlyPermittedNamed, action_class), {}),
        order=100,
    )


# --- Wagtail's addresses, these views ------------------------------------------------

urlpatterns = decorate_urlpatterns(
    [
        path("choose-page/", BrowseView.as_view()),
        path("choose-page/<int:parent_page_id>/", BrowseView.as_view()),
        path("choose-page/chosen-multiple/", ChosenMultipleView.as_view()),
        path("reports/page-types-usage/", PageTypesReportView.as_view()),
        path(
            "reports/page-types-usage/results/",
            PageTypesReportView.as_view(results_only=True),
        ),
    ],
    lambda view: never_cache(require_admin_access(view)),
)
