from django.contrib.auth import login
from django.contrib.auth.forms import SetPasswordForm
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from .invitations import user_for_invitation


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
@sensitive_post_parameters("new_password1", "new_password2")
def invitation(request, token):
    """Choose a password from the invitation link, then land in the admin, logged in.
    The page is in the language of the link (the resident's)."""
    user = user_for_invitation(token)
    if user is None:
        return TemplateResponse(request, "residents/invitation_invalid.html", status=410)
    form = SetPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        return redirect("wagtailadmin_home")
    response = TemplateResponse(request, "residents/invitation.html", {"form": form, "user": user})
    response["Referrer-Policy"] = "no-referrer"
    return response
