"""The box office keeps the newsletter: it exports the subscribers and sends the
programme letters (it already sees the people who book)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PERMISSIONS = [
    ("newsletter", "export_subscriber"),
    ("newsletter", "view_subscriber"),
    ("newsletter", "add_programmeletter"),
]


def grant(apps, schema_editor):
    app_config = apps.get_app_config("newsletter")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _created = Group.objects.get_or_create(name="Box office")
    for app_label, codename in PERMISSIONS:
        group.permissions.add(
            Permission.objects.get(content_type__app_label=app_label, codename=codename)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("newsletter", "0001_newsletter"),
        ("events", "0008_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
