from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe
from wagtail.models import Locale, Site

from core import health

from .selectors import search_pages, search_result_details


@require_safe
def search(request):
    query = request.GET.get("q", "").strip()[:200]
    results = (
        search_pages(query=query, locale=Locale.get_active(), site=Site.find_for_request(request))
        if query
        else []
    )
    page_obj = Paginator(results, 10).get_page(request.GET.get("page"))
    page_obj.object_list = search_result_details(list(page_obj.object_list))
    return render(request, "home/search.html", {"query": query, "page_obj": page_obj})


@require_safe
def robots_txt(request):
    sitemap = request.build_absolute_uri("/sitemap.xml")
    # The search form may be crawled and indexed; its results (any query string) are an
    # endless space of near-duplicates: kept out of crawling here, and marked noindex.
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /search/?", "Disallow: /en/search/?"]
    lines.append(f"Sitemap: {sitemap}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@never_cache
@require_safe
def healthz(request):
    """JSON for monitoring: 200 when the database and the cache answer and the task queue
    moves; 503 otherwise, naming what failed."""
    checks = {
        "database": health.database_state(),
        "cache": health.cache_state(),
        "task_queue": health.task_queue_state(),
    }
    healthy = (
        checks["database"] == "ok"
        and checks["cache"] == "ok"
        and checks["task_queue"]["state"] in {"ok", "immediate", "not checked"}
    )
    return JsonResponse(
        {"status": "ok" if healthy else "error", **checks}, status=200 if healthy else 503
    )
