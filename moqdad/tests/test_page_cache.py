import datetime
import gzip

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from exhibition.models import Booth, Exhibition, Section
from exhibition.tests.factories import BoothFactory
from martyrs.tests.factories import CorrectionSuggestionFactory, MartyrFactory
from moqdad import caching, page_cache, public_pages
from moqdad.publishing import PublicationStatus
from neighborhoods.tests.factories import CouncilMemberFactory, NeighborhoodFactory


@pytest.fixture
def booth(edition):
    return BoothFactory(code="A01", name="غرفه محله نخست")


@pytest.fixture
def other_booth(edition):
    exhibition = Exhibition.objects.create(
        slug="meqdad-1402",
        title="مقداد",
        full_title="محلات قم در امتداد دادگری",
        jalali_year=1402,
        start_date=datetime.date(2023, 10, 31),
        end_date=datetime.date(2023, 11, 4),
        daily_opens_at=datetime.time(15, 30),
        daily_closes_at=datetime.time(20, 30),
        venue="قم",
    )
    section = Section.objects.create(exhibition=exhibition, number=1, title="بخش یکم")
    return BoothFactory(exhibition=exhibition, section=section, code="Z01", name="غرفه ۱۴۰۲")


def queries_for(client, url, **extra):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, **extra)
    return response, len(queries)


def test_page_cache_serves_repeat_anonymous_visit_without_queries(client, booth):
    # The booth list: a page with no CSRF form is byte-for-byte the same for every visitor.
    first = client.get("/booths/")

    second, queries = queries_for(Client(), "/booths/")

    assert queries == 0
    assert second.status_code == 200
    assert second.content == first.content


def test_page_cache_serves_hits_compressed_once(client, db):
    NeighborhoodFactory(slug="shared")
    plain = client.get("/neighborhoods/shared/")

    hit = Client().get("/neighborhoods/shared/", HTTP_ACCEPT_ENCODING="gzip, deflate")

    assert (hit["Content-Encoding"], gzip.decompress(hit.content)) == ("gzip", plain.content)
    assert "Accept-Encoding" in hit["Vary"]


def test_page_cache_shows_saved_change_on_next_visit(client, booth):
    client.get("/booths/A01/")
    booth.name = "غرفه محله نوسازی‌شده"
    booth.save()

    response = client.get("/booths/A01/")

    assert "غرفه محله نوسازی‌شده" in response.text


def test_page_cache_drops_page_when_unpublished(client, booth):
    client.get("/booths/A01/")
    booth.status = PublicationStatus.UNPUBLISHED
    booth.save()

    response = client.get("/booths/A01/")

    assert response.status_code == 404


def test_page_cache_drops_page_when_deleted(client, booth):
    client.get("/booths/A01/")
    booth.delete()

    response = client.get("/booths/A01/")

    assert response.status_code == 404


def test_page_cache_keeps_current_edition_page_when_another_booth_changes(
    client, booth, other_booth
):
    client.get("/booths/A01/")
    other_booth.name = "غرفه دیگر"
    other_booth.save()

    _response, queries = queries_for(client, "/booths/A01/")

    assert queries == 0


def test_page_cache_refreshes_current_edition_page_when_it_changes(client, booth):
    client.get("/booths/A01/")
    BoothFactory(code="A02")

    _response, queries = queries_for(client, "/booths/A01/")

    assert queries > 0


def test_page_cache_refreshes_every_page_when_shared_content_changes(client, booth):
    neighborhood = NeighborhoodFactory(slug="shared", name="محله مشترک")
    client.get("/booths/A01/")
    client.get("/neighborhoods/shared/")
    CouncilMemberFactory()

    _booth, booth_queries = queries_for(client, "/booths/A01/")
    _hood, hood_queries = queries_for(client, "/neighborhoods/shared/")

    assert (booth_queries > 0, hood_queries > 0) == (True, True)
    assert neighborhood.name in _hood.text


def test_page_cache_refreshes_pages_outside_editions_when_any_edition_changes(client, other_booth):
    NeighborhoodFactory(slug="shared")
    client.get("/neighborhoods/shared/")
    other_booth.name = "غرفه دیگر"
    other_booth.save()

    _response, queries = queries_for(client, "/neighborhoods/shared/")

    assert queries > 0


def test_page_cache_refreshes_when_many_to_many_changes(client, django_user_model):
    neighborhood = NeighborhoodFactory(slug="shared")
    client.get("/neighborhoods/shared/")
    neighborhood.managers.add(django_user_model.objects.create_user("manager"))

    _response, queries = queries_for(client, "/neighborhoods/shared/")

    assert queries > 0


def test_page_cache_keeps_pages_when_a_visitor_submits_a_suggestion(client, db):
    martyr = MartyrFactory()
    url = martyr.get_absolute_url()
    client.get(url)
    CorrectionSuggestionFactory(martyr=martyr)

    _response, queries = queries_for(client, url)

    assert queries == 0


def test_page_cache_refreshes_after_content_changed_for_writes_without_signals(client, booth):
    client.get("/booths/A01/")
    Booth.objects.filter(pk=booth.pk).update(name="نام تازه")
    caching.content_changed(edition_id=booth.exhibition_id)

    response = client.get("/booths/A01/")

    assert "نام تازه" in response.text


