"""The module page editor's summary of its applications: "accepted X / places Y".

Kept apart from ``training.viewsets`` because ``training.models`` imports it, so it
reads the Application model only when it runs.
"""

from django.db.models import Count
from django.urls import reverse
from wagtail.admin.panels import Panel


def application_counts(*, module_id: int) -> dict[str, int]:
    """Applications of a module per status, every status present (zero included)."""
    from .models import Application

    counts = dict(
        Application.objects.filter(module_id=module_id)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return {status: counts.get(status, 0) for status in Application.Status.values}


class ApplicationsSummaryPanel(Panel):
    """Accepted applicants against places, and a link to the applications for staff
    allowed to see them (counts carry no personal data)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "training/applications_panel.html"

        def is_shown(self):
            return bool(self.instance and self.instance.pk)

        def get_context_data(self, parent_context=None):
            from .models import Application
            from .services import module_for_page

            context = super().get_context_data(parent_context)
            module = module_for_page(self.instance)
            counts = application_counts(module_id=module.pk)
            context.update(
                module=module,
                accepted=counts[Application.Status.ACCEPTED],
                total=sum(counts.values()),
                counts=[
                    (label, counts[value])
                    for value, label in Application.Status.choices
                    if counts[value]
                ],
            )
            if self.request.user.has_perm("training.view_application"):
                context["listing_url"] = (
                    reverse("training_applications:index") + f"?module={module.pk}"
                )
            return context
