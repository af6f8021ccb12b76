"""Security headers on public pages and in the admin, cookies, and the admin sign-in
limit (django-axes, answered by core.security), through the real views."""

import json
from datetime import timedelta

import pytest
import time_machine
from bs4 import BeautifulSoup
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from core.ratelimit import client_address
from core.security import ALARM_CACHE_KEY
from tests.fabrique.test_settings import run_with
from tests.residents.admin_client import edit_form_data

VIDEO_HOSTS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"]
PASSWORD = "un-mot-de-passe-solide"


def csp_of(response) -> dict[str, list[str]]:
    directives = {}
    for part in response["Content-Security-Policy"].split(";"):
        name, *sources = part.split()
        directives[name] = sources
    return directives


def features_of(response) -> dict[str, str]:
    return dict(part.strip().split("=", 1) for part in response["Permissions-Policy"].split(","))


# --- public pages --------------------------------------------------------------------


def test_a_public_page_carries_a_strict_content_security_policy(client, shared_site):
    response = client.get("/")

    assert response.status_code == 200
    assert csp_of(response) == {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "media-src": ["'self'"],
        "frame-src": VIDEO_HOSTS,
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'", "https://checkout.stripe.com", "https://billing.stripe.com"],
        "frame-ancestors": ["'none'"],
    }
    assert "unsafe" not in response["Content-Security-Policy"]


def test_a_public_page_carries_the_other_security_headers(client, shared_site):
    response = client.get("/en/")

    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    features = features_of(response)
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "serial"):
        assert features[feature] == "()", feature
    players = 'self "https://www.youtube-nocookie.com" "https://player.vimeo.com"'
    assert features["fullscreen"] == f"({players})"
    assert features["picture-in-picture"] == f"({players})"


def test_a_page_served_from_the_page_cache_carries_the_same_headers(client, shared_site, settings):
    settings.PAGE_CACHE_SECONDS = 600
    cache.clear()
    first = client.get("/")
    again = Client().get("/")

    assert (first["X-Page-Cache"], again["X-Page-Cache"]) == ("miss", "hit")
    for name in ("Content-Security-Policy", "Permissions-Policy", "X-Content-Type-Options"):
        assert again[name] == first[name], name
    cache.clear()


def test_not_found_and_search_pages_carry_the_policy_too(client, shared_site):
    for path in ("/search/?q=cin%C3%A9ma", "/nowhere-at-all/"):
        response = client.get(path)
        assert "script-src 'self'" in response["Content-Security-Policy"], path


def test_public_pages_have_no_inline_script_or_style(client, site_content):
    """What the policy would block: every script is a file of ours (JSON-LD aside, data
    the browser never runs), no <style> element, no style="" attribute."""
    paths = [page.url for pair in site_content.pages.values() for page in pair]
    assert len(paths) >= 18
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        soup = BeautifulSoup(response.content, "html.parser")
        for script in soup.find_all("script"):
            if script.get("type") == "application/ld+json":
                continue
            assert script.get("src", "").startswith("/static/"), (path, str(script)[:80])
            assert not script.string, (path, str(script)[:80])
        assert soup.find("style") is None, path
        assert soup.find(style=True) is None, (path, str(soup.find(style=True))[:120])
        inline_handlers = [
            (tag.name, name)
            for tag in soup.find_all(True)
            for name in tag.attrs
            if name.startswith("on")
        ]
        assert inline_handlers == [], path


# --- the admin -----------------------------------------------------------------------


@pytest.fixture
def superuser(db):
    return get_user_model().objects.create_superuser("admin", "admin@example.org", PASSWORD)


ADMIN_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'", "blob:"],
    "frame-src": ["'self'", *VIDEO_HOSTS],
    "worker-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}


def test_the_admin_carries_a_policy_of_its_own(client, shared_site, superuser):
    """Scripts and styles from this site only (Wagtail's own inline ones aside: the
    browser check in tests/browser/test_admin_csp.py shows the admin works under it);
    the sign-in page too, and the admin's not-found page."""
    sign_in_page = client.get(reverse("wagtailadmin_login"))
    client.force_login(superuser)
    dashboard = client.get(reverse("wagtailadmin_home"))
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[shared_site.home.pk]))
    missing = client.get("/admin/nowhere-at-all/")

    for response in (sign_in_page, dashboard, edit, missing):
        assert csp_of(response) == ADMIN_POLICY, response.status_code
        assert response["X-Content-Type-Options"] == "nosniff"
        assert features_of(response)["camera"] == "()"
    assert (dashboard.status_code, edit.status_code, missing.status_code) == (200, 200, 404)
    assert b"w-form" in edit.content or b"page-editor" in edit.content


