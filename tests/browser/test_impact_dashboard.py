"""The attendance and impact dashboard of the demo site, opened by the admin: every
chart is drawn by the Chart.js the site serves, from the page's own figures, with no
script error and nothing fetched from another host."""

import re
from urllib.parse import urlsplit

import pytest

from .conftest import VIEWPORTS

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("chromium_ready")]

# Each canvas: drawn by Chart.js, and with some pixels painted.
DRAWN = """() => [...document.querySelectorAll("canvas[data-chart]")].map(canvas => {
    const chart = window.Chart && window.Chart.getChart(canvas);
    const pixels = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 3; i < pixels.data.length; i += 4) if (pixels.data[i]) painted++;
    return {
        name: canvas.dataset.chart,
        drawn: Boolean(chart),
        points: chart ? chart.data.datasets.reduce((n, d) => n + d.data.length, 0) : 0,
        painted,
    };
})"""


@pytest.fixture
def admin_page(browser, demo_site):
    """A page of its own context (the login must not reach the anonymous checks), with
    requests to other hosts recorded and refused."""
    chromium = browser
    context = chromium.new_context(**VIEWPORTS["desktop"], timezone_id="Europe/Paris")
    context.set_default_timeout(20_000)
    elsewhere: list[str] = []

    def block_other_hosts(route):
        if urlsplit(route.request.url).netloc == demo_site.netloc:
            route.continue_()
        else:
            elsewhere.append(route.request.url)
            route.abort("blockedbyclient")

    context.route("**/*", block_other_hosts)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, errors, elsewhere
    context.close()


def test_the_admin_sees_every_chart_of_the_dashboard_drawn(demo_site, admin_page):
    page, errors, elsewhere = admin_page
    page.goto(demo_site.url("/admin/login/"))
    page.locator("#id_username").fill("admin")
    page.locator("#id_password").fill("fabrique-admin")
    page.locator("form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))

    response = page.goto(demo_site.url("/admin/impact/"), wait_until="networkidle")
    assert response.status == 200
    page.wait_for_function(
        "() => [...document.querySelectorAll('canvas[data-chart]')]"
        ".every(canvas => window.Chart && window.Chart.getChart(canvas))"
    )
    charts = {chart["name"]: chart for chart in page.evaluate(DRAWN)}
    # The demo's season has screenings, feedback, workshops, training and donations.
    assert set(charts) == {
        "sessions",
        "seats",
        "rates",
        "waitlist",
        "people",
        "donations",
        "ratings",
        "ages",
        "training",
    }
    for name, chart in charts.items():
        assert chart["drawn"] and chart["points"] > 0 and chart["painted"] > 0, name
    assert (errors, elsewhere) == ([], [])
