"""The online festival competition: a page of short films, the people who registered to
watch them, what they watched and their one vote.

A competition and its films are known across languages by keys that a translation
keeps (the page's ``translation_key``, each film's ``key``): a person registered on
the English page votes in the same competition, for the same films, as on the French.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.page_forms import ChoosablePageForm
from core.page_methods import ReadPageMethods


class CompetitionPage(ReadPageMethods, Page):
    base_form_class = ChoosablePageForm

    introduction = models.TextField(_("introduction"), blank=True)
    viewing_opens = models.DateTimeField(_("films viewable from"))
    viewing_closes = models.DateTimeField(_("films viewable until"))
    vote_closes = models.DateTimeField(
        _("vote closes at"), help_text=_("The audience ranking is published at this time.")
    )
    closing_night = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("closing night"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The screening in the room where the prizes are given."),
    )
    jury_prizes = RichTextField(
        _("jury's prizes"),
        blank=True,
        help_text=_("Published with the audience ranking once the vote has closed."),
    )

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("viewing_opens"), FieldPanel("viewing_closes")]),
                FieldPanel("vote_closes"),
                FieldPanel("closing_night"),
            ],
            heading=_("Dates"),
        ),
        InlinePanel("films", label=_("Film"), min_num=1),
        FieldPanel("jury_prizes"),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("festival competition")
        verbose_name_plural = _("festival competitions")

    def clean(self):
        super().clean()
        if self.viewing_opens and self.viewing_closes and self.viewing_closes <= self.viewing_opens:
            raise ValidationError(
                {"viewing_closes": _("The viewing window must close after it opens.")}
            )
        if self.viewing_opens and self.vote_closes and self.vote_closes <= self.viewing_opens:
            raise ValidationError(
                {"vote_closes": _("The vote must close after the films become viewable.")}
            )

    def get_context(self, request, *args, **kwargs):
        from .forms import RegistrationForm
        from .selectors import audience_ranking

        context = super().get_context(request, *args, **kwargs)
        context["films"] = list(self.films.all())
        if self.results_published():
            context["ranking"] = audience_ranking(competition=self)
        elif self.registration_open():
            context["form"] = RegistrationForm()
        return context

    def viewing_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.viewing_opens <= now < self.viewing_closes

    def voting_open(self, now=None) -> bool:
        now = now or timezone.now()
        return self.viewing_opens <= now < self.vote_closes

    def registration_open(self, now=None) -> bool:
        return (now or timezone.now()) < self.vote_closes

    def results_published(self, now=None) -> bool:
        return (now or timezone.now()) >= self.vote_closes


class CompetitionFilm(Orderable):
    """A short film of the selection: a file the site serves (with captions) or a
    platform address loaded only after a click."""

    page = ParentalKey(CompetitionPage, on_delete=models.CASCADE, related_name="films")
    # Kept by a translation's copy: the same film on the French and English pages.
    key = models.UUIDField(default=uuid.uuid4, editable=False)
    title = models.CharField(_("title"), max_length=255)
    director = models.CharField(_("director"), max_length=255)
    synopsis = models.TextField(_("synopsis"))
    duration = models.PositiveIntegerField(_("duration (minutes)"), null=True, blank=True)
    video_file = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("video file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("An MP4 or WebM file served by the site."),
    )
    video_url = models.URLField(
        _("or a platform address"),
        blank=True,
        help_text=_("YouTube, Vimeo or PeerTube: loaded only when the visitor asks for it."),
    )
    captions_fr = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("French captions (WebVTT)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    captions_en = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("English captions (WebVTT)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("director"),
        FieldPanel("synopsis"),
        FieldPanel("duration"),
        FieldPanel("video_file"),
        FieldPanel("video_url"),
        FieldRowPanel([FieldPanel("captions_fr"), FieldPanel("captions_en")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("film in competition")
        verbose_name_plural = _("films in competition")

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        if not self.video_file and not self.video_url:
            raise ValidationError(_("Give the film a video file or a platform address."))

    @property
    def captions(self) -> list[tuple[str, object]]:
        """(language, WebVTT document) of each captions file."""
        found = [("fr", self.captions_fr), ("en", self.captions_en)]
        return [(language, document) for language, document in found if document]


class Viewer(models.Model):
    """Someone registered to watch and vote, once per competition and email address."""

    wagtail_reference_index_ignore = True

    competition_key = models.UUIDField(_("competition"), db_index=True)
    email = models.EmailField(_("email"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    registered_at = models.DateTimeField(_("registered at"), default=timezone.now)
    verified_at = models.DateTimeField(_("email confirmed at"), null=True, blank=True)
    # The address erased once the retention period after the vote is over (the counts
    # stay): the emailed link stops working.
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("festival viewer")
        verbose_name_plural = _("festival viewers")
        constraints = [
            models.UniqueConstraint(
                "competition_key", Lower("email"), name="festival_viewer_one_per_email"
            )
        ]

    def __str__(self):
        return self.email


class Viewing(models.Model):
    """A viewer opened a film through their signed link (counted once per film)."""

    wagtail_reference_index_ignore = True

    viewer = models.ForeignKey(Viewer, on_delete=models.CASCADE, related_name="viewings")
    film_key = models.UUIDField()
    first_watched_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["viewer", "film_key"], name="festival_viewing_once")
        ]

    def __str__(self):
        return f"{self.viewer_id} — {self.film_key}"


class Vote(models.Model):
    """A viewer's audience vote: one per viewer (the constraint), changed in place."""

    wagtail_reference_index_ignore = True

    viewer = models.ForeignKey(Viewer, on_delete=models.CASCADE, related_name="+")
    film_key = models.UUIDField()
    cast_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["viewer"], name="festival_vote_one_per_viewer")
        ]

    def __str__(self):
        return f"{self.viewer_id} — {self.film_key}"
