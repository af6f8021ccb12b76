from django import forms
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.page_forms import ChoosablePageForm
from core.page_methods import ReadPageMethods

from .editorial import EditorialFlagsMixin, editorial_promote_panels
from .stages import ProjectPageForm


class Discipline(models.Model):
    """A trade of the residents; the fixed list is created by a migration."""

    class Slug(models.TextChoices):
        DIRECTION = "direction", _("Direction")
        SCREENWRITING = "screenwriting", _("Screenwriting")
        PRODUCTION = "production", _("Production")
        CINEMATOGRAPHY = "cinematography", _("Cinematography")
        SOUND = "sound", _("Sound")
        EDITING = "editing", _("Editing")
        POST_PRODUCTION = "post-production", _("Post-production")
        ANIMATION = "animation", _("Animation")
        DISTRIBUTION = "distribution", _("Distribution")
        DIFFUSION = "diffusion", _("Diffusion")

    slug = models.SlugField(_("slug"), max_length=40, unique=True, choices=Slug.choices)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("discipline")
        verbose_name_plural = _("disciplines")
        ordering = ["sort_order"]

    def __str__(self):
        return str(self.get_slug_display())


def page_sections(hook_name: str, request, page) -> list[str]:
    """HTML the apps built on residents add to its pages (``premieres`` adds a
    project's premiere): each function registered under ``hook_name`` takes the request
    and the page and returns HTML, or an empty string."""
    return [html for fn in hooks.get_hooks(hook_name) if (html := fn(request, page))]


