from django.db import models
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, TranslatableMixin
from wagtail.search import index
from wagtail.snippets.models import register_snippet

from core.blocks import BodyBlock
from core.page_forms import ChoosablePageForm
from core.page_lookups import locale_of
from core.page_methods import ReadPageMethods


class HomePage(ReadPageMethods, Page):
    base_form_class = ChoosablePageForm

    introduction = models.TextField(_("introduction"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    donation_call = models.TextField(
        _("donation call"),
        blank=True,
        help_text=_("Shown only while donations are open."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        FieldPanel("donation_call"),
    ]
    search_fields = Page.search_fields + [index.SearchField("introduction")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.StandardPage",
        "events.ProgrammeIndexPage",
        "residents.ResidentIndexPage",
        "donations.DonationPage",
        "archive.ArchiveIndexPage",
        "festival.CompetitionPage",
    ]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        from donations.selectors import donations_open
        from events.selectors import home_listings
        from residents.selectors import featured_residents

        context = super().get_context(request, *args, **kwargs)
        locale = locale_of(self)
        # Read only when the template's cached fragment is built, not on each request.
        listings = SimpleLazyObject(lambda: home_listings(locale=locale, screenings=4, courses=4))
        context["screenings"] = SimpleLazyObject(lambda: listings[0])
        context["courses"] = SimpleLazyObject(lambda: listings[1])
        context["residents"] = SimpleLazyObject(lambda: featured_residents(locale=locale, limit=6))
        context["donations_open"] = donations_open()
        if context["donations_open"]:
            from donations.selectors import donation_page_for

            context["donation_page"] = SimpleLazyObject(lambda: donation_page_for(locale=locale))
        return context


class StandardPage(ReadPageMethods, Page):
    """About, venue and access, accessibility statement, legal and privacy pages."""

    base_form_class = ChoosablePageForm

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    parent_page_types = ["home.HomePage", "home.StandardPage"]
    subpage_types = ["home.StandardPage"]

    class Meta:
        verbose_name = _("standard page")


@register_snippet
class Partner(TranslatableMixin, models.Model):
    class Kind(models.TextChoices):
        FESTIVAL = "festival", _("Festival")
        SCHOOL = "school", _("School")
        SOCIAL = "social", _("Social partner")
        INSTITUTION = "institution", _("Institution")

    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    website = models.URLField(_("website"), blank=True)
    description = models.TextField(_("description"), blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("website"),
        FieldPanel("description"),
        FieldPanel("logo"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]

    def __str__(self):
        return self.name


@register_setting(icon="site")
class OrganisationSettings(BaseSiteSetting):
    """Who we are and how to reach us: shown in the footer, JSON-LD and emails."""

    name = models.CharField(_("name"), max_length=200, default="Fabrique")
    legal_name = models.CharField(_("legal name"), max_length=200, blank=True)
    street_address = models.CharField(_("street address"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    mastodon_url = models.URLField(_("Mastodon"), blank=True)
    instagram_url = models.URLField(_("Instagram"), blank=True)
    facebook_url = models.URLField(_("Facebook"), blank=True)
    vimeo_url = models.URLField(_("Vimeo"), blank=True)
    booking_terms_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("booking terms page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page that sets out the booking terms, in each language."),
    )
    booking_terms_summary = RichTextField(
        _("booking terms summary (French)"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("A short summary shown beside booking forms."),
    )
    booking_terms_summary_en = RichTextField(
        _("booking terms summary (English)"),
        blank=True,
        features=["bold", "italic", "link"],
        help_text=_("Shown on English pages; the French summary when left empty."),
    )
    accessibility_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("accessibility statement"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    legal_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("legal notice"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    privacy_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy policy"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("name"),
                FieldPanel("legal_name"),
                FieldPanel("street_address"),
                FieldPanel("postal_code"),
                FieldPanel("city"),
                FieldPanel("email"),
                FieldPanel("phone"),
            ],
            heading=_("Organisation"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("mastodon_url"),
                FieldPanel("instagram_url"),
                FieldPanel("facebook_url"),
                FieldPanel("vimeo_url"),
            ],
            heading=_("Social links"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("booking_terms_page"),
                FieldPanel("booking_terms_summary"),
                FieldPanel("booking_terms_summary_en"),
            ],
            heading=_("Booking terms"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("accessibility_page"),
                FieldPanel("legal_page"),
                FieldPanel("privacy_page"),
            ],
            heading=_("Footer pages"),
        ),
    ]

    class Meta:
        verbose_name = _("organisation")

    @property
    def social_links(self):
        links = [
            ("Mastodon", self.mastodon_url),
            ("Instagram", self.instagram_url),
            ("Facebook", self.facebook_url),
            ("Vimeo", self.vimeo_url),
        ]
        return [(label, url) for label, url in links if url]

    @property
    def address_line(self):
        return ", ".join(
            part
            for part in [self.street_address, f"{self.postal_code} {self.city}".strip()]
            if part
        )
