"""Training modules moved from ``workshops`` to their own app with their rows: a database
holding modules, applications and registrations made under the old schema keeps them
all once migrated, and the pages are still served as training modules."""

import uuid
from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone

# These tests migrate the test database back and forth and end with it flushed (the data
# migrations made is gone): they run after every other test of their worker.
pytestmark = pytest.mark.empties_database

OLD_SCHEMA = [("workshops", "0002_registrations_applications"), ("training", None)]


def migrate(targets):
    """Migrate to ``targets``; the models as the applied migrations leave them."""
    MigrationExecutor(connection).migrate(targets)
    loader = MigrationLoader(connection)
    applied = [key for key in loader.applied_migrations if key in loader.graph.nodes]
    return loader.project_state(applied).apps


@pytest.fixture(autouse=True)
def fresh_content_type_cache():
    """These tests move content types under Django's cache of them: the tests after
    them must not meet a content type the cache remembers from before."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()


def old_page(apps, model_label, *, path, **fields):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Locale = apps.get_model("wagtailcore", "Locale")
    app_label, model_name = model_label.split(".")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model_name)
    locale, _ = Locale.objects.get_or_create(language_code="fr")
    title = fields.pop("title")
    return apps.get_model(app_label, model_name).objects.create(
        title=title,
        draft_title=title,
        slug=title.lower().replace(" ", "-"),
        path=path,
        depth=len(path) // 4,
        numchild=0,
        url_path=f"/{title}/",
        live=True,
        content_type=content_type,
        locale=locale,
        translation_key=uuid.uuid4(),
        **fields,
    )


@pytest.mark.django_db(transaction=True)
def test_modules_applications_and_registrations_survive_the_move_to_training():
    now = timezone.now()
    old = migrate(OLD_SCHEMA)
    old_page(old, "wagtailcore.page", path="0099", title="Old root")
    module = old_page(
        old,
        "workshops.trainingmodulepage",
        path="00990001",
        title="Module etalonnage",
        summary="Made under the old schema.",
        application_deadline=now + timedelta(days=10),
        places=3,
    )
    workshop = old_page(
        old,
        "workshops.workshoppage",
        path="00990002",
        title="Atelier son",
        summary="Old.",
        age_min=8,
        age_max=12,
    )
    Session = old.get_model("events", "Session")
    session = Session.objects.create(
        page_id=workshop.pk,
        kind="workshop",
        start=now + timedelta(days=3),
        end=now + timedelta(days=3, hours=2),
        places=10,
        sort_order=0,
    )
    old.get_model("workshops", "Application").objects.create(
        module_id=module.pk,
        first_name="Inès",
        last_name="Moreau",
        email="ines@example.org",
        email_key="ines@example.org",
        motivation="Apprendre l'étalonnage.",
        language="fr",
        status="accepted",
        manage_token="old-application-token",
    )
    old.get_model("workshops", "Registration").objects.create(
        workshop_id=workshop.pk,
        session_id=session.pk,
        child_first_name="Lou",
        child_key="lou",
        guardian_first_name="Sam",
        guardian_last_name="Roy",
        email="sam@example.org",
        email_key="sam@example.org",
        phone="0600000000",
        participation_consent_at=now,
        status="confirmed",
        language="fr",
        manage_token="old-registration-token",
        checkin_code="old-checkin",
    )
    module_content_type = old.get_model("contenttypes", "ContentType").objects.get(
        app_label="workshops", model="trainingmodulepage"
    )

    migrate(MigrationLoader(connection).graph.leaf_nodes())

    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page as CurrentPage

    from training.models import Application, TrainingModulePage
    from workshops.models import Registration

    application = Application.objects.get(manage_token="old-application-token")
    assert (application.first_name, application.status) == ("Inès", "accepted")
    assert application.module.title == "Module etalonnage"
    page = CurrentPage.objects.get(pk=module.pk).specific
    assert isinstance(page, TrainingModulePage) and page.places == 3
    moved = ContentType.objects.get_for_model(TrainingModulePage)
    assert moved.pk == module_content_type.pk  # the same row, relabelled
    assert not ContentType.objects.filter(app_label="workshops", model="application").exists()
    registration = Registration.objects.get(manage_token="old-registration-token")
    assert registration.session.places == 10 and registration.child_first_name == "Lou"


@pytest.mark.django_db(transaction=True)
def test_applications_made_before_the_door_knew_trainees_get_a_check_in_code_each():
    old = migrate([("training", "0004_trainingmodulepage_image_alt_text")])
    old_page(old, "wagtailcore.page", path="0098", title="Old root two")
    module = old_page(
        old,
        "training.trainingmodulepage",
        path="00980001",
        title="Module montage",
        summary="Before the door.",
        application_deadline=timezone.now() + timedelta(days=10),
        places=3,
    )
    Application = old.get_model("training", "Application")
    for name, status in (("Inès", "accepted"), ("Yanis", "received")):
        Application.objects.create(
            module_id=module.pk,
            first_name=name,
            last_name="Moreau",
            email=f"{name.lower()}@example.org",
            email_key=f"{name.lower()}@example.org",
            motivation="Monter un film.",
            language="fr",
            status=status,
            manage_token=f"token-{name}",
        )

    migrate(MigrationLoader(connection).graph.leaf_nodes())

    from training.models import Application as CurrentApplication

    applications = list(CurrentApplication.objects.filter(module_id=module.pk))
    assert {(a.first_name, a.status, a.manage_token) for a in applications} == {
        ("Inès", "accepted", "token-Inès"),
        ("Yanis", "received", "token-Yanis"),
    }
    codes = {a.checkin_code for a in applications}
    assert len(codes) == 2 and all(len(code) >= 16 for code in codes)
