"""Script in any text a staff member can type comes out of every page as inert text.

Every free-text field of every model in the three apps is overwritten with an XSS payload
(straight in the database, as an import or a compromised account could), then every public
page and every HTML print page is fetched: the payload must appear escaped, never live.
"""

import re

import pytest
from django.conf import settings
from django.db import models

from exhibition.models import BoothPhoto
from exhibition.tests.factories import BoothFactory, ScheduleItemFactory, StrataBaseFactory
from martyrs.tests.factories import MartyrFactory, VeteranTallyFactory
from moqdad.tests.test_fuzz_public_urls import ROUTES
from neighborhoods.tests.factories import (
    ActionPlanFactory,
    IdentityElementFactory,
    InitiativeFactory,
    council_with_members,
)

APPS = set(settings.PROJECT_APPS)
# No digits: Persian pages turn digits in text into Persian ones.
PAYLOAD = "\"'><script>alert(document.domain)</script><img src=x onerror=alert(this)>"
SHORT_PAYLOAD = "<b onclick=alert(this)>"
LIVE_MARKERS = ["<script>alert(", "<img src=x onerror", "<b onclick", "'><"]
ESCAPED_MARKER = "&lt;script&gt;alert(document.domain)&lt;/script&gt;"
_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def _text_fields(model):
    for field in model._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField):
            continue
        if isinstance(field, models.SlugField | models.URLField | models.EmailField):
            continue
        if field.choices or not field.editable or field.name == "code":
            continue
        yield field


def _unique(field) -> bool:
    """Unique alone or together with other fields (a hall's name within its edition)."""
    together = (
        c.fields for c in field.model._meta.constraints if isinstance(c, models.UniqueConstraint)
    )
    return field.unique or any(field.name in fields for fields in together)


def _payload_for(field, pk) -> str | None:
    suffix = str(pk) if _unique(field) else ""
    for payload in (PAYLOAD, SHORT_PAYLOAD):
        if len(payload + suffix) <= (field.max_length or 10_000):
            return payload + suffix
    return None


def _poison_every_text_field() -> int:
    from django.apps import apps

    poisoned = 0
    for model in apps.get_models():
        if model._meta.app_label not in APPS or model.__name__.startswith("Historical"):
            continue
        fields = list(_text_fields(model))
        for pk in model._base_manager.values_list("pk", flat=True):
            values = {field.name: _payload_for(field, pk) for field in fields}
            values = {name: value for name, value in values.items() if value is not None}
            if values:
                poisoned += model._base_manager.filter(pk=pk).update(**values)
    return poisoned


@pytest.fixture
def poisoned_site(db, edition):
    council = council_with_members(6)
    neighborhood = council.neighborhood
    ActionPlanFactory(problem__neighborhood=neighborhood)
    InitiativeFactory(neighborhood=neighborhood)
    IdentityElementFactory(neighborhood=neighborhood)
    martyr = MartyrFactory(neighborhood=neighborhood, is_prominent=True)
    VeteranTallyFactory(neighborhood=neighborhood)
    booth = BoothFactory(neighborhood=neighborhood, strata_base=StrataBaseFactory())
    BoothPhoto.objects.create(booth=booth, image="booths/gallery/x_10x10.jpg", caption="c")
    ScheduleItemFactory(neighborhood=neighborhood)
    assert _poison_every_text_field() > 20
    return {
        "slug": neighborhood.slug,
        "code": booth.code,
        "pk": str(martyr.pk),
        "day": edition.start_date.isoformat(),
    }


def _url(route: str, values: dict) -> str:
    def fill(match):
        if match["converter"] == "isodate" or match["name"] == "day":
            return values["day"]
        if match["converter"] == "int":
            return values["pk"]
        return values.get(match["name"], values["slug"])

    return "/" + _PARAMETER.sub(fill, route)


HTML_ROUTES = [route for route in ROUTES if not route.endswith((".pdf", ".ics", ".json", ".ico"))]


@pytest.mark.parametrize("route", HTML_ROUTES)
def test_stored_script_is_escaped_on_every_page(admin_client_fa, poisoned_site, route):
    response = admin_client_fa.get(
        _url(route, poisoned_site), {"q": "<script>alert(document.domain)</script>"}
    )

    assert response.status_code < 500
    if "text/html" not in response.get("Content-Type", ""):
        return
    body = response.content.decode()
    assert [marker for marker in LIVE_MARKERS if marker in body] == []


@pytest.mark.parametrize(
    "route",
    ["neighborhoods/<str:slug>/", "martyrs/<int:pk>/", "booths/<str:code>/", "martyrs/", ""],
)
def test_stored_script_shows_as_text_on_content_pages(client, poisoned_site, route):
    response = client.get(_url(route, poisoned_site))

    assert response.status_code == 200
    assert ESCAPED_MARKER in response.content.decode()
