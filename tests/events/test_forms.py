"""The programme filter form: good values filter, bad values are ignored."""

from datetime import date

import pytest
from django.http import QueryDict

from events.forms import ProgrammeFilterForm


@pytest.fixture(autouse=True)
def _now(frozen_now):
    """Month choices run from the current month (November 2026) for twelve months."""


def filters(query: str) -> dict:
    return ProgrammeFilterForm(QueryDict(query)).cleaned_filters()


def test_unbound_form_applies_no_filter():
    assert ProgrammeFilterForm().cleaned_filters() == {}
    assert ProgrammeFilterForm().query_without_page() == ""


def test_valid_values_become_filters():
    assert filters("kind=screening&audience=young&month=2026-12") == {
        "kind": "screening",
        "audience": "young",
        "month": date(2026, 12, 1),
    }


def test_month_choices_cover_this_month_and_the_next_eleven():
    months = [value for value, _label in ProgrammeFilterForm().fields["month"].choices][1:]
    assert months[0] == "2026-11"
    assert months[-1] == "2027-10"
    assert len(months) == 12


@pytest.mark.parametrize(
    "query",
    [
        "kind=opera",
        "audience=everyone-else",
        "month=2026-13",
        "month=december",
        "month=2025-01",
        "month=2030-01",
        "kind=&audience=&month=",
        "kind=screening%00",
    ],
)
def test_bad_values_are_ignored(query):
    assert filters(query) == {}


def test_bad_value_does_not_drop_the_good_ones():
    assert filters("kind=workshop&month=nope&audience=zzz") == {"kind": "workshop"}


def test_query_without_page_keeps_only_filled_filters():
    form = ProgrammeFilterForm(QueryDict("kind=screening&page=3&audience=&utm_source=x"))
    assert form.query_without_page() == "kind=screening"
