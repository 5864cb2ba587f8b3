"""A visitor's correction is kept for staff review; the record itself never changes."""

import pytest
from django.urls import reverse

from martyrs.models import CorrectionSuggestion, Martyr
from martyrs.services import CORRECTION_LIMIT
from martyrs.tests.factories import MartyrFactory

SUGGESTION = {
    "name": "زهرا کبیری",
    "relation": "خواهر",
    "contact": "09120000000",
    "message": "نام پدر «غلامرضا» است، نه «غلامعلی». تاریخ شهادت ۲۱ بهمن ۱۳۶۴ است.",
}


def _fields(martyr):
    return {f.name: getattr(martyr, f.name) for f in Martyr._meta.concrete_fields}


def test_correction_form_stores_a_suggestion_and_never_changes_the_record(client, db):
    martyr = MartyrFactory(father_name="غلامعلی")
    before = _fields(martyr)
    url = reverse("martyrs:correction", kwargs={"pk": martyr.pk})

    response = client.post(url, {**SUGGESTION, "father_name": "غلامرضا", "last_name": "X"})

    martyr.refresh_from_db()
    suggestion = CorrectionSuggestion.objects.get()
    assert response.status_code == 302
    assert _fields(martyr) == before
    assert martyr.history.count() == 1
    assert (suggestion.martyr, suggestion.message, suggestion.is_handled) == (
        martyr,
        SUGGESTION["message"],
        False,
    )
    assert len(suggestion.sender_key) == 64
    assert "127.0.0.1" not in suggestion.sender_key


def test_correction_form_thanks_the_visitor(client, db):
    martyr = MartyrFactory()

    response = client.post(
        reverse("martyrs:correction", kwargs={"pk": martyr.pk}), SUGGESTION, follow=True
    )

    assert "سپاس‌گزاریم. کارکنان یادمان پیشنهاد شما را بررسی می‌کنند." in response.content.decode()


def test_correction_form_missing_message_is_a_persian_error(client, db):
    martyr = MartyrFactory()

    response = client.post(
        reverse("martyrs:correction", kwargs={"pk": martyr.pk}), {**SUGGESTION, "message": ""}
    )

    assert response.status_code == 400
    assert "این فیلد لازم است." in response.content.decode()
    assert CorrectionSuggestion.objects.count() == 0


def test_correction_form_honeypot_stores_nothing(client, db):
    martyr = MartyrFactory()

    response = client.post(
        reverse("martyrs:correction", kwargs={"pk": martyr.pk}),
        {**SUGGESTION, "website": "http://spam.example"},
    )

    assert response.status_code == 302
    assert CorrectionSuggestion.objects.count() == 0


def test_correction_form_rate_limits_one_address(client, db):
    martyr = MartyrFactory()
    url = reverse("martyrs:correction", kwargs={"pk": martyr.pk})
    for _ in range(CORRECTION_LIMIT):
        client.post(url, SUGGESTION)

    response = client.post(url, SUGGESTION)
    other_address = client.post(url, SUGGESTION, REMOTE_ADDR="10.9.8.7")

    assert response.status_code == 429
    assert "یک ساعت دیگر دوباره تلاش کنید" in response.content.decode()
    assert other_address.status_code == 302
    assert CorrectionSuggestion.objects.count() == CORRECTION_LIMIT + 1


@pytest.mark.parametrize("method", ["put", "delete"])
def test_correction_url_takes_only_get_and_post(client, db, method):
    martyr = MartyrFactory()

    response = getattr(client, method)(reverse("martyrs:correction", kwargs={"pk": martyr.pk}))

    assert response.status_code == 405


def test_correction_to_an_unpublished_martyr_is_not_found(client, db):
    martyr = MartyrFactory(status="draft")

    response = client.post(reverse("martyrs:correction", kwargs={"pk": martyr.pk}), SUGGESTION)

    assert response.status_code == 404
    assert CorrectionSuggestion.objects.count() == 0


def _post_from(client, url, visitor, *, hops, spoof=None):
    """A POST that reached the app through `hops` proxies, as the visitor at `visitor`."""
    chain = [spoof] if spoof else []
    chain += [visitor] + [f"10.0.0.{n}" for n in range(2, hops + 1)]
    return client.post(
        url, SUGGESTION, REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR=", ".join(chain)
    )


@pytest.mark.parametrize("hops", [1, 2])
def test_correction_form_behind_proxies_limits_each_visitor_separately(client, db, settings, hops):
    settings.TRUSTED_PROXY_HOPS = hops
    url = reverse("martyrs:correction", kwargs={"pk": MartyrFactory().pk})

    statuses = [
        _post_from(client, url, f"203.0.113.{n}", hops=hops).status_code for n in range(1, 8)
    ]

    assert statuses == [302] * 7
    assert CorrectionSuggestion.objects.count() == 7


@pytest.mark.parametrize("hops", [1, 2])
def test_correction_form_behind_proxies_ignores_a_spoofed_forwarded_address(
    client, db, settings, hops
):
    settings.TRUSTED_PROXY_HOPS = hops
    url = reverse("martyrs:correction", kwargs={"pk": MartyrFactory().pk})
    for _ in range(CORRECTION_LIMIT):
        _post_from(client, url, "203.0.113.7", hops=hops)

    spoofed = _post_from(client, url, "203.0.113.7", hops=hops, spoof="198.51.100.99")

    assert spoofed.status_code == 429
    assert CorrectionSuggestion.objects.count() == CORRECTION_LIMIT


def test_correction_form_renders_the_shared_hidden_trap(client, db):
    url = reverse("martyrs:correction", kwargs={"pk": MartyrFactory().pk})
    html = client.get(url).content.decode()

    assert html.count('class="field field--trap" aria-hidden="true"') == 1
    assert html.count('name="website"') == 1
