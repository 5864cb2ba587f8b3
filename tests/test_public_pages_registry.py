"""The registry of public page types (moqdad.public_pages) names every public URL, so that the
sitemap, the page cache and the tests that walk "every public page" miss none."""

from exhibition.tests.public_site import build_public_data
from moqdad.public_pages import public_pages, sample_urls
from moqdad.tests.test_fuzz_public_urls import url_routes

# Addresses that are not public pages: staff print documents, the visitors' forms (on their own
# uncached addresses), and the project's own endpoints (probe, icon, language switch, sitemap,
# robots).
NOT_PAGES = {
    "martyrs:correction",
    "exhibition:booth_connect",
    "healthz",
    "favicon",
    "set_language",
    "sitemap",
    "robots_txt",
}
STAFF_PREFIX = "print/"
# guests (#15): a guest's invitation page is public but personal (its token is the only key):
# never cached, indexed or in the sitemap; the door page and its endpoints are staff only.
NOT_PAGES |= {"guests:rsvp", "guests:rsvp_card", "guests:rsvp_ics"}
STAFF_PREFIX = (STAFF_PREFIX, "door/")


def test_every_public_url_is_a_registered_page_type():
    public = {
        name
        for route, name in url_routes().items()
        if not route.startswith(STAFF_PREFIX) and name not in NOT_PAGES
    }

    assert public - {page.url_name for page in public_pages()} == set()


def test_registered_page_types_are_public_urls_only():
    staff_or_endpoint = {
        name for route, name in url_routes().items() if route.startswith(STAFF_PREFIX)
    } | NOT_PAGES

    assert [page.url_name for page in public_pages() if page.url_name in staff_or_endpoint] == []


def test_sample_urls_of_every_page_type_answer_200(client, edition):
    build_public_data(edition, neighborhoods=1)
    urls = sample_urls(per_type=2)

    answers = {url: client.get(url).status_code for url in urls}

    assert {url: status for url, status in answers.items() if status != 200} == {}
    assert [page.url_name for page in public_pages() if not page.sample_urls(per_type=1)] == []
