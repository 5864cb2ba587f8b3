"""The guests app's public page type (see moqdad.public_pages); registered from apps.py.

Only the announced official visits are public. A guest's invitation page is personal (its
token is its only key): it is never registered, so never cached, listed or indexed."""

from moqdad.public_pages import PublicPage, register


def register_public_pages() -> None:
    register(PublicPage("guests:official_visits", sitemap_priority=0.5, current_edition_only=True))
