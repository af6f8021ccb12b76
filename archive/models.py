"""The archive: short documentary capsules, recorded masterclasses and talks.

A capsule's video is either a file the site serves (a document, with a poster and
WebVTT captions, one per language) or a platform address that is loaded only after
the visitor asks for it (``includes/video.html``).
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.page_forms import ChoosablePageForm
from core.page_methods import ReadPageMethods


class ThemeTag(TagBase):
    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")


class PlaceTag(TagBase):
    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")


class TradeTag(TagBase):
    class Meta:
        verbose_name = _("company or trade")
        verbose_name_plural = _("companies and trades")


class CapsuleTheme(ItemBase):
    tag = models.ForeignKey(ThemeTag, on_delete=models.CASCADE, related_name="capsules")
    content_object = ParentalKey(
        "archive.CapsulePage", on_delete=models.CASCADE, related_name="theme_items"
    )


class CapsulePlace(ItemBase):
    tag = models.ForeignKey(PlaceTag, on_delete=models.CASCADE, related_name="capsules")
    content_object = ParentalKey(
        "archive.CapsulePage", on_delete=models.CASCADE, related_name="place_items"
    )


class CapsuleTrade(ItemBase):
    tag = models.ForeignKey(TradeTag, on_delete=models.CASCADE, related_name="capsules")
    content_object = ParentalKey(
        "archive.CapsulePage", on_delete=models.CASCADE, related_name="trade_items"
    )


class ArchiveIndexPage(ReadPageMethods, Page):
    base_form_class = ChoosablePageForm

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    search_fields = Page.search_fields + [index.SearchField("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["archive.CapsulePage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("archive")

    def get_context(self, request, *args, **kwargs):
        from .forms import ArchiveFilterForm
        from .selectors import archive_page

        context = super().get_context(request, *args, **kwargs)
        form = ArchiveFilterForm(request.GET or None, locale=self.locale)
        context["filter_form"] = form
        context["page_obj"] = archive_page(
            index=self, page_number=request.GET.get("page"), **form.cleaned_filters()
        )
        context["filter_query"] = form.query_without_page()
        return context


class CapsulePage(ReadPageMethods, Page):
    base_form_class = ChoosablePageForm

    class Kind(models.TextChoices):
        CAPSULE = "capsule", _("Documentary capsule")
        MASTERCLASS = "masterclass", _("Recorded masterclass")
        TALK = "talk", _("Recorded talk")

    class Licence(models.TextChoices):
        ALL_RIGHTS = "all-rights", _("All rights reserved")
        CC_BY = "cc-by", _("Creative Commons BY 4.0")
        CC_BY_SA = "cc-by-sa", _("Creative Commons BY-SA 4.0")
        CC_BY_NC_ND = "cc-by-nc-nd", _("Creative Commons BY-NC-ND 4.0")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CAPSULE)
    summary = models.TextField(
        _("summary"), help_text=_("One or two sentences, shown in the archive's listing.")
    )
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
    poster = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("poster"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    duration = models.PositiveIntegerField(_("duration (seconds)"), null=True, blank=True)
    footage_from = models.PositiveSmallIntegerField(_("footage from (year)"), null=True, blank=True)
    footage_to = models.PositiveSmallIntegerField(_("footage to (year)"), null=True, blank=True)
    production_year = models.PositiveSmallIntegerField(
        _("year of production"), null=True, blank=True
    )
    transcript = models.TextField(
        _("transcript"), blank=True, help_text=_("One paragraph per blank line.")
    )
    credits = models.TextField(_("credits"), blank=True, help_text=_("One credit per line."))
    rights = models.CharField(_("rights holder"), max_length=255, blank=True)
    licence = models.CharField(
        _("licence"), max_length=20, choices=Licence.choices, default=Licence.ALL_RIGHTS
    )
    session = models.ForeignKey(
        "events.Session",
        verbose_name=_("recording of the session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="recordings",
    )
    themes = ClusterTaggableManager(
        through=CapsuleTheme, blank=True, verbose_name=_("themes"), related_name="+"
    )
    places = ClusterTaggableManager(
        through=CapsulePlace, blank=True, verbose_name=_("places"), related_name="+"
    )
    trades = ClusterTaggableManager(
        through=CapsuleTrade,
        blank=True,
        verbose_name=_("companies and trades"),
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldPanel("video_file"),
                FieldPanel("video_url"),
                FieldPanel("poster"),
                FieldPanel("duration"),
                InlinePanel("captions", label=_("Captions (WebVTT)")),
            ],
            heading=_("Video"),
        ),
        FieldPanel("transcript"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("footage_from"), FieldPanel("footage_to")]),
                FieldPanel("production_year"),
                FieldPanel("themes"),
                FieldPanel("places"),
                FieldPanel("trades"),
            ],
            heading=_("Years, places and themes"),
        ),
        MultiFieldPanel(
            [FieldPanel("credits"), FieldPanel("rights"), FieldPanel("licence")],
            heading=_("Credits and rights"),
        ),
        FieldPanel("session"),
        InlinePanel("related_pages", label=_("Related page")),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("transcript"),
        index.SearchField("credits"),
        index.FilterField("kind"),
    ]
    parent_page_types = ["archive.ArchiveIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("archive video")
        verbose_name_plural = _("archive videos")

    def clean(self):
        super().clean()
        if self.footage_from and self.footage_to and self.footage_to < self.footage_from:
            raise ValidationError({"footage_to": _("The footage cannot end before it begins.")})

    def get_context(self, request, *args, **kwargs):
        from .jsonld import video_json_ld
        from .selectors import capsule_captions, capsule_related_pages

        context = super().get_context(request, *args, **kwargs)
        context["json_ld"] = video_json_ld(page=self, request=request)
        context["captions"] = capsule_captions(capsule=self)
        context["related"] = capsule_related_pages(capsule=self)
        return context

    @property
    def decades(self) -> list[int]:
        """The decades the footage covers, e.g. [1960, 1970]."""
        if not self.footage_from:
            return []
        last = self.footage_to or self.footage_from
        return list(range(self.footage_from // 10 * 10, last // 10 * 10 + 1, 10))

    @property
    def duration_label(self) -> str:
        if not self.duration:
            return ""
        minutes, seconds = divmod(self.duration, 60)
        return f"{minutes} min {seconds:02d} s" if seconds else f"{minutes} min"

    @property
    def transcript_paragraphs(self) -> list[str]:
        return [part.strip() for part in self.transcript.split("\n\n") if part.strip()]

    @property
    def credit_lines(self) -> list[str]:
        return [line.strip() for line in self.credits.splitlines() if line.strip()]


class Caption(Orderable):
    """A WebVTT captions file for the capsule's video, in one language."""

    page = ParentalKey(CapsulePage, on_delete=models.CASCADE, related_name="captions")
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("WebVTT file"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("language"), FieldPanel("document")]

    class Meta(Orderable.Meta):
        verbose_name = _("captions")
        verbose_name_plural = _("captions")

    @property
    def label(self) -> str:
        """The captions' language named in the page's language ("French" on /en/)."""
        return str(settings.LANGUAGE_NAMES.get(self.language, self.language))


class RelatedPage(Orderable):
    """A resident, project or programme page the capsule relates to."""

    page = ParentalKey(CapsulePage, on_delete=models.CASCADE, related_name="related_pages")
    target = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("target")]
