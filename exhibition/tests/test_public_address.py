"""Without PUBLIC_BASE_URL, absolute links and QR codes name the address the visitor used."""

import io

import pytest
import segno
from django.core.management import call_command

from exhibition import qr
from exhibition.tests.factories import BoothFactory, ScheduleItemFactory
from exhibition.tests.pdf_text import has_phrase, pdf_pages

PHONE_HOST = "192.168.1.20:8000"


@pytest.fixture(autouse=True)
def _no_public_base_url(settings):
    settings.PUBLIC_BASE_URL = ""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "192.168.1.20", "meqdad.lan"]


def test_canonical_link_names_the_host_the_page_was_opened_at(client, edition):
    BoothFactory(code="B-01")

    html = client.get("/booths/B-01/", HTTP_HOST=PHONE_HOST).content.decode()

    assert '<link rel="canonical" href="http://192.168.1.20:8000/booths/B-01/">' in html
    assert '<meta property="og:url" content="http://192.168.1.20:8000/booths/B-01/">' in html


def test_canonical_link_names_the_public_base_url_when_set(client, edition, settings):
    settings.PUBLIC_BASE_URL = "https://meqdad.example.ir"
    BoothFactory(code="B-01")

    html = client.get("/booths/B-01/", HTTP_HOST=PHONE_HOST).content.decode()

    assert '<link rel="canonical" href="https://meqdad.example.ir/booths/B-01/">' in html


def test_page_cache_keeps_the_pages_of_each_host_apart(client, edition):
    BoothFactory(code="B-01")
    client.get("/booths/", HTTP_HOST=PHONE_HOST)

    html = client.get("/booths/", HTTP_HOST="meqdad.lan").content.decode()

    assert '<link rel="canonical" href="http://meqdad.lan/booths/">' in html
    assert "192.168.1.20" not in html


def test_booth_qr_code_encodes_the_host_it_was_fetched_from(client, edition):
    BoothFactory(code="B-07")

    svg = client.get("/booths/B-07/qr.svg", HTTP_HOST=PHONE_HOST).content

    expected = io.BytesIO()
    url = "http://192.168.1.20:8000/booths/B-07/"
    segno.make(url, error="m", micro=False).save(
        expected, kind="svg", scale=qr.SVG_SCALE, border=4, xmldecl=False, title=url
    )
    assert svg == expected.getvalue()


def test_sitemap_and_robots_name_the_host_they_were_fetched_from(client, edition):
    BoothFactory(code="B-03")

    xml = client.get("/sitemap.xml", HTTP_HOST=PHONE_HOST).content.decode()
    robots = client.get("/robots.txt", HTTP_HOST=PHONE_HOST).content.decode()

    assert "<loc>http://192.168.1.20:8000/booths/B-03/</loc>" in xml
    assert "Sitemap: http://192.168.1.20:8000/sitemap.xml" in robots


def test_schedule_feed_links_name_the_host_it_was_fetched_from(client, edition):
    item = ScheduleItemFactory(exhibition=edition)

    feed = client.get("/schedule/feed.json", HTTP_HOST=PHONE_HOST).json()

    [entry] = [entry for entry in feed["items"] if entry["id"] == item.pk]
    assert entry["url"] == f"http://192.168.1.20:8000/schedule/2022-11-01/#item-{item.pk}"
    assert entry["uid"] == f"schedule-item-{item.pk}@192.168.1.20"


def test_printed_sign_and_its_pdf_point_to_the_host_it_was_printed_from(admin_client_fa, edition):
    BoothFactory(code="B-09")

    html = admin_client_fa.get("/print/booths/B-09/sign/", HTTP_HOST=PHONE_HOST).content.decode()
    pdf = admin_client_fa.get("/print/booths/B-09/sign.pdf", HTTP_HOST=PHONE_HOST).content

    assert '<p class="sign-url url">http://192.168.1.20:8000/booths/B-09/</p>' in html
    assert (
        segno.make("http://192.168.1.20:8000/booths/B-09/", error="m").svg_inline(
            omitsize=True, border=2, svgclass="qr", dark="#000", light="#fff"
        )
        in html
    )
    assert has_phrase(pdf_pages(pdf)[0], "http://192.168.1.20:8000/booths/B-09/")


def test_every_print_page_shows_the_address_its_links_point_to(admin_client_fa, edition):
    booth = BoothFactory(code="B-10")
    pages = [
        "/print/schedule/",
        "/print/booths/directory/",
        f"/print/neighborhoods/{booth.neighborhood.slug}/profile/",
    ]

    for page in pages:
        html = admin_client_fa.get(page, HTTP_HOST=PHONE_HOST).content.decode()
        assert (
            "<span>پیوندها و کدهای QR به این نشانی می‌روند: "
            '<bdi class="url">http://192.168.1.20:8000</bdi></span>'
        ) in html, page


def test_programme_pdf_shows_the_address_its_links_point_to(admin_client_fa, edition):
    pdf = admin_client_fa.get("/print/schedule.pdf", HTTP_HOST=PHONE_HOST).content

    assert has_phrase(pdf_pages(pdf)[0], "192.168.1.20:8000")


def test_print_page_opened_on_loopback_warns_that_phones_cannot_open_its_codes(
    admin_client_fa, edition
):
    BoothFactory(code="B-11")
    warning = "کدهای QR و پیوندهای این سند فقط روی همین رایانه باز می‌شوند"

    local = admin_client_fa.get("/print/booths/B-11/sign/", HTTP_HOST="127.0.0.1:8000")
    lan = admin_client_fa.get("/print/booths/B-11/sign/", HTTP_HOST=PHONE_HOST)

    assert warning in local.content.decode()
    assert warning not in lan.content.decode()


def _demo_accounts_output(settings, serve_address: str) -> str:
    settings.SERVE_ADDRESS = serve_address
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    out = io.StringIO()
    call_command("create_demo_accounts", "--demo", stdout=out)
    return out.getvalue()


def test_demo_accounts_print_the_address_make_run_serves_on(db, settings):
    output = _demo_accounts_output(settings, "192.168.1.20:8000")

    assert "  log in at http://192.168.1.20:8000/admin/\n" in output
    assert "every interface" not in output


def test_demo_accounts_explain_a_wildcard_address(db, settings):
    output = _demo_accounts_output(settings, "0.0.0.0:8000")

    assert output.endswith(
        "  log in at http://127.0.0.1:8000/admin/\n"
        "  The server listens on every interface (HOST=0.0.0.0:8000): on a phone, open this "
        "machine's network address instead, which the site then uses in its links and QR codes "
        "(add it to ALLOWED_HOSTS).\n"
    )


def test_demo_accounts_print_the_public_base_url_when_set(db, settings):
    settings.PUBLIC_BASE_URL = "https://meqdad.example.ir"

    output = _demo_accounts_output(settings, "0.0.0.0:8000")

    assert output.endswith("  log in at https://meqdad.example.ir/admin/\n")
