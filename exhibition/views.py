"""The public site: home, booths, floor plan, statistics and search. Thin views over selectors."""

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_http_methods

from exhibition import qr, selectors, services
from exhibition.floor_plan import floor_plan_public
from exhibition.forms import ContactRequestForm
from exhibition.models import Exhibition
from moqdad.client import client_address
from moqdad.fragments import rendered_under_content_version
from moqdad.public_address import absolute_url

SEARCH_QUERY_MAX = 100


def _current_or_none(request):
    exhibition = Exhibition.objects.current()
    request._public_exhibition = exhibition
    return exhibition


def _public_booth(request, code):
    exhibition = _current_or_none(request)
    booth = exhibition and selectors.booth_get_public(exhibition=exhibition, code=code[:12])
    if not booth:
        raise Http404
    return exhibition, booth


@require_GET
def home(request):
    exhibition = _current_or_none(request)
    now_items, next_items = [], []
    is_open_today, opening, today = False, None, None
    if exhibition is not None:
        moment = timezone.now()
        today = moment.astimezone(selectors.EXHIBITION_TZ).date()
        opening = selectors.exhibition_opening_state(exhibition=exhibition, at=moment)
        is_open_today = exhibition.start_date <= today <= exhibition.end_date
        if is_open_today:
            now_items, next_items = selectors.schedule_now_next(exhibition=exhibition, at=moment)
            if not opening.is_open:
                now_items = []
    context = {
        "exhibition": exhibition,
        "opening": opening,
        "today": today,
        "is_open_today": is_open_today,
        "now_items": now_items,
        "next_items": next_items,
        "sections": selectors.sections_with_booths_public(exhibition=exhibition)
        if exhibition
        else [],
        "figures": selectors.headline_figures(exhibition=exhibition),
    }
    return render(request, "exhibition/home.html", context)


@require_GET
def about(request):
    facts = selectors.about_facts(exhibition=_current_or_none(request))
    return render(
        request, "exhibition/about.html", {"facts": facts, "exhibition": facts.exhibition}
    )


@require_GET
def booth_list(request):
    exhibition = _current_or_none(request)
    sections_html = rendered_under_content_version(
        f"booth-list:{exhibition.pk if exhibition else ''}",
        "exhibition/_booth_sections.html",
        lambda: {
            "sections": selectors.sections_with_booths_public(exhibition=exhibition)
            if exhibition
            else []
        },
    )
    return render(
        request,
        "exhibition/booth_list.html",
        {"exhibition": exhibition, "sections_html": sections_html},
    )


@require_GET
def booth_detail(request, code):
    exhibition, booth = _public_booth(request, code)
    context = {
        "exhibition": exhibition,
        "page": selectors.booth_page_public(booth=booth),
        "booth": booth,
        "sent": request.GET.get("sent") == "1",
    }
    return render(request, "exhibition/booth.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def booth_connect(request, code):
    """The connect form, on its own address: the booth page (the QR target) stays the same for
    every visitor, so the page cache serves it without a CSRF token or a cookie."""
    exhibition, booth = _public_booth(request, code)
    status = 200
    if request.method == "POST":
        form = ContactRequestForm(request.POST)
        if form.is_valid():
            key = services.sender_key(client_address(request))
            if services.contact_rate_exceeded(key):
                form.add_error(
                    None,
                    _("Too many requests were sent from your connection. Please try again later."),
                )
                status = 429
            else:
                try:
                    services.contact_request_create(
                        booth=booth, sender_key=key, **form.cleaned_data
                    )
                except ValidationError as error:
                    for field, errors in getattr(error, "error_dict", {None: error}).items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    # A query flag rather than a message: the booth page stays cacheable.
                    return redirect(booth.get_absolute_url() + "?sent=1#connect")
        elif form.is_bot:
            status = 400
    else:
        form = ContactRequestForm()
    context = {"exhibition": exhibition, "booth": booth, "form": form}
    return render(request, "exhibition/booth_connect.html", context, status=status)


@require_GET
@cache_control(max_age=24 * 60 * 60, public=True)
def booth_qr_svg(request, code):
    _exhibition, booth = _public_booth(request, code)
    return HttpResponse(qr.booth_qr(booth, "svg", request), content_type="image/svg+xml")


@require_GET
@cache_control(max_age=24 * 60 * 60, public=True)
def booth_qr_png(request, code):
    _exhibition, booth = _public_booth(request, code)
    return HttpResponse(qr.booth_qr(booth, "png", request), content_type="image/png")


@require_GET
def floor_plan(request):
    exhibition = _current_or_none(request)
    plan_html = rendered_under_content_version(
        f"floor-plan:{exhibition.pk if exhibition else ''}",
        "exhibition/_floor_plan.html",
        lambda: {"plan": floor_plan_public(exhibition=exhibition) if exhibition else None},
    )
    return render(
        request, "exhibition/floor_plan.html", {"exhibition": exhibition, "plan_html": plan_html}
    )


@require_GET
def statistics(request):
    exhibition = _current_or_none(request)
    statistics_html = rendered_under_content_version(
        f"statistics:{exhibition.pk if exhibition else ''}",
        "exhibition/_statistics.html",
        lambda: {
            "stats": selectors.statistics_public(
                exhibition=exhibition, rtl=translation.get_language_bidi()
            )
        },
    )
    return render(
        request,
        "exhibition/statistics.html",
        {"exhibition": exhibition, "statistics_html": statistics_html},
    )


@require_GET
def search(request):
    exhibition = _current_or_none(request)
    query = request.GET.get("q", "")[:SEARCH_QUERY_MAX].strip()
    results = selectors.site_search(query=query, exhibition=exhibition)
    return render(
        request,
        "exhibition/search.html",
        {"exhibition": exhibition, "query": query, "results": results},
    )


@require_GET
def robots_txt(request):
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /en/admin/", ""]
    lines.append(f"Sitemap: {absolute_url('/sitemap.xml', request)}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain")
