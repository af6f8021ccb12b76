"""Training modules: free modules with a partner school, people apply and staff select."""

from django.db import models
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from core.blocks import BodyBlock
from core.page_methods import FormPageMethods
from events.choices import Audience, Kind
from events.models import ProgrammePage
from events.reservations import Reservation, normalise_email

from .panels import ApplicationsSummaryPanel


class TrainingModulePage(FormPageMethods, ProgrammePage):
    """A free training module with a partner school: people apply, staff select."""

    programme_kind = Kind.TRAINING

    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.PROFESSIONALS
    )
    partner_school = models.ForeignKey(
        "home.Partner",
        verbose_name=_("partner school"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    curriculum = StreamField(BodyBlock(), verbose_name=_("curriculum"), blank=True)
    prerequisites = RichTextField(
        _("prerequisites"),
        blank=True,
        features=["bold", "italic", "link", "ul"],
        help_text=_("No diploma is ever required; say what helps instead."),
    )
    application_deadline = models.DateTimeField(_("application deadline"))
    places = models.PositiveSmallIntegerField(_("places"), default=12)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("image_alt_text"),
        FieldPanel("audience"),
        FieldPanel("partner_school"),
        FieldPanel("curriculum"),
        FieldPanel("prerequisites"),
        FieldRowPanel([FieldPanel("application_deadline"), FieldPanel("places")]),
        ApplicationsSummaryPanel(),
        ProgrammePage.sessions_panel,
    ]
    search_fields = ProgrammePage.search_fields + [
        index.SearchField("curriculum"),
        index.SearchField("prerequisites"),
    ]

    class Meta:
        verbose_name = _("training module")
        verbose_name_plural = _("training modules")

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            from .views import application_post

            return application_post(request, page=self)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, application_form=None, **kwargs):
        from .views import application_context

        context = super().get_context(request, *args, **kwargs)
        context.update(application_context(request, page=self, form=application_form))
        return context


class Application(Reservation):
    """Somebody applies for a free training module; staff decide."""

    wagtail_reference_index_ignore = True  # personal data, never content

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        WAITLISTED = "waitlisted", _("On the waiting list")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    module = models.ForeignKey(
        "training.TrainingModulePage",
        verbose_name=_("training module"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("email"), max_length=254)
    email_key = models.CharField(max_length=254, editable=False)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    motivation = models.TextField(_("motivation"), max_length=5000)
    links = models.TextField(
        _("links to your work"), blank=True, max_length=2000, help_text=_("One per line.")
    )
    availability = models.TextField(_("availability"), blank=True, max_length=1000)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.RECEIVED
    )
    staff_notes = models.TextField(_("staff notes"), blank=True)
    created_at = models.DateTimeField(_("received at"), auto_now_add=True, db_index=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("training application")
        verbose_name_plural = _("training applications")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["module", "status"], name="application_module_status")]
        constraints = [
            models.UniqueConstraint(
                fields=["module", "email_key"],
                condition=~models.Q(status="withdrawn"),
                name="application_one_per_email",
            ),
        ]

    def __str__(self):
        return f"{self.first_name} {self.last_name} — {self.module_id}"

    def save(self, *args, **kwargs):
        self.email_key = normalise_email(self.email)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        with translation.override(self.language):
            return reverse("application_manage", kwargs={"token": self.manage_token})