def test_page_cache_refreshes_every_minute(client, booth, monkeypatch):
    client.get("/booths/A01/")
    later = page_cache.time.time() + 60
    monkeypatch.setattr(page_cache.time, "time", lambda: later)

    _response, queries = queries_for(client, "/booths/A01/")

    assert queries > 0


def test_page_cache_keys_by_language(client, booth):
    persian = client.get("/booths/A01/")

    english = client.get("/en/booths/A01/")

    assert (persian["Content-Language"], english["Content-Language"]) == ("fa", "en")


def test_page_cache_keys_by_query_string(client, booth):
    client.get("/martyrs/?q=a")

    _response, queries = queries_for(client, "/martyrs/?q=b")

    assert queries > 0


def test_page_cache_staff_always_see_fresh_page(client, admin_client_fa, booth):
    client.get("/booths/A01/")
    Booth.objects.filter(pk=booth.pk).update(name="نامی که هنوز اعلام نشده")

    response = admin_client_fa.get("/booths/A01/")

    assert "نامی که هنوز اعلام نشده" in response.text


def test_page_cache_answers_304_to_matching_if_none_match(client, booth):
    first = client.get("/booths/A01/")

    second, queries = queries_for(client, "/booths/A01/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert (second.status_code, second.content, queries) == (304, b"", 0)


def test_page_cache_changes_etag_when_content_changes(client, booth):
    first = client.get("/booths/A01/")
    booth.name = "نام دیگر"
    booth.save()

    second = client.get("/booths/A01/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert second.status_code == 200


def test_page_cache_tells_browsers_to_revalidate(client, booth):
    response = client.get("/booths/")

    assert response["Cache-Control"] == "no-cache"


def test_page_cache_keeps_a_page_with_a_form_private(pages, db):
    response = Client().get("/pages/form/")

    assert response["Cache-Control"] == "no-cache, private"


def test_page_cache_skips_requests_with_a_session_cookie(client, booth):
    client.get("/booths/A01/")
    client.cookies["sessionid"] = "not-a-real-session"

    _response, queries = queries_for(client, "/booths/A01/")

    assert queries > 0


def test_page_cache_shows_flash_message_instead_of_cached_page(client, booth):
    client.get("/booths/A01/")
    client.cookies["messages"] = "anything"

    _response, queries = queries_for(client, "/booths/A01/")

    assert queries > 0


def test_page_cache_can_be_switched_off(client, booth, settings):
    settings.PAGE_CACHE_ENABLED = False
    client.get("/booths/A01/")

    _response, queries = queries_for(client, "/booths/A01/")

    assert queries > 0


@pytest.fixture
def pages(settings, monkeypatch):
    settings.ROOT_URLCONF = "moqdad.tests.urls"
    for name in ("pages:form", "pages:cookie", "pages:private"):
        monkeypatch.setitem(public_pages._registry, name, public_pages.PublicPage(name))


def test_page_cache_gives_each_visitor_a_token_for_their_own_cookie(pages, db):
    Client().get("/pages/form/?text=x")
    visitor = Client(enforce_csrf_checks=True)

    page = visitor.get("/pages/form/?text=x")
    token = page.text.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
    answer = visitor.post("/pages/form/", {"csrfmiddlewaretoken": token, "text": "hi"})

    assert (page.wsgi_request._page_cache_hit, answer.status_code, answer.text) == (
        True,
        200,
        "thanks hi",
    )


def test_page_cache_form_page_is_private_and_never_shares_a_token(pages, db):
    first = Client().get("/pages/form/")
    second = Client().get("/pages/form/")

    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value
    assert second["Cache-Control"] == "no-cache, private"


def test_page_cache_form_page_answers_304_only_to_the_same_visitor(pages, db):
    visitor = Client()
    first = visitor.get("/pages/form/")

    again = visitor.get("/pages/form/", HTTP_IF_NONE_MATCH=first["ETag"])
    stranger = Client().get("/pages/form/", HTTP_IF_NONE_MATCH=first["ETag"])

    assert (again.status_code, stranger.status_code) == (304, 200)


def test_page_cache_never_stores_a_page_that_sets_a_cookie(pages, db):
    Client().get("/pages/cookie/")

    response = Client().get("/pages/cookie/")

    assert response.cookies["choice"].value == "1"
    assert not getattr(response.wsgi_request, "_page_cache_hit", False)


def test_page_cache_respects_never_cache(pages, db):
    Client().get("/pages/private/")

    response = Client().get("/pages/private/")

    assert not getattr(response.wsgi_request, "_page_cache_hit", False)


def test_page_cache_answers_last_minutes_page_when_the_database_is_down(client, booth, monkeypatch):
    """A database outage across a minute boundary: the page's content has not changed, so the
    visitor gets the page a minute old in its "now", not the outage page."""
    from django.db import OperationalError

    from exhibition import views

    first = client.get("/booths/A01/")
    later = page_cache.time.time() + 60
    monkeypatch.setattr(page_cache.time, "time", lambda: later)

    def database_down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(views, "_public_booth", database_down)
    response = Client(raise_request_exception=False).get("/booths/A01/")
    other_page = Client(raise_request_exception=False).get("/booths/A01/?fresh=1")

    assert other_page.status_code == 503  # a page never cached has nothing older to give
    assert response.status_code == 200
    assert response.content == first.content
