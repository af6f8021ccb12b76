"""Dates as people say them, from UTC storage to the Paris wall clock."""

from datetime import UTC, date, datetime

import pytest
from django.utils import translation

from core.dates import month_label, natural_date, natural_datetime, natural_time
from tests.conftest import paris


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (paris(2025, 12, 3, 20), "fr", "mercredi 3 décembre à 20 h"),
        (paris(2025, 12, 3, 20), "en", "Wednesday 3 December, 8 pm"),
        (paris(2025, 12, 3, 20, 30), "fr", "mercredi 3 décembre à 20 h 30"),
        (paris(2025, 12, 3, 20, 30), "en", "Wednesday 3 December, 8.30 pm"),
        (paris(2025, 12, 1, 9, 5), "fr", "lundi 1er décembre à 9 h 05"),
        (paris(2025, 12, 1, 9, 5), "en", "Monday 1 December, 9.05 am"),
    ],
)
def test_natural_datetime_reads_as_people_say_it(value, lang, expected):
    assert natural_datetime(value, lang) == expected


def test_first_of_the_month_is_1er_in_french_only():
    assert natural_date(date(2025, 12, 1), "fr") == "lundi 1er décembre"
    assert natural_date(date(2025, 12, 1), "en") == "Monday 1 December"
    assert natural_date(date(2025, 12, 2), "fr") == "mardi 2 décembre"


def test_date_without_weekday():
    assert natural_date(date(2026, 8, 15), "fr", weekday=False) == "15 août"


@pytest.mark.parametrize(
    ("hour", "minute", "fr", "en"),
    [
        (20, 0, "20 h", "8 pm"),
        (20, 30, "20 h 30", "8.30 pm"),
        (12, 0, "12 h", "12 pm"),
        (0, 15, "0 h 15", "12.15 am"),
        (9, 0, "9 h", "9 am"),
    ],
)
def test_natural_time(hour, minute, fr, en):
    value = paris(2026, 3, 4, hour, minute)
    assert natural_time(value, "fr") == fr
    assert natural_time(value, "en") == en


def test_utc_evening_in_december_is_shown_at_20_h_in_paris():
    assert natural_datetime(datetime(2025, 12, 3, 19, 0, tzinfo=UTC), "fr") == (
        "mercredi 3 décembre à 20 h"
    )


def test_utc_evening_in_june_is_shown_at_20_h_in_paris():
    assert natural_datetime(datetime(2026, 6, 3, 18, 0, tzinfo=UTC), "fr") == (
        "mercredi 3 juin à 20 h"
    )


def test_late_utc_evening_is_already_the_next_day_in_paris():
    # 23:30 UTC on 31 December is 00:30 on 1 January in Paris.
    assert natural_datetime(datetime(2025, 12, 31, 23, 30, tzinfo=UTC), "fr") == (
        "jeudi 1er janvier à 0 h 30"
    )


def test_same_wall_clock_time_on_both_sides_of_the_october_change():
    before = datetime(2026, 10, 21, 18, 0, tzinfo=UTC)  # summer time, UTC+2
    after = datetime(2026, 10, 28, 19, 0, tzinfo=UTC)  # winter time, UTC+1
    assert natural_time(before, "fr") == natural_time(after, "fr") == "20 h"


def test_language_defaults_to_the_active_language():
    value = paris(2025, 12, 3, 20)
    with translation.override("en"):
        assert natural_datetime(value) == "Wednesday 3 December, 8 pm"
    with translation.override("fr"):
        assert natural_datetime(value) == "mercredi 3 décembre à 20 h"


def test_regional_variants_and_unknown_languages():
    value = paris(2025, 12, 3, 20)
    assert natural_datetime(value, "fr-ca") == "mercredi 3 décembre à 20 h"
    assert natural_datetime(value, "de") == "Wednesday 3 December, 8 pm"


def test_month_label():
    assert month_label(date(2026, 12, 1), "fr") == "décembre 2026"
    assert month_label(date(2026, 12, 1), "en") == "December 2026"
