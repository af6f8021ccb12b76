from django.db import migrations, models

import events.bookings


def give_codes(apps, schema_editor):
    Booking = apps.get_model("events", "Booking")
    for booking in Booking.objects.filter(checkin_code__isnull=True).only("pk"):
        booking.checkin_code = events.bookings.new_checkin_code()
        booking.save(update_fields=["checkin_code"])


class Migration(migrations.Migration):
    dependencies = [("events", "0005_booking_anonymised_at")]

    operations = [
        migrations.AddField(
            model_name="booking",
            name="checkin_code",
            field=models.CharField(max_length=32, null=True),
        ),
        migrations.RunPython(give_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="booking",
            name="checkin_code",
            field=models.CharField(
                default=events.bookings.new_checkin_code, max_length=32, unique=True
            ),
        ),
        migrations.AddField(
            model_name="booking",
            name="checked_in_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="checked in at"),
        ),
        migrations.AddField(
            model_name="booking",
            name="no_show",
            field=models.BooleanField(default=False, verbose_name="no-show"),
        ),
    ]
