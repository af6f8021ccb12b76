"""Requests for a first showing: a resident's premiere, a filmmaker's request for the
room lent free. Both share ``ScreeningRequest``: wished dates, technical needs, and
the staff's answer (accepted with a draft screening, declined, or another date)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from core.page_forms import ChoosablePageForm
from core.page_methods import FormPageMethods
from events.models import ScreeningPage


class ScreeningRequest(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting decision")
        OTHER_DATE = "other_date", _("Another date proposed")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    wished_from = models.DateField(_("wished from"))
    wished_until = models.DateField(_("wished until"))
    runtime = models.PositiveSmallIntegerField(_("runtime (minutes)"))
    needs_dcp = models.BooleanField(_("DCP projection"), default=False)
    needs_file = models.BooleanField(_("file projection"), default=False)
    needs_subtitles = models.BooleanField(_("subtitles"), default=False)
    technical_notes = models.TextField(_("other technical needs"), blank=True)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    offered_start = models.DateTimeField(_("date offered"), null=True, blank=True)
    staff_message = models.TextField(_("message from the team"), blank=True)
    screening = models.ForeignKey(
        "events.ScreeningPage",
        verbose_name=_("screening"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at"]

    @property
    def technical_needs(self) -> list[str]:
        wanted = [
            (self.needs_dcp, _("DCP")),
            (self.needs_file, _("file")),
            (self.needs_subtitles, _("subtitles")),
        ]
        return [str(label) for flag, label in wanted if flag]

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.OTHER_DATE)


class PremiereProposal(ScreeningRequest):
    project = models.ForeignKey(
        "residents.ProjectPage",
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    version = models.CharField(
        _("version"),
        max_length=10,
        choices=ScreeningPage.Version.choices,
        default=ScreeningPage.Version.VOSTFR,
    )

    class Meta(ScreeningRequest.Meta):
        verbose_name = _("premiere proposal")
        verbose_name_plural = _("premiere proposals")

    def __str__(self):
        return self.project.title

    @property
    def film_title(self) -> str:
        return self.project.title


class RoomRequest(ScreeningRequest):
    film_title = models.CharField(_("film"), max_length=255)
    director = models.CharField(_("director"), max_length=200)
    email = models.EmailField(_("email"))
    expected_audience = models.PositiveIntegerField(_("expected audience"))

    class Meta(ScreeningRequest.Meta):
        verbose_name = _("room request")
        verbose_name_plural = _("room requests")

    def __str__(self):
        return self.film_title


class RoomLoanPage(FormPageMethods, Page):
    """The room lent free to filmmakers for a first showing: its conditions and the
    request form, posted to the page."""

    base_form_class = ChoosablePageForm

    introduction = models.TextField(_("introduction"), blank=True)
    conditions = RichTextField(_("conditions"), features=["bold", "italic", "link", "ul", "ol"])

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("conditions")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("room lent to filmmakers")

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            from .views import room_request_post

            return room_request_post(request, page=self)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, room_form=None, **kwargs):
        from .views import room_request_context

        context = super().get_context(request, *args, **kwargs)
        context.update(room_request_context(request, form=room_form))
        return context