class ResidentIndexPage(ReadPageMethods, Page):
    base_form_class = ChoosablePageForm

    introduction = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["residents.ResidentPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("resident directory")

    def get_context(self, request, *args, **kwargs):
        from .selectors import resident_directory

        context = super().get_context(request, *args, **kwargs)
        disciplines = list(Discipline.objects.all())
        selected = request.GET.get("discipline", "")
        if selected not in {d.slug for d in disciplines}:
            selected = ""
        context["disciplines"] = disciplines
        context["selected_discipline"] = selected
        context["residents"] = resident_directory(index_page=self, discipline=selected or None)
        return context


class ResidentLink(Orderable):
    page = ParentalKey("residents.ResidentPage", on_delete=models.CASCADE, related_name="links")
    label = models.CharField(_("label"), max_length=100)
    url = models.URLField(_("address"))

    panels = [FieldPanel("label"), FieldPanel("url")]


class ResidentPage(EditorialFlagsMixin, ReadPageMethods, Page):
    base_form_class = ChoosablePageForm

    class Title(models.TextChoices):
        # How the resident wants to be named in French: "résidente", "résident",
        # or the inclusive "résident·e" (English has one word for all).
        FEMININE = "feminine", _("résidente (feminine)")
        MASCULINE = "masculine", _("résident (masculine)")
        INCLUSIVE = "inclusive", _("résident·e (inclusive)")

    name = models.CharField(_("name"), max_length=200)
    title_form = models.CharField(
        _("named as"),
        max_length=20,
        choices=Title.choices,
        default=Title.INCLUSIVE,
        help_text=_("The word shown above the name on French pages."),
    )
    disciplines = ParentalManyToManyField(
        Discipline, verbose_name=_("disciplines"), blank=True, related_name="residents"
    )
    company = models.CharField(_("company"), max_length=200, blank=True)
    portrait = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("portrait"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    portrait_alt_text = models.CharField(
        _("portrait description"),
        max_length=255,
        blank=True,
        help_text=_("What the portrait shows, for people who cannot see it."),
    )
    short_bio = models.CharField(
        _("short bio"), max_length=255, help_text=_("One sentence for the directory.")
    )
    bio = RichTextField(_("bio"), features=["bold", "italic", "link", "ul"])
    public_email = models.EmailField(_("public contact email"), blank=True)
    featured = models.BooleanField(_("featured on the home page"), default=False)

    content_panels = Page.content_panels + [
        FieldPanel("name"),
        FieldPanel("title_form"),
        FieldPanel("disciplines", widget=forms.CheckboxSelectMultiple),
        FieldPanel("company"),
        FieldPanel("portrait"),
        FieldPanel("portrait_alt_text"),
        FieldPanel("short_bio"),
        FieldPanel("bio"),
        MultiFieldPanel(
            [FieldPanel("public_email"), InlinePanel("links", label=_("Link"))],
            heading=_("Contact and links"),
        ),
    ]
    promote_panels = editorial_promote_panels("featured")
    search_fields = Page.search_fields + [
        index.SearchField("name", boost=2),
        index.SearchField("company"),
        index.SearchField("short_bio"),
        index.SearchField("bio"),
    ]
    parent_page_types = ["residents.ResidentIndexPage"]
    subpage_types = ["residents.ProjectPage"]

    class Meta:
        verbose_name = _("resident")
        verbose_name_plural = _("residents")

    @cached_property
    def is_former(self) -> bool:
        """Marked on the public page, in both languages, once the residency has ended."""
        return ResidentAccount.objects.filter(
            page__translation_key=self.translation_key, ended_at__isnull=False
        ).exists()

    @property
    def resident_label(self) -> str:
        """ "Résidente", "Ancien résident"...: the word the resident chose, in the
        active language (English has one word for all)."""
        if self.is_former:
            return pgettext(self.title_form, "Former resident")
        return pgettext(self.title_form, "Resident")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["projects"] = (
            ProjectPage.objects.child_of(self).live().public().select_related("image")
        )
        context["sections"] = page_sections("resident_page_sections", request, self)
        return context


class ProjectGalleryImage(Orderable):
    page = ParentalKey("residents.ProjectPage", on_delete=models.CASCADE, related_name="gallery")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(_("alternative text"), max_length=255, blank=True)
    caption = models.CharField(_("caption"), max_length=255, blank=True)

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("caption")]


class ProjectCredit(Orderable):
    page = ParentalKey("residents.ProjectPage", on_delete=models.CASCADE, related_name="credits")
    role = models.CharField(_("role"), max_length=100)
    name = models.CharField(_("name"), max_length=200)

    panels = [FieldPanel("role"), FieldPanel("name")]


class ProjectPage(EditorialFlagsMixin, ReadPageMethods, Page):
    base_form_class = ProjectPageForm

    class Format(models.TextChoices):
        SHORT = "short", _("Short film")
        FEATURE = "feature", _("Feature film")
        DOCUMENTARY = "documentary", _("Documentary")
        SERIES = "series", _("Series")
        ANIMATION = "animation", _("Animation")
        INSTALLATION = "installation", _("Installation")

    class Stage(models.TextChoices):
        # In order (residents.stages). The stored values predate the names the
        # residents use: development is writing, distribution a finished film.
        DEVELOPMENT = "development", _("Writing")
        PRODUCTION = "production", _("Shooting")
        POST_PRODUCTION = "post-production", _("Post-production")
        DISTRIBUTION = "distribution", _("Finished")

    format = models.CharField(_("format"), max_length=20, choices=Format.choices)
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices)
    logline = models.CharField(_("logline"), max_length=255)
    synopsis = RichTextField(_("synopsis"), features=["bold", "italic", "link"])
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("main image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image_alt_text = models.CharField(
        _("main image description"),
        max_length=255,
        blank=True,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    video_url = models.URLField(
        _("video"), blank=True, help_text=_("Loaded only when the visitor asks for it.")
    )
    seeking_partners = models.BooleanField(_("looking for partners"), default=False)
    seeking_crew = models.BooleanField(_("looking for crew"), default=False)
    seeking_funding = models.BooleanField(_("looking for funding"), default=False)
    seeking_details = models.TextField(_("what we are looking for"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("format"),
        FieldPanel("stage"),
        FieldPanel("logline"),
        FieldPanel("synopsis"),
        FieldPanel("image"),
        FieldPanel("image_alt_text"),
        InlinePanel("gallery", label=_("Gallery image")),
        FieldPanel("video_url"),
        InlinePanel("credits", label=_("Credit")),
        MultiFieldPanel(
            [
                FieldPanel("seeking_partners"),
                FieldPanel("seeking_crew"),
                FieldPanel("seeking_funding"),
                FieldPanel("seeking_details"),
            ],
            heading=_("What the project is looking for"),
        ),
    ]
    promote_panels = editorial_promote_panels()
    search_fields = Page.search_fields + [
        index.SearchField("logline"),
        index.SearchField("synopsis"),
    ]
    parent_page_types = ["residents.ResidentPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sections"] = page_sections("project_page_sections", request, self)
        return context

    @property
    def seeking(self):
        wanted = [
            (self.seeking_partners, _("partners")),
            (self.seeking_crew, _("crew")),
            (self.seeking_funding, _("funding")),
        ]
        return [label for flag, label in wanted if flag]


class ResidentAccount(models.Model):
    """A resident's admin login and what it may touch: its own group (page permissions
    on ``page``, its ``collection``), kept apart from every other resident's."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="resident_account"
    )
    page = models.OneToOneField(
        ResidentPage,
        verbose_name=_("resident page"),
        on_delete=models.PROTECT,
        related_name="account",
    )
    group = models.OneToOneField(Group, on_delete=models.PROTECT, related_name="+")
    collection = models.OneToOneField(
        "wagtailcore.Collection", on_delete=models.PROTECT, related_name="+"
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    publishes_directly = models.BooleanField(
        _("publishes without review"),
        default=False,
        help_text=_("Trusted residents publish their pages themselves, without staff review."),
    )
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)
    ended_at = models.DateTimeField(_("residency ended"), null=True, blank=True)
    # {page id: revision id} of the pages unpublished when the residency ended, so that
    # undoing it puts back exactly what was live.
    unpublished_revisions = models.JSONField(default=dict, blank=True)

    class Meta:
        verbose_name = _("resident account")
        verbose_name_plural = _("resident accounts")
        ordering = ["page__name"]
        # Site-wide, not about accounts: kept here with the residents' other rights
        # (residents.editorial).
        permissions = [
            (
                "set_editorial_flags",
                _("Can feature pages, show them in menus and restrict who views them"),
            )
        ]

    def __str__(self):
        return self.page.name

    @property
    def is_former(self) -> bool:
        return self.ended_at is not None
