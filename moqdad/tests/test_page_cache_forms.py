"""The pages with a visitor's form (the booth page, the QR target; the martyr's page) are the same
for everyone: cached, shared, without a cookie; their forms live on their own uncached addresses,
work without JavaScript and keep their CSRF protection."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from exhibition.models import ContactRequest
from exhibition.tests.factories import BoothFactory
from martyrs.models import CorrectionSuggestion
from martyrs.tests.factories import MartyrFactory

CONTACT = {
    "name": "علی رضایی",
    "organization": "",
    "position": "",
    "phone": "09121234567",
    "email": "",
    "subject": "همکاری",
    "message": "مایلم گفتگو کنیم.",
    "website": "",
}
CORRECTION = {
    "name": "مریم",
    "relation": "خواهر",
    "contact": "09121234567",
    "message": "تاریخ شهادت درست نیست.",
    "website": "",
}


@pytest.fixture
def booth(edition):
    return BoothFactory(code="A01")


@pytest.fixture
def martyr(db):
    return MartyrFactory()


def _form_link(html: str, url: str) -> bool:
    return f'href="{url}"' in html


def _token(html: str) -> str:
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


@pytest.mark.parametrize("page", ["booth", "martyr"])
def test_form_page_sets_no_cookie_and_is_a_hit_the_second_time(request, page):
    url = request.getfixturevalue(page).get_absolute_url()

    first = Client().get(url)
    second = Client().get(url)

    assert (first.cookies, second.cookies) == ({}, {})
    assert second.wsgi_request._page_cache_hit is True
    assert "csrfmiddlewaretoken" not in second.content.decode()
    assert second["Cache-Control"] == "no-cache"


def test_booth_page_from_the_cache_leads_to_a_form_that_accepts_a_valid_post(booth):
    Client().get(booth.get_absolute_url())
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(booth.get_absolute_url())
    connect = reverse("exhibition:booth_connect", kwargs={"code": "A01"})

    form = visitor.get(connect)
    sent = visitor.post(connect, {**CONTACT, "csrfmiddlewaretoken": _token(form.text)})

    assert (page.wsgi_request._page_cache_hit, _form_link(page.text, connect)) == (True, True)
    assert (sent.status_code, sent["Location"]) == (302, "/booths/A01/?sent=1#connect")
    assert ContactRequest.objects.count() == 1


def test_booth_connect_form_refuses_a_forged_post(booth):
    visitor = Client(enforce_csrf_checks=True)
    connect = reverse("exhibition:booth_connect", kwargs={"code": "A01"})
    visitor.get(connect)

    forged = visitor.post(connect, {**CONTACT, "csrfmiddlewaretoken": "x" * 64})
    without = Client(enforce_csrf_checks=True).post(connect, CONTACT)

    assert (forged.status_code, without.status_code) == (403, 403)
    assert ContactRequest.objects.count() == 0


def test_booth_connect_form_is_never_cached(booth):
    connect = reverse("exhibition:booth_connect", kwargs={"code": "A01"})
    Client().get(connect)

    again = Client().get(connect)

    assert not getattr(again.wsgi_request, "_page_cache_hit", False)
    assert "csrftoken" in again.cookies


def test_martyr_page_from_the_cache_leads_to_a_correction_form_that_works(martyr):
    Client().get(martyr.get_absolute_url())
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get(martyr.get_absolute_url())
    correction = reverse("martyrs:correction", kwargs={"pk": martyr.pk})

    form = visitor.get(correction)
    sent = visitor.post(correction, {**CORRECTION, "csrfmiddlewaretoken": _token(form.text)})
    forged = Client(enforce_csrf_checks=True).post(correction, CORRECTION)

    assert (page.wsgi_request._page_cache_hit, _form_link(page.text, correction)) == (True, True)
    assert (sent.status_code, forged.status_code) == (302, 403)
    assert CorrectionSuggestion.objects.count() == 1
