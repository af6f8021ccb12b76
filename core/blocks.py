"""The one StreamField vocabulary shared by every page body."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.images.blocks import ImageChooserBlock


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("Image"))
    alt_text = blocks.CharBlock(
        label=_("Alternative text"),
        required=False,
        help_text=_("Describe the image for people who cannot see it; leave empty if decorative."),
    )
    caption = blocks.CharBlock(label=_("Caption"), required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "blocks/image_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Attribution"), required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "blocks/quote_block.html"
        preview_value = {
            "text": "Le cinéma, c'est l'écriture moderne dont l'encre est la lumière.",
            "attribution": "Jean Cocteau",
        }


class VideoEmbedBlock(blocks.StructBlock):
    """A platform video that loads only after the visitor asks for it.

    Nothing is fetched from the platform when the page is shown: the visitor sees a
    button and a link, and the player is inserted after a click.
    """

    url = blocks.URLBlock(label=_("Video address (YouTube, Vimeo, PeerTube)"))
    title = blocks.CharBlock(label=_("Title of the video"))

    class Meta:
        icon = "media"
        label = _("Embedded video")
        template = "blocks/video_embed_block.html"


class CallToActionBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"))
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("Or an address"), required=False)
    link_text = blocks.CharBlock(label=_("Button label"))

    class Meta:
        icon = "pick"
        label = _("Call to action")
        template = "blocks/call_to_action_block.html"
        preview_value = {
            "text": "Les séances du mercredi sont gratuites.",
            "url": "https://example.org/",
            "link_text": "Voir le programme",
        }


class RetentionPeriodBlock(blocks.StaticBlock):
    """How long personal data is kept, stated from the setting the anonymisation uses
    (``PERSONAL_DATA_RETENTION_DAYS``): a privacy page can then never say another figure."""

    class Meta:
        icon = "time"
        label = _("Personal data retention period")
        admin_text = _(
            "Says how long personal data about a past session is kept, with the figure "
            "the site actually applies."
        )
        template = "blocks/retention_period_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        context["retention_days"] = settings.PERSONAL_DATA_RETENTION_DAYS
        return context


class BodyBlock(blocks.StreamBlock):
    heading = blocks.CharBlock(
        label=_("Heading"),
        form_classname="title",
        icon="title",
        template="blocks/heading_block.html",
    )
    paragraph = blocks.RichTextBlock(
        label=_("Rich text"),
        features=["h3", "h4", "bold", "italic", "link", "document-link", "ol", "ul"],
    )
    image = ImageBlock()
    quote = QuoteBlock()
    embed = VideoEmbedBlock()
    call_to_action = CallToActionBlock()
    retention_period = RetentionPeriodBlock()
