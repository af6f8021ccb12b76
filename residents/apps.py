from django.apps import AppConfig


class ResidentsConfig(AppConfig):
    name = "residents"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from core import workflow_names

        from .services import REVIEW_TASK, REVIEW_WORKFLOW

        # Stored in English, shown in the reader's language (core.workflow_names).
        workflow_names.register(REVIEW_WORKFLOW, REVIEW_TASK)
