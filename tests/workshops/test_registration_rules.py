"""Pure registration rules: age on a day, places of a series."""

from datetime import date

import pytest

from workshops.registration_rules import age_in_band, age_on, series_places_left


@pytest.mark.parametrize(
    ("born", "day", "age"),
    [
        (date(2017, 12, 2), date(2026, 12, 2), 9),  # the birthday itself counts
        (date(2017, 12, 3), date(2026, 12, 2), 8),  # the day before the birthday
        (date(2017, 1, 1), date(2026, 12, 31), 9),
        (date(2016, 2, 29), date(2025, 2, 28), 8),  # leap-day child, common year
        (date(2016, 2, 29), date(2025, 3, 1), 9),
        (date(2016, 2, 29), date(2028, 2, 29), 12),
    ],
)
def test_age_on_a_day_counts_whole_years(born, day, age):
    assert age_on(birth_date=born, day=day) == age


@pytest.mark.parametrize(
    ("born", "inside"),
    [
        (date(2017, 12, 2), True),  # 9 that very day
        (date(2017, 12, 3), False),  # 9 the day after
        (date(2012, 12, 3), True),  # 13, turns 14 the day after
        (date(2012, 12, 2), False),  # 14 that very day
    ],
)
def test_the_band_includes_both_ends(born, inside):
    assert age_in_band(birth_date=born, day=date(2026, 12, 2), age_min=9, age_max=13) is inside


def test_a_series_has_the_places_of_its_fullest_session():
    assert series_places_left([(5, 0), (4, 0), (6, 0)]) == 4
    assert series_places_left([(5, 3), (4, 0), (6, 0)]) == 2
    assert series_places_left([(5, 6), (4, 0)]) == 0  # never negative
    assert series_places_left([]) == 0
