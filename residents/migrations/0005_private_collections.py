"""Residents' collections become private to the resident and staff (as
``residents.services.resident_collection_make_private`` does for new residents): their
documents no longer download for anyone who has the address. A collection that already
has a privacy setting keeps it."""

from django.db import migrations

DOCUMENT_READERS = ("Programme team", "Administrators")


def make_private(apps, schema_editor):
    ResidentAccount = apps.get_model("residents", "ResidentAccount")
    Group = apps.get_model("auth", "Group")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    staff = list(Group.objects.filter(name__in=DOCUMENT_READERS))
    for account in ResidentAccount.objects.all():
        if CollectionViewRestriction.objects.filter(collection_id=account.collection_id).exists():
            continue
        restriction = CollectionViewRestriction.objects.create(
            collection_id=account.collection_id, restriction_type="groups"
        )
        restriction.groups.set([account.group_id, *(group.pk for group in staff)])


class Migration(migrations.Migration):
    dependencies = [("residents", "0004_staff_groups")]

    operations = [migrations.RunPython(make_private, migrations.RunPython.noop)]
