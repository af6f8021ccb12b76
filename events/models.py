import uuid

from django.db import models
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet
from wagtail_localize.fields import BaseTranslatableField

from core.page_forms import ChoosablePageForm
from core.page_lookups import locale_of
from core.page_methods import FormPageMethods, ReadPageMethods

from .admin_forms import ProgrammePageForm
from .bookings import Booking, BookingSettings  # noqa: F401 (Booking lives in .bookings)
from .choices import Audience, Kind
from .reminder_records import DayReminder  # noqa: F401 (lives in .reminder_records)


@register_snippet
class Venue(TranslatableMixin, models.Model):
    name = models.CharField(_("name"), max_length=200)
    street_address = models.CharField(_("street address"), max_length=200)
    postal_code = models.CharField(_("postal code"), max_length=20)
    city = models.CharField(_("city"), max_length=100)
    access = models.TextField(
        _("getting there"), blank=True, help_text=_("Public transport, bicycle parking, entrance.")
    )
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free access, wheelchair places, hearing loop, accessible toilets."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("street_address"),
        FieldRowPanel([FieldPanel("postal_code"), FieldPanel("city")]),
        FieldPanel("access"),
        FieldPanel("accessibility"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("venue")
        verbose_name_plural = _("venues")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def address(self):
        return f"{self.street_address}, {self.postal_code} {self.city}"

    @property
    def localized(self):
        # Listings fetch translations up front (events.selectors.attach_localized_venues).
        cached = getattr(self, "localized_cache", None)
        return cached if cached is not None else super().localized


class Session(Orderable):
    """One dated occurrence of a programme event.

    Sessions belong to the event, not to a language: they hang off the page in
    the language it was created in, and every translation of that page finds
    them through ``event_key`` (the pages' shared translation key).
    """

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")
        POSTPONED = "postponed", _("Postponed")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid (in person and online)")

    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="sessions")
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event_key = models.UUIDField(editable=False, db_index=True, null=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, editable=False, db_index=True)
    audience = models.CharField(max_length=20, choices=Audience.choices, editable=False, blank=True)
    start = models.DateTimeField(_("start"), db_index=True)
    end = models.DateTimeField(_("end"))
    venue = models.ForeignKey(
        Venue, verbose_name=_("venue"), null=True, blank=True, on_delete=models.SET_NULL
    )
    places = models.PositiveIntegerField(_("places"), default=80)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.SCHEDULED
    )
    attendance_mode = models.CharField(
        _("attendance"), max_length=20, choices=Mode.choices, default=Mode.IN_PERSON
    )
    note = models.CharField(
        _("note (French)"),
        max_length=200,
        blank=True,
        help_text=_("For example: followed by a Q&A."),
    )
    # Sessions are shared by the page's translations: the note has a field per language.
    note_en = models.CharField(
        _("note (English)"),
        max_length=200,
        blank=True,
        help_text=_("Shown on English pages; the French note when left empty."),
    )
    # Private: shown only to people with a confirmed booking (manage page, reminder).
    stream_url = models.URLField(
        _("stream link"),
        blank=True,
        help_text=_(
            "Online and hybrid sessions: sent only to people who booked, never shown "
            "on the public page or in the calendars."
        ),
    )
    # Calendar apps replace an event only when SEQUENCE rises (RFC 5545 §3.8.7.4).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    modified_at = models.DateTimeField(editable=False, null=True)
    # Kept by events.services (session_counters_sync) in step with the bookings, so that
    # a booking claims its seats in one conditional UPDATE instead of lock-count-write.
    booked_seats = models.PositiveIntegerField(default=0, editable=False)
    booked_wheelchair = models.PositiveIntegerField(default=0, editable=False)
    waiting = models.PositiveIntegerField(default=0, editable=False)

    COUNTER_FIELDS = ("booked_seats", "booked_wheelchair", "waiting")

    panels = [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldRowPanel([FieldPanel("venue"), FieldPanel("places")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("attendance_mode")]),
        FieldPanel("stream_url"),
        FieldRowPanel([FieldPanel("note"), FieldPanel("note_en")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["start"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")), name="session_ends_after_start"
            )
        ]

    def __str__(self):
        # Shown in admin choosers and listings: the wall clock in Paris, not UTC.
        return f"{self.page.title} — {timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        # Denormalised from the page so listings filter without joining each page type.
        page = self.page
        self.event_key = page.translation_key
        self.kind = getattr(page, "programme_kind", self.kind)
        self.audience = getattr(page, "audience", self.audience)
        self._track_changes()
        if (
            self.stored_status is not None
            and not kwargs.get("update_fields")
            and not kwargs.get("force_insert")
        ):
            # A page publish saves its sessions from the revision: never write back the
            # booking counters it carries, which the bookings may have moved since.
            kwargs["update_fields"] = [
                f.name
                for f in self._meta.concrete_fields
                if not f.primary_key and f.name not in self.COUNTER_FIELDS
            ]
        super().save(*args, **kwargs)

    # A change of any of these moves the event in people's calendars.
    RESCHEDULING_FIELDS = ("start", "end", "venue_id", "status", "attendance_mode")
    DESCRIBING_FIELDS = ("places", "note", "note_en")

    def just_cancelled(self, *, created: bool) -> bool:
        """In a post_save receiver: this save changed the status to Cancelled. Saving a
        cancelled session again (each publish of its page does) is no change, so people
        are told once."""
        return (
            not created
            and self.status == self.Status.CANCELLED
            and getattr(self, "stored_status", self.Status.CANCELLED) != self.Status.CANCELLED
        )

    def _track_changes(self):
        """Raise ``sequence`` when time, place or status change; stamp any change.

        Compared with the stored row, not with the instance: a page revision may carry
        an older sequence than the one published since.
        """
        fields = self.RESCHEDULING_FIELDS + self.DESCRIBING_FIELDS
        stored = (
            Session.objects.filter(pk=self.pk).values(*fields, "sequence", "modified_at").first()
            if self.pk
            else None
        )
        # What the status was before this save: receivers tell people of a change once.
        self.stored_status = stored["status"] if stored else None
        if stored is None:
            self.modified_at = self.modified_at or timezone.now()
            return
        self.sequence = max(self.sequence, stored["sequence"])
        self.modified_at = stored["modified_at"]
        if any(getattr(self, f) != stored[f] for f in self.RESCHEDULING_FIELDS):
            self.sequence += 1
            self.modified_at = timezone.now()
        elif any(getattr(self, f) != stored[f] for f in self.DESCRIBING_FIELDS):
            self.modified_at = timezone.now()

    @property
    def is_past(self) -> bool:
        """Over: listed with a mark, so nobody plans for it."""
        return self.end < timezone.now()

    @property
    def is_cancelled(self):
        return self.status == self.Status.CANCELLED

    @property
    def is_streamed(self) -> bool:
        return self.attendance_mode != self.Mode.IN_PERSON and bool(self.stream_url)


class SharedAcrossTranslations(BaseTranslatableField):
    """A child relation that translations neither copy nor translate."""

    def is_translated(self, obj):
        return False

    def is_synchronized(self, obj):
        return False


class ProgrammePage(ReadPageMethods, Page):
    """What screenings, workshops and training modules have in common."""

    programme_kind: str = ""

    summary = models.TextField(
        _("summary"), help_text=_("One or two sentences, shown in listings and calendars.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt_text = models.CharField(
        _("image description"),
        max_length=255,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it, in this page's language."),
    )
    audience = models.CharField(
        _("audience"), max_length=20, choices=Audience.choices, default=Audience.ALL
    )

    sessions_panel = InlinePanel(
        "sessions",
        heading=_("Sessions"),
        label=_("Session"),
        min_num=1,
        help_text=_("Dates and places are shared by every language of this page."),
    )

    search_fields = Page.search_fields + [index.SearchField("summary")]
    parent_page_types = ["events.ProgrammeIndexPage"]
    subpage_types: list[str] = []
    exclude_fields_in_copy = ["sessions"]
    base_form_class = ProgrammePageForm
    override_translatable_fields = [SharedAcrossTranslations("sessions")]

    class Meta:
        abstract = True

    @property
    def places_event_key(self):
        """The key of the sessions whose places this page shows (every language): the
        page cache drops the page when their places change."""
        return self.translation_key

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # Keep the denormalised audience in step when staff change it.
        Session.objects.filter(page_id=self.pk).exclude(audience=self.audience).update(
            audience=self.audience
        )

    @property
    def calendar_url(self):
        """This event's own .ics file, in the page's language."""
        from django.urls import reverse

        url = reverse("calendar_event_feed", kwargs={"event_key": self.translation_key})
        return f"{url}?lang={locale_of(self).language_code}"

    def get_sessions(self):
        from .selectors import event_sessions

        return event_sessions(event_key=self.translation_key)

    def get_context(self, request, *args, **kwargs):
        from .jsonld import json_ld_for_page
        from .selectors import attach_localized_venues

        context = super().get_context(request, *args, **kwargs)
        if getattr(request, "is_preview", False) and self.sessions.all():
            # A preview shows the sessions being edited, not the published ones.
            sessions = sorted(self.sessions.all(), key=lambda session: session.start)
        else:
            sessions = list(self.get_sessions())
            attach_localized_venues(sessions, locale=locale_of(self))
        context["sessions"] = sessions
        now = timezone.now()
        context["next_session"] = next(
            (s for s in sessions if s.status == Session.Status.SCHEDULED and s.start > now), None
        )
        context["json_ld"] = json_ld_for_page(page=self, sessions=sessions, request=request)
        context["calendar_url"] = self.calendar_url
        return context


class ProgrammeIndexPage(ReadPageMethods, Page):
    base_form_class = ChoosablePageForm

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = [
        "events.ScreeningPage",
        "workshops.WorkshopPage",
        "training.TrainingModulePage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("programme")

    def get_context(self, request, *args, **kwargs):
        from .forms import ProgrammeFilterForm
        from .selectors import programme_page, programme_week

        context = super().get_context(request, *args, **kwargs)
        form = ProgrammeFilterForm(request.GET or None)
        filters = form.cleaned_filters()
        context["filter_form"] = form
        locale = locale_of(self)
        page_number = request.GET.get("page", "")
        # Read only when the template's cached fragment is built, not on each request.
        context["page_obj"] = SimpleLazyObject(
            lambda: programme_page(locale=locale, page_number=page_number, **filters)
        )
        context["filter_query"] = form.query_without_page()
        context["week"] = SimpleLazyObject(lambda: programme_week(locale=locale))
        # What the listing's fragment varies on besides the page: the filters, the page
        # of results (any other value shows the first) and the week's first day.
        shown_page = page_number if page_number.isdigit() and len(page_number) < 7 else ""
        context["listing_vary"] = (
            f"{context['filter_query']}|{shown_page}|{timezone.localdate().isoformat()}"
        )
        return context


class ScreeningDirector(Orderable):
    page = ParentalKey("events.ScreeningPage", on_delete=models.CASCADE, related_name="directors")
    name = models.CharField(_("name"), max_length=200)
    resident = models.ForeignKey(
        "residents.ResidentPage",
        verbose_name=_("resident page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("If the director is one of our residents."),
    )

    panels = [FieldPanel("name"), FieldPanel("resident")]

    def __str__(self):
        return self.name


class ScreeningPage(FormPageMethods, ProgrammePage, BookingSettings):
    class Version(models.TextChoices):
        VO = "vo", _("Original version (VO)")
        VOSTFR = "vostfr", _("Original version with French subtitles (VOSTFR)")
        VF = "vf", _("French version (VF)")

    programme_kind = Kind.SCREENING

    film_title = models.CharField(_("film title"), max_length=255)
    original_title = models.CharField(_("original title"), max_length=255, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    country = models.CharField(_("country"), max_length=100, blank=True)
    runtime = models.PositiveSmallIntegerField(_("runtime (minutes)"), null=True, blank=True)
    version = models.CharField(
        _("version"), max_length=10, choices=Version.choices, default=Version.VOSTFR
    )
    age_guidance = models.CharField(
        _("age guidance"), max_length=100, blank=True, help_text=_("For example: from 12.")
    )
    synopsis = RichTextField(_("synopsis"), features=["bold", "italic", "link"])
    trailer_url = models.URLField(
        _("trailer"), blank=True, help_text=_("Loaded only when the visitor asks for it.")
    )
    guests = RichTextField(_("guests and Q&A"), blank=True, features=["bold", "italic", "link"])
    sdh_subtitles = models.BooleanField(
        _("subtitles for deaf and hard-of-hearing viewers"), default=False
    )
    audio_description = models.BooleanField(_("audio description"), default=False)
    wheelchair_places = models.PositiveSmallIntegerField(_("wheelchair places"), default=0)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("film_title"),
                FieldPanel("original_title"),
                InlinePanel("directors", label=_("Director"), min_num=1),
                FieldRowPanel([FieldPanel("year"), FieldPanel("country")]),
                FieldRowPanel([FieldPanel("runtime"), FieldPanel("version")]),
                FieldPanel("age_guidance"),
            ],
            heading=_("Film"),
        ),
        FieldPanel("image", heading=_("Poster")),
        FieldPanel("image_alt_text"),
        FieldPanel("synopsis"),
        FieldPanel("trailer_url"),
        FieldPanel("guests"),
        FieldPanel("audience"),
        MultiFieldPanel(
            [
                FieldPanel("sdh_subtitles"),
                FieldPanel("audio_description"),
                FieldPanel("wheelchair_places"),
            ],
            heading=_("Accessibility"),
        ),
        ProgrammePage.sessions_panel,
        BookingSettings.booking_panel,
    ]
    search_fields = ProgrammePage.search_fields + [
        index.SearchField("film_title", boost=2),
        index.SearchField("original_title"),
        index.SearchField("synopsis"),
        index.SearchField("director_names"),
        index.SearchField("guests"),
        index.FilterField("locale_id"),
    ]

    class Meta:
        verbose_name = _("screening")
        verbose_name_plural = _("screenings")

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":
            from .views import screening_booking_post

            return screening_booking_post(request, page=self)
        return super().serve(request, *args, **kwargs)

    def get_context(self, request, *args, booking_form=None, **kwargs):
        from .views import booking_context

        if not getattr(request, "is_preview", False):
            # The template, the JSON-LD and the description each list the directors: one
            # query (with their resident pages) instead of one per use. A preview keeps
            # the directors being edited.
            directors = ScreeningDirector.objects.select_related("resident")
            prefetch_related_objects([self], Prefetch("directors", queryset=directors))
        context = super().get_context(request, *args, **kwargs)
        if booking_form is None:
            # Built only with the template's cached fragment of the form.
            context["booking_form"] = SimpleLazyObject(
                lambda: booking_context(request, page=self)["booking_form"]
            )
        else:
            context.update(booking_context(request, page=self, form=booking_form))
        return context

    def director_names(self):
        return ", ".join(director.name for director in self.directors.all())
