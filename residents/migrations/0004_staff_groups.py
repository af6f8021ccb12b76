"""Staff groups with their defaults (extends events 0008, which made the first two).

- Programme team: every page of the site (add, edit, publish, lock; not deleting a
  branch), all images and documents, bookings (view, change), workshop registrations
  and training applications, resident accounts (invite, change, end a residency), and
  the review of residents' pages (the "Resident review" workflow's task).
- Box office: bookings and the door, as made by events 0008; no page editing.
- Administrators: every permission that exists when this runs, and everything on pages
  and collections. Users, groups and sites are theirs to manage.

Existing groups of these names keep what they had and gain these; nothing is removed
when migrating back.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

PAGE_ACTIONS = {
    "Programme team": ["add", "change", "publish", "lock", "unlock"],
    "Administrators": ["add", "change", "publish", "bulk_delete", "lock", "unlock"],
}
COLLECTION_PERMISSIONS = [
    ("wagtailimages", f"{action}_image") for action in ("add", "change", "delete", "choose")
] + [("wagtaildocs", f"{action}_document") for action in ("add", "change", "delete", "choose")]
MODEL_PERMISSIONS = {
    "Programme team": [
        ("wagtailadmin", "access_admin"),
        ("events", "view_session"),
        ("events", "view_booking"),
        ("events", "change_booking"),
        ("workshops", "view_registration"),
        ("workshops", "change_registration"),
        ("workshops", "view_application"),
        ("workshops", "change_application"),
        ("residents", "add_residentaccount"),
        ("residents", "change_residentaccount"),
        ("residents", "view_residentaccount"),
    ],
}


def create_groups(apps, schema_editor):
    # Permissions are otherwise made after all migrations: make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    def permission(app_label, codename):
        return Permission.objects.get(content_type__app_label=app_label, codename=codename)

    groups = {name: Group.objects.get_or_create(name=name)[0] for name in MODEL_PERMISSIONS}
    groups["Administrators"] = Group.objects.get_or_create(name="Administrators")[0]
    for name, permissions in MODEL_PERMISSIONS.items():
        groups[name].permissions.add(*(permission(*p) for p in permissions))
    groups["Administrators"].permissions.add(*Permission.objects.all())

    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    for name, actions in PAGE_ACTIONS.items():
        for action in actions:
            GroupPagePermission.objects.get_or_create(
                group=groups[name],
                page=root_page,
                permission=permission("wagtailcore", f"{action}_page"),
            )
        for app_label, codename in COLLECTION_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=groups[name],
                collection=root_collection,
                permission=permission(app_label, codename),
            )


class Migration(migrations.Migration):
    dependencies = [
        ("residents", "0003_resident_account"),
        ("events", "0008_staff_groups"),
        ("workshops", "0002_registrations_applications"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailusers", "0015_userprofile_keyboard_shortcuts"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
