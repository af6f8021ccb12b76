"""The tables take the app's name, and the content types of training modules and
applications move from ``workshops`` to ``training`` in place: every row that points to
them (pages, revisions, translations, permissions, log entries) follows."""

from django.db import migrations

MODELS = ["trainingmodulepage", "application"]


def move_content_types(apps, schema_editor, old="workshops", new="training"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        moved = ContentType.objects.filter(app_label=old, model=model).first()
        if moved is None:
            continue  # a new database: post_migrate creates it under the new label
        # One made under the new label meanwhile (an earlier run of create_permissions)
        # holds nothing yet: drop it with its permissions rather than leave two.
        ContentType.objects.filter(app_label=new, model=model).delete()
        moved.app_label = new
        moved.save(update_fields=["app_label"])


def move_content_types_back(apps, schema_editor):
    move_content_types(apps, schema_editor, old="training", new="workshops")


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0001_initial"),
        ("workshops", "0003_training_moves_to_its_app"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterModelTable(name="trainingmodulepage", table=None),
        migrations.AlterModelTable(name="application", table=None),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
