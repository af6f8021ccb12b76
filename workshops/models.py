from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyBlock
from core.page_methods import FormPageMethods
from events.choices import Audience, Kind
from events.models import ProgrammePage

from .registrations import Registration  # noqa: F401 (it lives in .registrations)


class WorkshopPage(FormPageMethods, ProgrammePage):
    """A youth workshop; a series when it has several sessions attended together."""

    programme_kind = Kind.WORKSHOP

    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.YOUNG
    )
    age_min = models.PositiveSmallIntegerField(_("minimum age"), default=8)
    age_max = models.PositiveSmallIntegerField(_("maximum age"), default=14)
    is_series = models.BooleanField(
        _("series"),
        default=False,
        help_text=_("Participants come to every session of the series."),
    )
    description = StreamField(BodyBlock(), verbose_name=_("description"), blank=True)
    what_to_bring = models.TextField(_("what to bring"), blank=True)
    partner = models.ForeignKey(
        "home.Partner",
        verbose_name=_("partner organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    registrations_open_at = models.DateTimeField(
        _("registrations open"), null=True, blank=True, help_text=_("Empty: as soon as published.")
    )
    registrations_close_at = models.DateTimeField(
        _("registrations close"),
        null=True,
        blank=True,
        help_text=_("Empty: at the start of the first session registered for."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("image_alt_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("age_min"), FieldPanel("age_max")]),
                FieldPanel("audience"),
                FieldPanel("is_series"),
            ],
            heading=_("Participants"),
        ),
        FieldPanel("description"),
        FieldPanel("what_to_bring"),
        FieldPanel("partner"),
        ProgrammePage.sessions_panel,
        FieldRowPanel(
            [FieldPanel("registrations_open_at"), FieldPanel("registrations_close_at")],
            heading=_("Registrations"),
        ),
    ]
    search_fields = ProgrammePage.search_fields + [
        index.SearchField("description"),
        index.SearchField("what_to_bring"),
    ]

    class Meta:
        verbose_name = _("youth workshop")
        verbose_name_plural = _("youth workshops")

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            from .views import workshop_registration_post

            return workshop_registration_post(request, page=self)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, registration_form=None, **kwargs):
        from .views import registration_context

        context = super().get_context(request, *args, **kwargs)
        context.update(registration_context(request, page=self, form=registration_form))
        return context
