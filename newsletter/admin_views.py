"""The newsletter in the admin: subscribers (counts and the CSV export) and the
programme letters, written, previewed and sent."""

import csv

from django.contrib import messages
from django.db.models import Count
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from events.booking_export import neutralise_formula, paris_naive
from events.staff_views import StaffView

from . import services
from .emails import letter_sessions
from .forms import LetterForm
from .models import ProgrammeLetter, Subscriber

EXPORT = ("newsletter.export_subscriber",)
SEND = ("newsletter.add_programmeletter",)


def can_use_newsletter(user) -> bool:
    return user.has_perms(EXPORT) or user.has_perms(SEND)


class NewsletterStaffView(StaffView):
    header_icon = "mail"

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse("newsletter_admin:index"), "label": _("Newsletter")}
        ]


class IndexView(NewsletterStaffView):
    any_of = EXPORT + SEND
    template_name = "newsletter/admin/index.html"

    def get_page_title(self):
        return _("Newsletter")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        counts = dict(Subscriber.objects.values_list("status").annotate(n=Count("pk")).order_by())
        context["counts"] = [
            (label, counts.get(value, 0)) for value, label in Subscriber.Status.choices
        ]
        context["letters"] = ProgrammeLetter.objects.all()[:20]
        context["can_export"] = self.request.user.has_perms(EXPORT)
        context["can_send"] = self.request.user.has_perms(SEND)
        return context


class ExportView(NewsletterStaffView):
    all_of = EXPORT

    def get(self, request, *args, **kwargs):
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y-%m-%d")
        response["Content-Disposition"] = f'attachment; filename="newsletter-{stamp}.csv"'
        response.write("\ufeff")
        writer = csv.writer(response)
        writer.writerow(
            [
                _("Email"),
                _("Language"),
                _("Status"),
                _("Source"),
                _("Sign-up requested"),
                _("Consent given"),
                _("Unsubscribed"),
            ]
        )

        def when(value):
            return paris_naive(value).strftime("%Y-%m-%d %H:%M") if value else ""

        for subscriber in Subscriber.objects.order_by("email_key"):
            writer.writerow(
                [
                    neutralise_formula(subscriber.email),
                    subscriber.language,
                    subscriber.get_status_display(),
                    subscriber.get_source_display(),
                    when(subscriber.requested_at),
                    when(subscriber.confirmed_at),
                    when(subscriber.unsubscribed_at),
                ]
            )
        return response


class LetterCreateView(NewsletterStaffView):
    all_of = SEND
    template_name = "newsletter/admin/letter_form.html"

    def get_page_title(self):
        return _("New programme letter")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", LetterForm())
        return context

    def post(self, request, *args, **kwargs):
        form = LetterForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        letter = form.save(commit=False)
        letter.created_by = request.user
        letter.save()
        return HttpResponseRedirect(reverse("newsletter_admin:letter", args=[letter.pk]))


class LetterView(NewsletterStaffView):
    """A letter as each language's subscribers will read it, and the button to send."""

    all_of = SEND
    template_name = "newsletter/admin/letter.html"

    def get_letter(self):
        return get_object_or_404(ProgrammeLetter, pk=self.kwargs["pk"])

    def get_page_title(self):
        return self.get_letter().subject_fr

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        letter = self.get_letter()
        context["letter"] = letter
        context["previews"] = [
            (
                language,
                letter.subject(language),
                letter.introduction(language),
                letter_sessions(letter=letter, language=language),
            )
            for language in ("fr", "en")
        ]
        context["subscribed"] = Subscriber.objects.filter(
            status=Subscriber.Status.SUBSCRIBED
        ).count()
        return context

    def post(self, request, *args, **kwargs):
        letter = self.get_letter()
        try:
            count = services.letter_send(letter=letter)
        except services.LetterAlreadySent:
            messages.error(request, _("This letter was already sent; it is not sent twice."))
        else:
            messages.success(request, _("The letter is on its way to %d subscribers.") % count)
        return HttpResponseRedirect(reverse("newsletter_admin:letter", args=[letter.pk]))


urlpatterns = [
    path("", IndexView.as_view(), name="index"),
    path("subscribers.csv", ExportView.as_view(), name="export"),
    path("letters/new/", LetterCreateView.as_view(), name="letter_create"),
    path("letters/<int:pk>/", LetterView.as_view(), name="letter"),
]
