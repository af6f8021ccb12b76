"""Training applications in the Wagtail admin.

Staff with ``view_application`` list, filter, search, export and read applications;
with ``change_application`` they change only the status and their own notes. What the
applicant wrote is shown read-only. A status change goes through
``training_services.application_decide`` (places, the applicant's email, the history),
never through a plain model save. Nobody adds or deletes an application here: they come
from the public form and are anonymised after the retention period.
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, MultiFieldPanel, ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.log_actions import LogFormatter, log
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from . import rules as rules
from . import services as services
from .exceptions import ApplicationError
from .models import Application


class ViewAndChangePermissionPolicy(ModelPermissionPolicy):
    """``view`` and ``change`` as the groups allow; ``add`` and ``delete`` for nobody."""

    allowed = {"view", "change"}

    def user_has_permission(self, user, action):
        return action in self.allowed and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, set(actions) & self.allowed)

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) & self.allowed)


register_permission_policy(Application, ViewAndChangePermissionPolicy(Application))


class ApplicationAdminForm(WagtailAdminModelForm):
    """Status limited to the moves the rules allow from the current one."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "status" in self.fields:
            allowed = rules.next_statuses(self.instance.status)
            self.fields["status"].choices = [
                (value, label) for value, label in Application.Status.choices if value in allowed
            ]
            self.fields["status"].widget = forms.RadioSelect(choices=self.fields["status"].choices)


applicant_panels = [
    FieldPanel(name, read_only=True)
    for name in (
        "module",
        "first_name",
        "last_name",
        "email",
        "phone",
        "motivation",
        "links",
        "availability",
        "language",
        "created_at",
        "decided_at",
    )
]

edit_handler = ObjectList(
    [
        MultiFieldPanel(applicant_panels, heading=_("What the applicant sent")),
        FieldPanel("status"),
        FieldPanel("staff_notes"),
    ],
    base_form_class=ApplicationAdminForm,
)


class ApplicationIndexView(generic.IndexView):
    def get_base_queryset(self):
        return super().get_base_queryset().select_related("module")


class ApplicationEditView(generic.EditView):
    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ApplicationError as error:
            # The decision was refused and its transaction rolled back: nothing changed.
            form.add_error("status", str(error))
            self.produced_error_message = str(error)
            return self.form_invalid(form)

    def save_instance(self):
        application = Application.objects.get(pk=self.object.pk)
        data = self.form.cleaned_data
        if data["staff_notes"] != application.staff_notes:
            services.application_update_notes(
                application=application, staff_notes=data["staff_notes"]
            )
            log(instance=application, action="wagtail.edit", user=self.request.user)
        return services.application_decide(
            application=application, status=data["status"], by_user=self.request.user
        )


class ApplicationViewSet(ModelViewSet):
    model = Application
    icon = "form"
    menu_label = _("Training applications")
    menu_order = 270
    add_to_admin_menu = True
    index_view_class = ApplicationIndexView
    edit_view_class = ApplicationEditView
    inspect_view_enabled = True
    copy_view_enabled = False
    edit_handler = edit_handler
    list_display = [
        "first_name",
        "last_name",
        "email",
        "module",
        "status",
        "created_at",
    ]
    list_filter = ["module", "status", "language"]
    search_fields = ["first_name", "last_name", "email"]
    search_backend_name = None
    list_export = [
        "module",
        "first_name",
        "last_name",
        "email",
        "phone",
        "language",
        "status",
        "created_at",
        "decided_at",
        "links",
        "availability",
        "motivation",
    ]
    export_filename = "training-applications"
    inspect_view_fields_exclude = ["email_key", "manage_token", "checkin_code"]


def register_log_actions(actions):
    @actions.register_action(services.DECIDE_ACTION)
    class DecisionFormatter(LogFormatter):
        label = _("Decide")

        def format_message(self, log_entry):
            try:
                return _("Status changed from “%(old)s” to “%(new)s”") % {
                    "old": Application.Status(log_entry.data["from"]).label,
                    "new": Application.Status(log_entry.data["to"]).label,
                }
            except (KeyError, ValueError):
                return _("Status changed")

    @actions.register_action(services.WITHDRAW_ACTION)
    class WithdrawalFormatter(LogFormatter):
        label = _("Withdraw")

        def format_message(self, log_entry):
            return _("Withdrawn by the applicant from their page")
