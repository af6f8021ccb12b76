from decimal import Decimal

import pytest
from django.utils import translation

from donations import rules

BOUNDS = {"minimum": Decimal("1"), "maximum": Decimal("10000")}


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("25", 2500),
        ("12,50", 1250),
        ("12.5", 1250),
        (" 7 € ", 700),
        ("10 000", 1000000),
        ("1", 100),
        ("12.500", 1250),
    ],
)
def test_amounts_donors_type_become_cents(text, cents):
    assert rules.parse_amount(text, **BOUNDS) == cents


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Enter an amount in euros"),
        ("vingt", "Enter an amount in euros"),
        ("NaN", "Enter an amount in euros"),
        ("Infinity", "Enter an amount in euros"),
        ("12.345", "at most two decimals"),
        ("0.99", "between 1 and 10\u202f000 euros"),
        ("10000.01", "between 1 and 10\u202f000 euros"),
        ("-5", "between 1 and 10\u202f000 euros"),
    ],
)
def test_bad_amounts_are_refused_with_a_reason(text, message):
    with translation.override("en"):
        with pytest.raises(rules.AmountError) as refused:
            rules.parse_amount(text, **BOUNDS)
        assert message in str(refused.value.message)


def test_preset_amounts_are_positive_whole_numbers():
    assert rules.preset_amounts("10 25, 50") == [10, 25, 50]
    for text in ("", "10 0", "ten", "12.5"):
        with pytest.raises(ValueError):
            rules.preset_amounts(text)


def test_amounts_read_the_french_way():
    assert rules.format_amount(2500) == "25\u00a0€"
    assert rules.format_amount(1250) == "12,50\u00a0€"
    assert rules.format_amount(1000000) == "10\u202f000\u00a0€"


def test_amounts_in_words_for_the_tax_receipt():
    assert rules.amount_in_words(2500) == "vingt-cinq euros"
    assert rules.amount_in_words(100) == "un euro"
    assert rules.amount_in_words(1250) == "douze euros et cinquante centimes"
    assert rules.amount_in_words(8001) == "quatre-vingts euros et un centime"
