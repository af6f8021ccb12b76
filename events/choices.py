from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    SCREENING = "screening", _("Screening")
    WORKSHOP = "workshop", _("Youth workshop")
    TRAINING = "training", _("Training module")


class Audience(models.TextChoices):
    ALL = "all", _("Everyone")
    YOUNG = "young", _("Young people")
    FAMILIES = "families", _("Families")
    ADULTS = "adults", _("Adults")
    PROFESSIONALS = "professionals", _("Emerging professionals")
