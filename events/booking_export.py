"""The spreadsheet of bookings, one mechanism for every export of them: a session's
(the session page) and the admin's list of all bookings (``/admin/bookings/?export=``).
"""

from datetime import datetime

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.views.mixins import SpreadsheetExportMixin


def neutralise_formula(value: str) -> str:
    """A cell a spreadsheet would run as a formula is written as text (CSV injection)."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def paris_naive(value: datetime) -> datetime:
    return timezone.make_naive(value, timezone.get_default_timezone())


class BookingExportMixin(SpreadsheetExportMixin):
    """Bookings as CSV (UTF-8 with a BOM, for Excel) or XLSX, with translated headings,
    times on the Paris clock and formulas neutralised. ``list_export`` may start with
    the session's columns (``session``, ``session_start``) when several are exported."""

    list_export = [
        "name",
        "email",
        "seats",
        "status",
        "wheelchair",
        "access_needs",
        "booked_at",
        "checked_in_at",
        "no_show",
    ]
    custom_value_preprocess = {
        datetime: {
            SpreadsheetExportMixin.FORMAT_XLSX: paris_naive,
            SpreadsheetExportMixin.FORMAT_CSV: lambda value: f"{paris_naive(value):%Y-%m-%d %H:%M}",
        },
        str: {SpreadsheetExportMixin.FORMAT_CSV: neutralise_formula},
    }

    @property
    def export_headings(self):
        return {
            "session": _("Event"),
            "session_start": _("Session starts at"),
            "name": _("Name"),
            "email": _("Email"),
            "seats": _("Seats"),
            "status": _("Status"),
            "wheelchair": _("Wheelchair place"),
            "access_needs": _("Other accessibility needs"),
            "booked_at": _("Booked at"),
            "checked_in_at": _("Checked in at"),
            "no_show": _("No-show"),
        }

    def to_row_dict(self, item):
        yes, no = _("yes"), _("no")
        columns = {
            "session": lambda: item.session.page.title,
            "session_start": lambda: item.session.start,
            "name": lambda: f"{item.first_name} {item.last_name}".strip(),
            "email": lambda: item.email,
            "seats": lambda: item.seats,
            "status": lambda: str(item.get_status_display()),
            "wheelchair": lambda: yes if item.wheelchair else no,
            "access_needs": lambda: item.access_needs,
            "booked_at": lambda: item.created_at,
            "checked_in_at": lambda: item.checked_in_at or "",
            "no_show": lambda: yes if item.no_show else no,
        }
        return {field: columns[field]() for field in self.list_export}

    def write_csv_response(self, queryset):
        # Written at once, not streamed: headings and labels must be translated while
        # the admin's language is active.
        content = "\ufeff".encode() + b"".join(self.stream_csv(queryset))  # Excel: UTF-8
        response = HttpResponse(content, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.get_filename()}.csv"'
        return response
