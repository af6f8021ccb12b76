"""Staff groups for the programme's personal data.

"Box office" sees and acts on bookings (names, emails, exports, emails to attendees,
cancelling a session, the door); "Programme team" sees each session's figures only.
Both may enter the Wagtail admin. Existing groups of these names keep what they had and
gain these permissions; nothing is removed when migrating back.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUPS = {
    "Box office": [
        ("wagtailadmin", "access_admin"),
        ("events", "view_session"),
        ("events", "view_booking"),
        ("events", "change_booking"),
        ("events", "check_in_booking"),
    ],
    "Programme team": [
        ("wagtailadmin", "access_admin"),
        ("events", "view_session"),
    ],
}


def create_groups(apps, schema_editor):
    # Permissions are otherwise made after all migrations: make them now.
    app_config = apps.get_app_config("events")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codename in permissions:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("events", "0007_booking_door_permission"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
