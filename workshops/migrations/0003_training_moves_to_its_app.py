"""Training modules and applications now belong to the ``training`` app (its 0001 and
0002 move them with their rows): they leave this app's state, nothing is dropped."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('workshops', '0002_registrations_applications'),
        ('training', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
            migrations.RemoveField(
                model_name='trainingmodulepage',
                name='image',
            ),
            migrations.RemoveField(
                model_name='trainingmodulepage',
                name='page_ptr',
            ),
            migrations.RemoveField(
                model_name='trainingmodulepage',
                name='partner_school',
            ),
            migrations.DeleteModel(
                name='Application',
            ),
            migrations.DeleteModel(
                name='TrainingModulePage',
            ),
            ],
        ),
    ]
