"""Settings > People's data: staff enter an email and download every record about that
person (JSON), or erase them; each request is logged and listed here. Needs the
``core.manage_personal_data`` permission."""

import json

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .models import PersonalDataRequest
from .personal_data import (
    ErasureRefused,
    personal_data_erase,
    personal_data_export,
    personal_data_sources,
)

PERMISSION = "core.manage_personal_data"


class PersonalDataForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("The person's email"), max_length=254)
    confirm = forms.BooleanField(
        label=gettext_lazy("I have checked who is asking: erase this person's records"),
        required=False,
    )


class PersonalDataView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "core/admin/personal_data.html"
    page_title = gettext_lazy("People's data")
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", PersonalDataForm())
        context["sources"] = [source.label for source in personal_data_sources()]
        context["requests"] = PersonalDataRequest.objects.select_related("requested_by")[:50]
        return context

    def post(self, request, *args, **kwargs):
        form = PersonalDataForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        email = form.cleaned_data["email"]
        if request.POST.get("action") == "erase":
            if not form.cleaned_data["confirm"]:
                form.add_error("confirm", _("Tick this box to confirm the erasure."))
                return self.render_to_response(self.get_context_data(form=form), status=400)
            try:
                counts = personal_data_erase(email=email, user=request.user)
            except ErasureRefused as refused:
                form.add_error(None, " ".join(str(reason) for reason in refused.reasons))
                return self.render_to_response(self.get_context_data(form=form), status=409)
            messages.success(
                request,
                _("%(email)s erased: %(count)d records.")
                % {"email": email, "count": sum(counts.values())},
            )
            return self.render_to_response(self.get_context_data())
        data = personal_data_export(email=email, user=request.user)
        response = HttpResponse(
            json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="personal-data.json"'
        return response


urlpatterns = [path("", PersonalDataView.as_view(), name="index")]
