"""Editorial flags (featured, in menus, view restrictions) are for staff: a permission
of their own, given to the programme team and administrators (residents.editorial)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

STAFF = ["Programme team", "Administrators"]


def grant_to_staff(apps, schema_editor):
    # Permissions are otherwise made after all migrations: make this one now.
    app_config = apps.get_app_config("residents")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.get(
        content_type__app_label="residents", codename="set_editorial_flags"
    )
    for group in Group.objects.filter(name__in=STAFF):
        group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("residents", "0005_private_collections"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="residentaccount",
            options={
                "ordering": ["page__name"],
                "permissions": [
                    (
                        "set_editorial_flags",
                        "Can feature pages, show them in menus and restrict who views them",
                    )
                ],
                "verbose_name": "resident account",
                "verbose_name_plural": "resident accounts",
            },
        ),
        migrations.RunPython(grant_to_staff, migrations.RunPython.noop),
    ]
