"""The donations admin through the real views: who sees donors, the export, the totals."""

import csv
import io
import json
import re
from datetime import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from openpyxl import load_workbook

from donations.models import Payment
from tests.conftest import PARIS

from .conftest import make_donation

pytestmark = pytest.mark.django_db

LISTING = reverse("wagtailadmin_home") + "donations/"


def user_in(group_name, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "x")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def gifts(bilingual_site):
    paid = make_donation(first_name="Ada", last_name='=HYPERLINK("http://x")', status="paid")
    Payment.objects.create(
        donation=paid, amount=2500, status="paid", paid_at=datetime(2026, 10, 3, tzinfo=PARIS)
    )
    monthly = make_donation(frequency="monthly", amount=1000, email="m@example.org")
    for month in (10, 11):
        Payment.objects.create(
            donation=monthly,
            amount=1000,
            status="paid",
            paid_at=datetime(2026, month, 1, 0, 30, tzinfo=PARIS),
        )
    refunded = make_donation(email="r@example.org", status="refunded")
    Payment.objects.create(
        donation=refunded,
        amount=9900,
        status="refunded",
        paid_at=datetime(2026, 11, 2, tzinfo=PARIS),
    )
    return paid, monthly, refunded


def test_the_admin_urls_have_stable_names():
    assert reverse("donations:index") == LISTING
    assert reverse("donation_totals:index") == reverse("wagtailadmin_home") + "donation-totals/"


def test_a_superuser_lists_filters_and_searches_donations(client, admin_user, gifts):
    client.force_login(admin_user)

    listing = client.get(LISTING)
    monthly = client.get(LISTING, {"frequency": "monthly"})
    found = client.get(LISTING, {"q": "Ada"})

    assert listing.status_code == 200
    assert "r@example.org" not in listing.content.decode()  # email not a column
    assert "Durand" in listing.content.decode() and "Remboursé" in listing.content.decode()
    assert "Mensuel" in monthly.content.decode() and "Ada" not in monthly.content.decode()
    assert "Ada" in found.content.decode()


def test_the_listing_makes_the_same_queries_for_3_or_30_donations(
    client, admin_user, gifts, django_assert_max_num_queries
):
    client.force_login(admin_user)
    client.get(LISTING)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(LISTING)
    for n in range(27):
        make_donation(email=f"n{n}@example.org")
    with django_assert_max_num_queries(len(few)):
        client.get(LISTING)


@pytest.mark.parametrize("group", ["Box office", "Programme team", "Editors"])
def test_staff_groups_see_no_donors_by_default(client, gifts, group):
    user = user_in(group, "staff")
    client.force_login(user)

    for url in (LISTING, LISTING + "?export=csv", reverse("donation_totals:index")):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert b"Durand" not in response.content
    assert "donations/" not in client.get(reverse("wagtailadmin_home")).content.decode()


def test_administrators_see_donations_and_totals(client, gifts):
    client.force_login(user_in("Administrators", "boss"))

    assert client.get(LISTING).status_code == 200
    assert client.get(reverse("donation_totals:index")).status_code == 200


def test_a_group_granted_totals_sees_figures_but_no_donor(client, gifts):
    user = user_in("Programme team", "prog")
    user.groups.first().permissions.add(Permission.objects.get(codename="view_donation_totals"))
    client.force_login(user)

    totals = client.get(reverse("donation_totals:index"))
    assert totals.status_code == 200
    assert "Durand" not in totals.content.decode()
    assert client.get(LISTING).status_code in (302, 403)


def test_the_csv_export_neutralises_formulas_and_gives_euros(client, admin_user, gifts):
    client.force_login(admin_user)

    response = client.get(LISTING, {"export": "csv"})

    content = b"".join(response.streaming_content).decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(content)))
    ada = next(row for row in rows if row["Prénom"] == "Ada")
    assert ada["Nom"].startswith("'=HYPERLINK")
    assert ada["Montant (EUR)"] == "25.0"
    assert ada["Statut"] == "Payé"
    assert len(rows) == 3


def test_the_xlsx_export_keeps_formulas_as_text(client, admin_user, gifts):
    client.force_login(admin_user)

    response = client.get(LISTING, {"export": "xlsx"})

    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    rows = list(sheet.values)
    cell = next(row for row in rows[1:] if row[2] == "Ada")[3]
    assert cell == '=HYPERLINK("http://x")'
    assert len(rows) == 4
    sheet_cell = next(c for c in sheet["D"] if c.value == cell)
    assert sheet_cell.data_type == "s"


def test_totals_per_month_in_paris_time_as_a_chart_and_a_table(
    client, admin_user, gifts, frozen_now
):
    client.force_login(admin_user)

    response = client.get(reverse("donation_totals:index"), {"months": 3})

    html = response.content.decode()
    assert response.status_code == 200
    # The chart: drawn in the browser by the vendored Chart.js from this data block.
    assert '<script src="/static/vendor/chartjs/chart.umd.min.js" defer>' in html
    assert '<canvas data-chart="donations" role="img" aria-label=' in html
    data = re.search(r'<script id="chart-data" type="application/json">(.*?)</script>', html)
    assert json.loads(data.group(1)) == {
        "donations": {
            "type": "bar",
            "labels": ["septembre 2026", "octobre 2026", "novembre 2026"],
            "datasets": [{"label": "Dons reçus", "data": [0, 35, 10]}],
            "money": True,
        }
    }
    # Months in Paris time: 1 October 00:30 is 30 September in UTC, 1 November 00:30 is
    # 31 October; the refunded payment is not counted.
    rows = [
        ("septembre 2026", 0, "0\u00a0€"),
        ("octobre 2026", 2, "35\u00a0€"),
        ("novembre 2026", 1, "10\u00a0€"),
    ]
    for month, count, amount in rows:
        assert (
            f'<th scope="row">{month}</th>\n                <td>{count}</td>\n'
            f"                <td>{amount}</td>"
        ) in html
    assert "45\u00a0€ (3 paiements)" in html


def test_totals_refuse_a_silly_period(client, admin_user, gifts):
    client.force_login(admin_user)
    assert client.get(reverse("donation_totals:index"), {"months": "x"}).status_code == 400
    assert client.get(reverse("donation_totals:index"), {"months": "999"}).status_code == 400
