"""Admin of training modules: the applications viewset (staff change the status through
the services) and its log actions."""

from wagtail import hooks

from .viewsets import ApplicationViewSet, register_log_actions


@hooks.register("register_admin_viewset")
def register_application_viewset():
    return ApplicationViewSet("training_applications")


hooks.register("register_log_actions", register_log_actions)