def test_the_page_preview_may_be_framed_by_the_admin_only(client, shared_site, superuser):
    """The editor's preview panel frames the preview view (Wagtail sends SAMEORIGIN
    for it): frame-ancestors, which browsers obey instead, says the same. The preview
    is the public page, under the public policy otherwise."""
    client.force_login(superuser)
    page = shared_site.home
    preview_url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    edit = client.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    client.post(preview_url, edit_form_data(client, page))

    preview = client.get(preview_url)

    assert preview.status_code == 200
    assert preview["X-Frame-Options"] == "SAMEORIGIN"
    assert csp_of(preview)["frame-ancestors"] == ["'self'"]
    assert csp_of(preview)["script-src"] == ["'self'"]
    assert csp_of(edit)["frame-ancestors"] == ["'none'"]


# --- cookies -------------------------------------------------------------------------


def test_the_csrf_and_session_cookies_cannot_be_read_by_scripts(client, shared_site, superuser):
    client.get(reverse("wagtailadmin_login"))
    assert client.cookies[settings.CSRF_COOKIE_NAME]["httponly"]

    client.post(reverse("wagtailadmin_login"), {"username": "admin", "password": PASSWORD})
    assert client.cookies[settings.SESSION_COOKIE_NAME]["httponly"]


# Each must be True in production.
PRODUCTION_FLAGS = [
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "CSRF_COOKIE_HTTPONLY",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "AXES_ENABLED",
]


