"""Every response carries the browser-side protections; the URL filter answers garbage with 400."""

import pytest
from django.urls import reverse

EXPECTED_HEADERS = {
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
}


@pytest.mark.parametrize("url_name", ["exhibition:home", "admin:login", "healthz"])
def test_responses_carry_security_headers(client, edition, url_name):
    response = client.get(reverse(url_name))

    assert response.status_code == 200
    assert {name: response.headers.get(name) for name in EXPECTED_HEADERS} == EXPECTED_HEADERS
    assert "camera=()" in response.headers["Permissions-Policy"]


def test_content_security_policy_allows_no_inline_script_or_style(client, edition):
    response = client.get(reverse("exhibition:home"))

    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response.headers["Content-Security-Policy"].split(";")
    )
    assert policy["script-src"] == "'self'"
    assert policy["style-src"] == "'self'"
    assert policy["object-src"] == "'none'"
    assert policy["frame-ancestors"] == "'none'"
    assert "unsafe" not in response.headers["Content-Security-Policy"]


def test_admin_pages_load_under_the_policy(admin_client_fa, edition):
    response = admin_client_fa.get(reverse("admin:exhibition_booth_add"))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Content-Security-Policy" in response.headers
    assert "<script>" not in body
    assert " style=" not in body


@pytest.mark.parametrize(
    "query_string",
    ["q=%00", "q=abc%00def", "q=%FF%FE", "q=%C3%28", "page=1%00", "q=" + "x" * 5000],
)
def test_malformed_query_string_is_bad_request(client, db, query_string):
    response = client.get(reverse("martyrs:search"), QUERY_STRING=query_string)

    assert response.status_code == 400
    assert "درخواست نامعتبر" in response.content.decode()


def test_nul_byte_in_path_is_bad_request(client, db):
    response = client.get("/neighborhoods/abc%00def/")

    assert response.status_code == 400


def test_well_formed_persian_query_passes_the_filter(client, db):
    response = client.get(reverse("martyrs:search"), {"q": "کبیری‌پور"})

    assert response.status_code == 200


@pytest.mark.parametrize("url", ["/martyrs/search/?q=%00", "/neighborhoods/abc%00def/"])
def test_bad_request_page_carries_the_headers_of_every_page(client, edition, url):
    page = client.get(reverse("exhibition:home"))

    response = client.get(url)

    assert response.status_code == 400
    protections = [*EXPECTED_HEADERS, "Content-Security-Policy", "Permissions-Policy"]
    assert {name: response.headers.get(name) for name in protections} == {
        name: page.headers.get(name) for name in protections
    }
