from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib.auth import views as auth_views
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from donations import views as donations_views
from events import views as events_views
from events.api import programme_api
from events.feeds import event_feed, programme_feed
from events.month_views import programme_month
from feedback import views as feedback_views
from home import views as home_views
from home.sitemaps import BilingualSitemap
from newsletter import views as newsletter_views
from partners import views as partners_views
from residents import admin_boundary
from residents import views as residents_views
from training import views as training_views
from workshops import views as workshops_views

urlpatterns = [
    # Before Wagtail's: its views that would name what the user may not see (issue 19).
    path("admin/", include(admin_boundary.urlpatterns)),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Django's sitemap view answers any method: GET and HEAD only, like every public URL.
    path(
        "sitemap.xml",
        require_safe(sitemap),
        {"sitemaps": {"pages": BilingualSitemap}},
        name="sitemap",
    ),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("healthz", home_views.healthz, name="healthz"),
    path("places/<str:ids>/", events_views.places_left, name="places_left"),
    path("calendar.ics", programme_feed, name="calendar_feed"),
    path("calendar/<slug:kind_slug>.ics", programme_feed, name="calendar_kind_feed"),
    path("calendar/events/<uuid:event_key>.ics", event_feed, name="calendar_event_feed"),
    path("api/programme.json", programme_api, name="programme_api"),
    path("donate/webhook/", donations_views.stripe_webhook, name="stripe_webhook"),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path("search/", home_views.search, name="search"),
    path(_("programme-calendar/"), programme_month, name="programme_month"),
    path("booking/screening/<int:page_id>/", events_views.screening_book, name="screening_book"),
    path("booking/<str:token>/", events_views.booking_manage, name="booking_manage"),
    path("booking/<str:token>/cancel/", events_views.booking_cancel, name="booking_cancel"),
    path("donate/portal/<str:token>/", donations_views.donation_portal, name="donation_portal"),
    path(
        _("registration/<str:token>/"),
        workshops_views.registration_manage,
        name="registration_manage",
    ),
    path(
        _("registration/<str:token>/cancel/"),
        workshops_views.registration_cancel,
        name="registration_cancel",
    ),
    path(_("groups/screening/<int:page_id>/"), partners_views.group_request, name="group_request"),
    path(
        _("groups/workshop/<int:page_id>/"),
        partners_views.group_request,
        {"kind": "workshop"},
        name="group_request_workshop",
    ),
    path(_("groups/<str:token>/"), partners_views.group_manage, name="group_manage"),
    path(
        _("application/<str:token>/"),
        training_views.application_manage,
        name="application_manage",
    ),
    path(
        _("application/<str:token>/withdraw/"),
        training_views.application_withdraw,
        name="application_withdraw",
    ),
    path("invitation/<str:token>/", residents_views.invitation, name="resident_invitation"),
    path("feedback/<str:token>/", feedback_views.feedback_form, name="feedback_form"),
    path("newsletter/", newsletter_views.subscribe, name="newsletter_subscribe"),
    path("newsletter/confirm/<str:token>/", newsletter_views.confirm, name="newsletter_confirm"),
    path(
        "newsletter/unsubscribe/<str:token>/",
        newsletter_views.unsubscribe,
        name="newsletter_unsubscribe",
    ),
    path("", include("festival.urls")),
    # Wagtail's sign-in for private pages, minus the PUT that Django's form views treat
    # as a POST: 405 like every other public URL.
    path(
        "_util/login/",
        auth_views.LoginView.as_view(
            template_name=wagtail_urls.WAGTAIL_FRONTEND_LOGIN_TEMPLATE,
            http_method_names=["get", "head", "post", "options"],
        ),
        name="wagtailcore_login",
    ),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
