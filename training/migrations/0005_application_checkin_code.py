from django.db import migrations, models

import events.reservations


def give_codes(apps, schema_editor):
    """Applications made before the door knew trainees get their code (data kept)."""
    Application = apps.get_model("training", "Application")
    for application in Application.objects.filter(checkin_code__isnull=True).only("pk"):
        application.checkin_code = events.reservations.new_checkin_code()
        application.save(update_fields=["checkin_code"])


class Migration(migrations.Migration):
    dependencies = [("training", "0004_trainingmodulepage_image_alt_text")]

    operations = [
        migrations.AddField(
            model_name="application",
            name="checkin_code",
            field=models.CharField(max_length=32, null=True),
        ),
        migrations.RunPython(give_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="application",
            name="checkin_code",
            field=models.CharField(
                default=events.reservations.new_checkin_code, max_length=32, unique=True
            ),
        ),
    ]
