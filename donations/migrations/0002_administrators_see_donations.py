"""Donors are personal data: by default only superusers and the Administrators group
(made by residents 0004) see donations and their totals; staff grant
``view_donation_totals`` (figures only) or ``view_donation`` (donors) to other groups
in Settings > Groups. Nothing is removed when migrating back."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = ["view_donation", "view_donation_totals"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("donations")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    administrators = Group.objects.filter(name="Administrators").first()
    if administrators is not None:
        administrators.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="donations", codename__in=PERMISSIONS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("donations", "0001_initial"),
        ("residents", "0004_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
