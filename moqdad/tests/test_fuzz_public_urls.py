"""Garbage in every public URL: path parameters, query strings, form posts. Never a 5xx.

The URL patterns are read from the resolver, so a page added later is fuzzed without anyone
touching this file. Each pattern gets real values (a published neighborhood's slug, a booth
code, a martyr's id, a day of the edition) or garbage in its path parameters, and garbage in
the query parameters public pages read, as text, as raw bytes, and as numbers.
"""

import datetime
import re
from urllib.parse import quote, quote_from_bytes

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exhibition.tests.factories import BoothFactory, ScheduleItemFactory
from martyrs.tests.factories import MartyrFactory
from moqdad.public_pages import public_pages
from neighborhoods.tests.factories import NeighborhoodFactory

SKIPPED_PREFIXES = ("admin/",)
QUERY_KEYS = [
    "q",
    "page",
    "day",
    "date",
    "from",
    "to",
    "year",
    "neighborhood",
    "district",
    "category",
    "kind",
    "section",
    "stratum",
    "sort",
    "order",
    "place",
    "next",
    "format",
    "language",
]
FORM_KEYS = ["name", "contact", "email", "phone", "organization", "position", "subject"]
FORM_KEYS += ["message", "relation", "website", "csrfmiddlewaretoken"]
_PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def url_routes() -> dict[str, str | None]:
    """{route: "namespace:name"} of every URL pattern but the admin's, language prefix aside."""
    routes = {}

    def walk(patterns, prefix, namespace):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                inner = ":".join(filter(None, [namespace, pattern.namespace]))
                walk(pattern.url_patterns, route, inner)
            elif isinstance(pattern, URLPattern) and not route.startswith(SKIPPED_PREFIXES):
                name = pattern.name and ":".join(filter(None, [namespace, pattern.name]))
                routes[route] = name

    for pattern in get_resolver().url_patterns:
        if isinstance(pattern, URLResolver) and str(pattern.pattern).startswith("^"):
            # i18n_patterns' language prefix: the default language has none.
            walk(pattern.url_patterns, "", pattern.namespace)
        elif isinstance(pattern, URLResolver):
            walk(pattern.url_patterns, str(pattern.pattern), pattern.namespace)
        else:
            walk([pattern], "", None)
    return dict(sorted(routes.items()))


ROUTES = list(url_routes())

KNOWN_BAD_TEXT = [
    "",
    "0",
    "-1",
    "-999999999999999999999",
    "9" * 40,
    "1e309",
    "NaN",
    "inf",
    "0x1F",
    "1401/13/45",
    "1401/00/00",
    "۱۴۰۱/۰۸/۰۹",
    "1401-08-09",
    "0000-00-00",
    "9999-12-31",
    "2022-02-30",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "../../../etc/passwd",
    "%00",
    "\x00",
    "a\x00b",
    "\x1b[31m\r\n\t\x7f",
    "\u202e\u200f",
    "ي ك ۀ",
    "x" * 3000,
    "\ud800",
]
KNOWN_BAD_BYTES = [b"\x00", b"\xff\xfe", b"\xc3\x28", b"\xed\xa0\x80", b"a\x00b\xff"]
nasty_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=20),
    st.sampled_from(KNOWN_BAD_TEXT),
)
raw_bytes = st.one_of(
    st.binary(max_size=40),
    st.sampled_from(KNOWN_BAD_BYTES),
)


def _encode_part(value) -> str:
    if isinstance(value, bytes):
        return quote_from_bytes(value, safe="")
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


@st.composite
def query_strings(draw) -> str:
    keys = draw(st.lists(st.one_of(st.sampled_from(QUERY_KEYS), nasty_text), max_size=4))
    parts = []
    for key in keys:
        value = draw(st.one_of(nasty_text, raw_bytes, st.integers().map(str)))
        parts.append(f"{_encode_part(key)}={_encode_part(value)}")
    return "&".join(parts)


@st.composite
def form_bodies(draw) -> str:
    keys = draw(st.lists(st.sampled_from(FORM_KEYS + QUERY_KEYS), max_size=8, unique=True))
    parts = [f"{key}={_encode_part(draw(st.one_of(nasty_text, raw_bytes)))}" for key in keys]
    return "&".join(parts)


@pytest.fixture
def published(db, edition):
    neighborhood = NeighborhoodFactory()
    booth = BoothFactory(neighborhood=neighborhood)
    martyr = MartyrFactory(neighborhood=neighborhood)
    ScheduleItemFactory()
    return {
        "slug": neighborhood.slug,
        "code": booth.code,
        "pk": str(martyr.pk),
        "day": edition.start_date.isoformat(),
    }


def _real_value(converter: str | None, name: str, published: dict) -> str:
    if converter == "isodate" or name in {"day", "date"}:
        return published["day"]
    if converter == "int" or name in {"pk", "id"}:
        return published["pk"]
    return published.get(name, published["slug"])


@st.composite
def paths(draw, route: str, published: dict) -> str:
    def fill(match):
        converter, name = match["converter"], match["name"]
        choice = draw(st.sampled_from(["real", "text", "bytes", "number", "date"]))
        if choice == "real":
            return _real_value(converter, name, published)
        if choice == "number":
            return str(draw(st.integers(min_value=0, max_value=10**40)))
        if choice == "date":
            day = draw(st.dates(min_value=datetime.date(1, 1, 1)))
            return draw(st.sampled_from([day.isoformat(), f"{day.year:04d}-13-45"]))
        value = draw(nasty_text if choice == "text" else raw_bytes)
        return _encode_part(value) or "x"

    prefix = draw(st.sampled_from(["/", "/en/"]))
    return prefix + _PARAMETER.sub(fill, route)


def test_every_public_page_is_fuzzed():
    fuzzed = set(url_routes().values())

    assert [page.url_name for page in public_pages() if page.url_name not in fuzzed] == []


@pytest.mark.parametrize("route", ROUTES)
def test_public_url_answers_known_bad_values_without_server_error(client, published, route):
    client.raise_request_exception = False
    failures = []
    for value in KNOWN_BAD_TEXT + KNOWN_BAD_BYTES:
        encoded = _encode_part(value)
        path = "/" + _PARAMETER.sub(lambda match, part=encoded: part or "x", route)
        query = "&".join(f"{key}={encoded}" for key in QUERY_KEYS)
        # Path parameters and query parameters separately: one 400 must not hide the other.
        for url, query_string in (
            (path, ""),
            (
                "/"
                + _PARAMETER.sub(
                    lambda match: _real_value(match["converter"], match["name"], published), route
                ),
                query,
            ),
        ):
            response = client.get(url, QUERY_STRING=query_string)
            if response.status_code >= 500:
                failures.append((url, query_string[:80], response.status_code))

    assert failures == []


@pytest.mark.parametrize("route", ROUTES)
def test_public_url_never_answers_garbage_with_server_error(client, published, route):
    client.raise_request_exception = False

    @settings(
        max_examples=8,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        derandomize=True,
    )
    @given(
        path=paths(route, published),
        query_string=query_strings(),
        body=st.none() | form_bodies(),
    )
    def check(path, query_string, body):
        if body is not None:
            response = client.post(
                path,
                data=body,
                content_type="application/x-www-form-urlencoded",
                QUERY_STRING=query_string,
            )
        else:
            response = client.get(path, QUERY_STRING=query_string)
        assert response.status_code < 500, (path, query_string, body)

    check()