def test_production_settings_send_hsts_and_secure_cookies():
    """Read in a process of their own, as gunicorn would load them."""
    names = ["SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "MIDDLEWARE"]
    names += PRODUCTION_FLAGS
    code = (
        "import django; django.setup(); "
        "import json; from django.conf import settings; import axes.conf; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {names!r}}}))"
    )
    result = run_with(code=code)
    assert result.returncode == 0, result.stderr[-2000:]
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    for name in PRODUCTION_FLAGS:
        assert values[name] is True, name
    for middleware in (
        "csp.middleware.CSPMiddleware",
        "django_permissions_policy.PermissionsPolicyMiddleware",
        "axes.middleware.AxesMiddleware",
    ):
        assert middleware in values["MIDDLEWARE"]


# --- the admin sign-in limit ---------------------------------------------------------


@pytest.fixture
def sign_in_limit(settings):
    settings.AXES_ENABLED = True


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_user("editrice", "ed@example.org", PASSWORD)


@pytest.fixture
def colleague(db):
    return get_user_model().objects.create_user("collegue", "co@example.org", PASSWORD)


def sign_in(client, username, password, **extra):
    return client.post(
        reverse("wagtailadmin_login"), {"username": username, "password": password}, **extra
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail(client, username, times, **extra):
    return [sign_in(client, username, "faux", **extra).status_code for _ in range(times)]


@pytest.mark.usefixtures("sign_in_limit")
def test_five_failures_then_even_the_right_password_is_refused_with_a_message(
    client, editor, caplog
):
    assert fail(client, "editrice", 4) == [200, 200, 200, 200]

    fifth = sign_in(client, "editrice", "faux")
    right = sign_in(client, "editrice", PASSWORD)

    assert fifth.status_code == 429
    assert right.status_code == 429
    assert not signed_in(client)
    soup = BeautifulSoup(right.content, "html.parser")
    errors = [item.get_text(strip=True) for item in soup.select(".messages li.error")]
    assert errors == [
        "Trop de tentatives de connexion échouées pour cet identifiant depuis votre réseau. "
        "La connexion est bloquée pendant 15 minutes : réessayez plus tard, ou demandez à "
        "un administrateur de réinitialiser votre mot de passe."
    ]
    assert soup.select_one("form.login-form input[name=username]") is not None
    assert any(
        record.name == "core.security" and "editrice" in record.getMessage()
        for record in caplog.records
    )


@pytest.mark.usefixtures("sign_in_limit")
def test_the_lockout_message_is_in_the_language_of_the_sign_in_page(client, editor, settings):
    """The admin's sign-in page, outside the /en/ prefix, is in the site's default
    language; the message follows it (here English, as a site set up in English)."""
    settings.LANGUAGE_CODE = "en"
    fail(client, "editrice", 5)

    response = sign_in(client, "editrice", PASSWORD)

    assert response.status_code == 429
    text = response.content.decode()
    assert "Too many failed sign-in attempts for this username from your network." in text
    assert "Sign-in is blocked for 15 minutes" in text


@pytest.mark.usefixtures("sign_in_limit")
def test_the_limit_is_per_username_and_address(client, editor, colleague):
    """Chosen so one person's typos (or an attack on one account) never lock the whole
    office out: another username from the same address, or the same username from
    elsewhere, still signs in."""
    fail(client, "editrice", 5)

    assert sign_in(Client(), "collegue", PASSWORD).status_code == 302
    elsewhere = Client(REMOTE_ADDR="192.0.2.7")
    assert sign_in(elsewhere, "editrice", PASSWORD).status_code == 302
    assert signed_in(elsewhere)
    assert sign_in(Client(), "editrice", PASSWORD).status_code == 429


@pytest.mark.usefixtures("sign_in_limit")
def test_after_the_cool_off_the_right_password_works_again(client, editor):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        fail(client, "editrice", 5)
    with time_machine.travel(start + timedelta(minutes=14), tick=False):
        assert sign_in(client, "editrice", PASSWORD).status_code == 429
    # That refused try counts as a failure too: the 15 minutes run from it.
    with time_machine.travel(start + timedelta(minutes=14 + 16), tick=False):
        response = sign_in(client, "editrice", PASSWORD)
        assert response.status_code == 302
        assert response["Location"] == reverse("wagtailadmin_home")
        assert signed_in(client)


@pytest.mark.usefixtures("sign_in_limit")
def test_a_successful_sign_in_clears_the_count(client, editor):
    fail(client, "editrice", 4)
    assert sign_in(client, "editrice", PASSWORD).status_code == 302
    client.logout()

    assert fail(client, "editrice", 4) == [200, 200, 200, 200]
    assert sign_in(client, "editrice", PASSWORD).status_code == 302


# --- behind the reverse proxy -------------------------------------------------------


@pytest.fixture
def behind_nginx(settings):
    """As deployed: nginx on the same machine forwards every request from 127.0.0.1."""
    settings.TRUSTED_PROXIES = ["127.0.0.1", "::1"]


def through_nginx(visitor: str, claimed: str = "") -> dict:
    """What nginx's ``proxy_add_x_forwarded_for`` sends: what the client claimed, then the
    address nginx saw."""
    forwarded = f"{claimed}, {visitor}" if claimed else visitor
    return {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": forwarded}


@pytest.mark.usefixtures("sign_in_limit", "behind_nginx")
def test_behind_the_proxy_the_limit_counts_the_visitor_not_the_proxy(client, editor):
    """An attacker failing five times from one address does not lock the account for the
    editor signing in from another, though nginx forwards both from 127.0.0.1; and
    claiming another address in the header changes nothing."""
    attacker = through_nginx("203.0.113.9", claimed="198.51.100.4")
    assert fail(client, "editrice", 5, **attacker)[-1] == 429
    assert (
        sign_in(Client(), "editrice", PASSWORD, **through_nginx("203.0.113.9")).status_code == 429
    )

    at_the_office = Client()
    response = sign_in(at_the_office, "editrice", PASSWORD, **through_nginx("192.0.2.50"))

    assert response.status_code == 302
    assert signed_in(at_the_office)


@pytest.mark.usefixtures("sign_in_limit")
def test_a_forwarded_header_from_an_untrusted_address_is_ignored(client, editor, settings):
    """Without a trusted proxy in front, a client cannot escape the limit by sending an
    X-Forwarded-For of its own."""
    settings.TRUSTED_PROXIES = []
    for n in range(5):
        sign_in(client, "editrice", "faux", HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")

    response = sign_in(client, "editrice", PASSWORD, HTTP_X_FORWARDED_FOR="192.0.2.99")

    assert response.status_code == 429


@pytest.mark.parametrize(
    ("remote", "forwarded", "visitor"),
    [
        ("203.0.113.9", "", "203.0.113.9"),  # no proxy in front
        ("203.0.113.9", "192.0.2.1", "203.0.113.9"),  # not our proxy: header ignored
        ("127.0.0.1", "203.0.113.9", "203.0.113.9"),  # nginx
        ("127.0.0.1", "192.0.2.1, 203.0.113.9", "203.0.113.9"),  # claimed entry ignored
        ("127.0.0.1", "203.0.113.9, 10.0.0.5", "203.0.113.9"),  # load balancer, then nginx
        ("127.0.0.1", "", "127.0.0.1"),  # nginx itself (a health check)
    ],
)
def test_the_client_address_is_the_nearest_one_that_is_not_our_proxy(
    rf, settings, remote, forwarded, visitor
):
    settings.TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/24"]
    request = rf.get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)

    assert client_address(request) == visitor


# --- spraying usernames --------------------------------------------------------------


@pytest.fixture
def fresh_alarm():
    cache.delete(ALARM_CACHE_KEY)
    yield
    cache.delete(ALARM_CACHE_KEY)


def spray(usernames, times=1, **extra):
    """Wrong passwords for each username, each from a new client."""
    return [
        sign_in(Client(), username, "faux", **extra).status_code
        for username in usernames
        for _ in range(times)
    ]


@pytest.mark.usefixtures("sign_in_limit", "fresh_alarm")
def test_spraying_usernames_from_one_address_locks_that_address_only(editor, settings):
    """Residents' usernames are their email addresses, easy to collect: twenty failures
    from one address, whatever the usernames, refuse that address for the cool-off; the
    same people sign in from anywhere else."""
    settings.ADMIN_SIGN_IN_ADDRESS_LIMIT = 20
    attacker = {"REMOTE_ADDR": "203.0.113.9"}
    guesses = [f"resident{n}@example.org" for n in range(20)]

    answers = spray(guesses, **attacker)
    refused = sign_in(Client(), "editrice", PASSWORD, **attacker)
    elsewhere = Client(REMOTE_ADDR="192.0.2.50")

    assert answers == [200] * 19 + [429]  # the twentieth failure trips the limit
    assert refused.status_code == 429
    soup = BeautifulSoup(refused.content, "html.parser")
    assert [li.get_text(strip=True) for li in soup.select(".messages li.error")] == [
        "Trop de tentatives de connexion échouées depuis votre réseau, tous identifiants "
        "confondus. La connexion depuis ce réseau est bloquée pendant 15 minutes : "
        "réessayez plus tard."
    ]
    assert sign_in(elsewhere, "editrice", PASSWORD).status_code == 302
    assert signed_in(elsewhere)


@pytest.mark.usefixtures("sign_in_limit", "fresh_alarm")
def test_the_address_is_let_in_again_after_the_cool_off(editor, settings):
    settings.ADMIN_SIGN_IN_ADDRESS_LIMIT = 20
    attacker = {"REMOTE_ADDR": "203.0.113.9"}
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        spray([f"resident{n}@example.org" for n in range(20)], **attacker)
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        client = Client()
        assert sign_in(client, "editrice", PASSWORD, **attacker).status_code == 302
        assert signed_in(client)


@pytest.mark.usefixtures("sign_in_limit", "fresh_alarm")
def test_guesses_at_one_username_from_many_addresses_raise_the_alarm_but_lock_no_one(
    editor, settings, caplog
):
    """Four wrong passwords for "editrice" from each of many addresses stays under every
    lock (a username alone never locks: her owner must still get in) but passes the
    alarm's threshold: one error line for whoever watches the logs, not one per try."""
    settings.ADMIN_SIGN_IN_ALARM = 30
    for n in range(10):
        assert spray(["editrice"], times=4, REMOTE_ADDR=f"198.51.100.{n}") == [200] * 4

    alarms = [
        record
        for record in caplog.records
        if record.name == "core.security" and record.levelname == "ERROR"
    ]
    assert len(alarms) == 1
    assert "Admin sign-in alarm: 30 failed sign-ins from 8 addresses" in alarms[0].getMessage()
    at_home = Client(REMOTE_ADDR="192.0.2.50")
    assert sign_in(at_home, "editrice", PASSWORD).status_code == 302
    assert signed_in(at_home)
