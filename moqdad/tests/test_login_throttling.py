"""Log-in throttling counts per account from one address, per address and per account, and a
forgotten password is reset by email."""

import re

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse

from moqdad.testing import persian_message

PASSWORD = "Rnd-pass-4512"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user(
        "staff_x", "staff.x@example.org", PASSWORD, is_staff=True
    )


def _login(client, username, password, address, **headers):
    return client.post(
        reverse("admin:login"),
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **headers,
    )


def test_failures_from_one_address_do_not_lock_the_account_elsewhere(client, staff):
    for _attempt in range(6):
        _login(client, "staff_x", "wrong", "203.0.113.1")

    same_address = _login(client, "staff_x", PASSWORD, "203.0.113.1")
    other_address = _login(client, "staff_x", PASSWORD, "203.0.113.2")

    assert (same_address.status_code, other_address.status_code) == (429, 302)


def test_one_address_trying_many_accounts_is_refused_with_retry_after(client, db):
    statuses = []
    for attempt in range(40):
        response = _login(client, f"user{attempt % 10}", "wrong", "203.0.113.1")
        statuses.append(response.status_code)

    assert statuses == [200] * 29 + [429] * 11
    assert 1790 <= int(response["Retry-After"]) <= 1800
    assert persian_message("Too many attempts") in response.content.decode()


def test_visitors_behind_the_trusted_proxy_are_counted_apart(client, staff, settings):
    settings.TRUSTED_PROXY_HOPS = 1
    for _attempt in range(6):
        _login(client, "staff_x", "wrong", "10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.1")

    response = _login(client, "staff_x", PASSWORD, "10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.2")

    assert response.status_code == 302


def test_an_account_tried_from_many_addresses_is_locked_everywhere(client, staff, settings):
    settings.AXES_ACCOUNT_FAILURE_LIMIT = 10
    for address in ("203.0.113.1", "203.0.113.2"):
        for _attempt in range(5):
            _login(client, "staff_x", "wrong", address)

    response = _login(client, "staff_x", PASSWORD, "203.0.113.3")

    assert response.status_code == 429


def test_failures_while_refused_do_not_count_toward_the_account_limit(client, staff, settings):
    settings.AXES_ACCOUNT_FAILURE_LIMIT = 10
    for _attempt in range(30):
        _login(client, "staff_x", "wrong", "203.0.113.1")

    response = _login(client, "staff_x", PASSWORD, "203.0.113.2")

    assert response.status_code == 302
    assert sum(a.failures_since_start for a in AccessAttempt.objects.all()) == 5


def test_a_successful_log_in_keeps_the_address_failures_on_other_accounts(client, staff):
    for attempt in range(29):
        _login(client, f"user{attempt % 10}", "wrong", "203.0.113.1")
    _login(client, "staff_x", PASSWORD, "203.0.113.1")
    client.logout()

    response = _login(client, "user0", "wrong", "203.0.113.1")

    assert response.status_code == 429


def test_admin_login_page_links_to_the_password_reset(client, db):
    response = client.get(reverse("admin:login"))

    body = response.content.decode()
    assert f'href="{reverse("admin_password_reset")}"' in body
    assert "رمز عبور را فراموش کرده‌اید؟" in body


def test_password_reset_sends_one_email_whose_link_sets_a_new_password(client, staff):
    response = client.post(reverse("admin_password_reset"), {"email": "Staff.X@example.org"})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["staff.x@example.org"]
    assert "مقداد" in mail.outbox[0].subject
    link = re.search(r"http://testserver(/\S+)", mail.outbox[0].body)[1]
    form_url = client.get(link)["Location"]
    done = client.post(
        form_url, {"new_password1": "Tazeh-ramz-9090", "new_password2": "Tazeh-ramz-9090"}
    )
    staff.refresh_from_db()
    assert done.status_code == 302
    assert staff.check_password("Tazeh-ramz-9090")
    assert "کار نمی‌کند" in client.get(link).content.decode()


def test_password_reset_for_an_unknown_address_sends_nothing_and_says_the_same(client, staff):
    response = client.post(reverse("admin_password_reset"), {"email": "nobody@example.org"})

    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


def test_password_reset_mails_an_address_at_most_three_times_an_hour(client, staff):
    for _ in range(5):
        response = client.post(reverse("admin_password_reset"), {"email": "staff.x@example.org"})

    assert response["Location"] == reverse("password_reset_done")
    assert len(mail.outbox) == 3


def test_password_reset_floods_from_one_connection_are_refused_with_retry_after(client, staff):
    statuses = [
        client.post(reverse("admin_password_reset"), {"email": f"n{i}@example.org"}).status_code
        for i in range(11)
    ]

    response = client.post(reverse("admin_password_reset"), {"email": "staff.x@example.org"})
    assert statuses == [302] * 10 + [429]
    assert response.status_code == 429
    assert response["Retry-After"] == "3600"
    assert len(mail.outbox) == 0
