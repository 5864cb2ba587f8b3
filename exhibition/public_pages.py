"""The exhibition's public page types (see moqdad.public_pages); registered from apps.py."""

from django.urls import reverse

from exhibition import selectors
from exhibition.models import Exhibition
from moqdad.public_pages import PublicPage, register


def _public_booths():
    edition = Exhibition.objects.current()
    return selectors.booths_public(exhibition=edition) if edition else []


def _edition_days():
    edition = Exhibition.objects.current()
    return edition.days if edition else []


def _with(url_name: str, argument: str, attribute: str | None = None):
    def location(item) -> str:
        value = getattr(item, attribute) if attribute else item
        return reverse(url_name, kwargs={argument: value})

    return location


def register_public_pages() -> None:
    edition_page = {"current_edition_only": True}
    register(
        PublicPage("exhibition:home", sitemap_priority=0.8, **edition_page),
        PublicPage("exhibition:about", sitemap_priority=0.7, **edition_page),
        PublicPage("exhibition:booth_list", sitemap_priority=0.8, **edition_page),
        PublicPage("exhibition:booth", items=_public_booths, sitemap_priority=0.7, **edition_page),
        PublicPage(
            "exhibition:booth_qr_svg",
            items=_public_booths,
            location=_with("exhibition:booth_qr_svg", "code", "code"),
            html=False,
        ),
        PublicPage(
            "exhibition:booth_qr_png",
            items=_public_booths,
            location=_with("exhibition:booth_qr_png", "code", "code"),
            html=False,
        ),
        PublicPage("exhibition:floor_plan", sitemap_priority=0.8, **edition_page),
        PublicPage("exhibition:statistics", sitemap_priority=0.8),
        PublicPage("exhibition:search", sample_queries=("?q=%D9%85%D8%AD%D9%84%D9%87",)),
        PublicPage("exhibition:schedule", sample_queries=("?days=all",), **edition_page),
        PublicPage("exhibition:schedule_now", **edition_page),
        PublicPage("exhibition:schedule_feed", html=False, **edition_page),
        PublicPage("exhibition:schedule_ics", html=False, **edition_page),
        PublicPage(
            "exhibition:schedule_day",
            items=_edition_days,
            location=_with("exhibition:schedule_day", "day"),
            **edition_page,
        ),
        PublicPage(
            "exhibition:schedule_day_ics",
            items=_edition_days,
            location=_with("exhibition:schedule_day_ics", "day"),
            html=False,
            **edition_page,
        ),
    )
