"""Workflow and task names in the reader's language.

Wagtail stores one name per workflow and per task and prints it as stored: in its
templates (the page's status panel, the history, the dashboards, the task listings), in
its messages ("Submit to …", "Sent to …") and in the emails to reviewers and authors.
The names the site gives its own workflows are msgids of its catalogue, registered here
(``register``) by the app that creates them. Every Workflow, Task and workflow log entry
loaded from the database carries such a name as a ``TranslatedName``: for the database,
JSON and comparisons it is the msgid; printed (a template, ``str()``, ``%s``, a format
string) it is its translation in the language active at that moment. So the one stored
name reads in French in the French admin, in English in the English one, and each email
in its recipient's language. A name staff type themselves is shown as they wrote it;
a translation of a registered name typed back (saving the workflow's form in French) is
stored as the msgid, so the name stays one the site knows.
"""

from django.apps import apps
from django.conf import settings
from django.db.models.signals import post_init, pre_save
from django.utils.translation import gettext, override
from wagtail.models import ModelLogEntry, PageLogEntry, Task, Workflow

_msgids: set[str] = set()


class TranslatedName(str):
    """A registered msgid that prints as its translation in the active language."""

    def __str__(self) -> str:
        return gettext(str.__str__(self))

    def __format__(self, format_spec: str) -> str:
        return format(str(self), format_spec)


def register(*msgids: str) -> None:
    """Names (English msgids, marked with ``gettext_noop``) to show translated."""
    _msgids.update(msgids)


def translated(name):
    """A registered name as a TranslatedName; any other value as it is."""
    if isinstance(name, str) and name in _msgids:
        # str.__str__: a TranslatedName given to str() would be translated already.
        return TranslatedName(str.__str__(name))
    return name


def stored(name: str) -> str:
    """The msgid of a registered name or of one of its translations; else the name."""
    for msgid in _msgids:
        if name == msgid:
            return msgid
        for code, _language in settings.LANGUAGES:
            with override(code):
                if name == gettext(msgid):
                    return msgid
    return name


def _name_models() -> list[type]:
    return [Workflow, *(m for m in apps.get_models() if issubclass(m, Task))]


def _translate_name(sender, instance, **kwargs) -> None:
    if "name" in instance.__dict__:
        instance.name = translated(instance.name)


def _store_msgid(sender, instance, **kwargs) -> None:
    instance.name = translated(stored(str.__str__(instance.name)))


def _translate_log_names(sender, instance, **kwargs) -> None:
    """The history formats a workflow's log entries from the names they recorded."""
    if not instance.__dict__.get("action", "").startswith("wagtail.workflow."):
        return
    data = instance.__dict__.get("data")
    workflow = data.get("workflow") if isinstance(data, dict) else None
    if not isinstance(workflow, dict):
        return
    for part in (workflow, workflow.get("task"), workflow.get("next")):
        if isinstance(part, dict) and isinstance(part.get("title"), str):
            part["title"] = translated(part["title"])


def connect() -> None:
    for model in _name_models():
        post_init.connect(_translate_name, sender=model, dispatch_uid="workflow_names")
        pre_save.connect(_store_msgid, sender=model, dispatch_uid="workflow_names")
    for model in (PageLogEntry, ModelLogEntry):
        post_init.connect(_translate_log_names, sender=model, dispatch_uid="workflow_names")
