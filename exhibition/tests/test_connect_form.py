"""The connect-with-booth form: stored with its booth, spam and abuse refused, never a 500."""

import re

import pytest
from django.urls import reverse

from exhibition.models import ContactRequest
from exhibition.services import CONTACT_RATE_LIMIT
from exhibition.tests.factories import BoothFactory

VALID = {
    "name": "علی رضایی",
    "organization": "استانداری قم",
    "position": "معاون",
    "phone": "۰۹۱۲ ۱۲۳ ۴۵۶۷",
    "email": "",
    "subject": "همکاری با شورای محله",
    "message": "مایلم درباره کارگاه اشتغال‌زایی گفتگو کنیم.",
    "website": "",
}


@pytest.fixture
def booth(edition):
    return BoothFactory()


def connect_url(booth) -> str:
    return reverse("exhibition:booth_connect", kwargs={"code": booth.code})


def _post(client, booth, data, address="203.0.113.7"):
    return client.post(connect_url(booth), data, REMOTE_ADDR=address)


def test_connect_form_valid_request_is_stored_with_its_booth(client, booth):
    response = _post(client, booth, VALID)

    assert response.status_code == 302
    assert response["Location"] == booth.get_absolute_url() + "?sent=1#connect"
    stored = ContactRequest.objects.get()
    assert stored.booth == booth
    assert (stored.name, stored.subject, stored.phone) == (
        "علی رضایی",
        VALID["subject"],
        "0912 123 4567",
    )
    assert stored.status == ContactRequest.Status.NEW


def test_connect_form_keeps_only_a_hash_of_the_address(client, booth):
    _post(client, booth, VALID, address="198.51.100.23")

    key = ContactRequest.objects.get().sender_key
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    assert "198.51.100.23" not in key


def test_connect_form_thanks_the_visitor_after_sending(client, booth):
    response = client.post(connect_url(booth), VALID, REMOTE_ADDR="203.0.113.7", follow=True)

    assert "درخواست شما فرستاده شد" in response.content.decode()


def test_connect_form_honeypot_is_refused(client, booth):
    response = _post(client, booth, {**VALID, "website": "https://spam.example.com"})

    assert response.status_code == 400
    assert ContactRequest.objects.count() == 0


def test_connect_form_over_rate_is_refused(client, booth):
    statuses = [_post(client, booth, VALID).status_code for _ in range(CONTACT_RATE_LIMIT + 1)]

    assert statuses == [302] * CONTACT_RATE_LIMIT + [429]
    assert ContactRequest.objects.count() == CONTACT_RATE_LIMIT


def test_connect_form_rate_is_counted_per_address(client, booth):
    for _ in range(CONTACT_RATE_LIMIT):
        _post(client, booth, VALID, address="203.0.113.7")

    response = _post(client, booth, VALID, address="203.0.113.8")

    assert response.status_code == 302


def test_connect_form_needs_a_phone_or_an_email(client, booth):
    response = _post(client, booth, {**VALID, "phone": "", "email": ""})

    assert response.status_code == 200
    assert "یک شماره تلفن یا نشانی ایمیل وارد کنید." in response.content.decode()
    assert ContactRequest.objects.count() == 0


def test_connect_form_rejects_a_bad_phone_in_persian(client, booth):
    response = _post(client, booth, {**VALID, "phone": "call me maybe"})

    assert "شماره تلفن را مانند ۰۹۱۲ ۱۲۳ ۴۵۶۷ بنویسید." in response.content.decode()
    assert ContactRequest.objects.count() == 0


@pytest.mark.parametrize(
    "garbage",
    [
        "x" * 10_240,
        "\x00\x01\x02 nul and controls",
        "\u202e\u2066" * 5000,
        "😀🕌🌹" * 3000,
    ],
    ids=["10kB", "controls", "bidi", "emoji"],
)
def test_connect_form_garbage_in_every_field_gives_form_errors(client, booth, garbage):
    data = {name: garbage for name in VALID}

    response = _post(client, booth, data)

    assert response.status_code in (200, 400)
    assert ContactRequest.objects.count() == 0
    assert 'class="field__errors"' in response.content.decode() or response.status_code == 400


def test_connect_form_control_characters_are_dropped_and_emoji_kept(client, booth):
    data = {
        **VALID,
        "name": "زهرا\x07 \u202eمحمدی 🌹",
        "subject": "سلام\x1b[31m",
        "message": "خط اول\nخط دوم\x0b 🙏",
    }

    response = _post(client, booth, data)

    assert response.status_code == 302
    stored = ContactRequest.objects.get()
    assert (stored.name, stored.subject, stored.message) == (
        "زهرا محمدی 🌹",
        "سلام[31m",
        "خط اول\nخط دوم 🙏",
    )


def test_connect_form_script_is_stored_as_plain_text(client, booth):
    script = "<script>alert('x')</script>"
    data = {
        **VALID,
        **{name: script for name in ("name", "organization", "position", "subject", "message")},
    }

    response = _post(client, booth, data)

    assert response.status_code == 302
    stored = ContactRequest.objects.get()
    assert (stored.name, stored.message) == (script, script)


def test_connect_form_script_in_every_field_is_shown_escaped(client, booth):
    script = "<script>alert('x')</script>"

    response = _post(client, booth, {name: script for name in VALID if name != "website"})

    html = response.content.decode()
    assert response.status_code == 200
    assert ContactRequest.objects.count() == 0
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_connect_form_on_unpublished_booth_is_not_found(client, edition):
    booth = BoothFactory(status="draft")

    response = _post(client, booth, VALID)

    assert response.status_code == 404
    assert ContactRequest.objects.count() == 0


def _post_from(client, booth, visitor, *, hops, spoof=None):
    """A POST that reached the app through `hops` proxies, as the visitor at `visitor`."""
    chain = [spoof] if spoof else []
    chain += [visitor] + [f"10.0.0.{n}" for n in range(2, hops + 1)]
    return client.post(
        connect_url(booth),
        VALID,
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR=", ".join(chain),
    )


@pytest.mark.parametrize("hops", [1, 2])
def test_connect_form_behind_proxies_limits_each_visitor_separately(client, booth, settings, hops):
    settings.TRUSTED_PROXY_HOPS = hops
    for _ in range(CONTACT_RATE_LIMIT):
        _post_from(client, booth, "203.0.113.1", hops=hops)

    first_again = _post_from(client, booth, "203.0.113.1", hops=hops).status_code
    others = [
        _post_from(client, booth, f"203.0.113.{n}", hops=hops).status_code for n in range(2, 9)
    ]

    assert (first_again, others) == (429, [302] * 7)


@pytest.mark.parametrize("hops", [1, 2])
def test_connect_form_behind_proxies_ignores_a_spoofed_forwarded_address(
    client, booth, settings, hops
):
    settings.TRUSTED_PROXY_HOPS = hops
    for _ in range(CONTACT_RATE_LIMIT):
        _post_from(client, booth, "203.0.113.7", hops=hops)

    spoofed = _post_from(client, booth, "203.0.113.7", hops=hops, spoof="198.51.100.99")

    assert spoofed.status_code == 429
    assert ContactRequest.objects.count() == CONTACT_RATE_LIMIT


def test_connect_form_renders_the_shared_hidden_trap(client, booth):
    html = client.get(connect_url(booth)).content.decode()

    assert html.count('class="field field--trap" aria-hidden="true"') == 1
    assert html.count('name="website"') == 1
