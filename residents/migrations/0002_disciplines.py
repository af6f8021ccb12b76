from django.db import migrations

SLUGS = [
    "direction",
    "screenwriting",
    "production",
    "cinematography",
    "sound",
    "editing",
    "post-production",
    "animation",
    "distribution",
    "diffusion",
]


def create_disciplines(apps, schema_editor):
    Discipline = apps.get_model("residents", "Discipline")
    for order, slug in enumerate(SLUGS):
        Discipline.objects.update_or_create(slug=slug, defaults={"sort_order": order})


class Migration(migrations.Migration):
    dependencies = [("residents", "0001_initial")]

    operations = [migrations.RunPython(create_disciplines, migrations.RunPython.noop)]
