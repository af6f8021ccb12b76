"""The programme team and administrators answer premieres and room requests."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = ["view_premiereproposal", "change_premiereproposal", "view_roomrequest", "change_roomrequest"]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("premieres")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="premieres", codename__in=PERMISSIONS
    )
    for name in ("Programme team", "Administrators"):
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("premieres", "0001_initial"),
        ("residents", "0004_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
