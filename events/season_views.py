"""Admin: create a season of sessions in one step (``events.recurrence``), from the
Sessions admin or from an event page's header in the editor (``?page=<id>``)."""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin import messages

from . import recurrence
from .season_forms import SeasonForm
from .staff_views import StaffView


class SeasonCreateView(StaffView):
    """Open to anyone in the admin; the form offers the pages and refuses those the user
    may not edit (sessions are part of their page)."""

    template_name = "events/admin/season_create.html"
    all_of = ("wagtailadmin.access_admin",)

    def get_page_title(self):
        return _("Create a season of sessions")

    def get_form(self):
        if self.request.method == "POST":
            return SeasonForm(self.request.POST, user=self.request.user)
        return SeasonForm(initial={"page": self.request.GET.get("page")}, user=self.request.user)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        data = form.cleaned_data
        try:
            created = recurrence.season_create(
                page=data["page"],
                season=form.season,
                places=data["places"],
                venue=data["venue"],
                attendance_mode=data["attendance_mode"],
                user=request.user,
            )
        except recurrence.SeasonRefused as refused:  # the clock moved since the form
            form.add_error(None, refused.message)
            return self.render_to_response(self.get_context_data(form=form))
        messages.success(
            request,
            ngettext(
                "%(count)s session created for “%(title)s”.",
                "%(count)s sessions created for “%(title)s”.",
                len(created),
            )
            % {"count": len(created), "title": data["page"].title},
        )
        return redirect("event_sessions:index")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", self.get_form())
        return super().get_context_data(**kwargs)


urlpatterns = [path("", SeasonCreateView.as_view(), name="create")]


def season_url(page=None) -> str:
    url = reverse("event_season:create")
    return f"{url}?page={page.pk}" if page is not None else url
