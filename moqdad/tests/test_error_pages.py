"""Errors answer with a Persian page that carries no request data and no exception text."""

import pytest
from django.urls import reverse

from moqdad.tests.urls import SECRET_IN_EXCEPTION


def test_unknown_page_shows_persian_404(client, db):
    response = client.get("/no-such-page-<script>alert(1)</script>/")

    assert response.status_code == 404
    body = response.content.decode()
    assert "صفحه پیدا نشد" in body
    assert "<script>alert(1)" not in body
    assert "no-such-page" not in body


@pytest.mark.urls("moqdad.tests.urls")
def test_server_error_shows_static_persian_500_without_details(client, db):
    client.raise_request_exception = False

    response = client.get("/test-errors/500/")

    assert response.status_code == 500
    body = response.content.decode()
    assert "خطایی در سرور رخ داد" in body
    assert SECRET_IN_EXCEPTION not in body
    assert "Traceback" not in body
    assert "RuntimeError" not in body


@pytest.mark.urls("moqdad.tests.urls")
def test_permission_denied_shows_persian_403_without_details(client, db):
    response = client.get("/test-errors/403/")

    assert response.status_code == 403
    body = response.content.decode()
    assert "دسترسی ندارید" in body
    assert SECRET_IN_EXCEPTION not in body


@pytest.mark.urls("moqdad.tests.urls")
def test_bad_request_shows_persian_400_without_details(client, db):
    response = client.get("/test-errors/400/")

    assert response.status_code == 400
    body = response.content.decode()
    assert "درخواست نامعتبر" in body
    assert SECRET_IN_EXCEPTION not in body


def test_expired_csrf_token_shows_persian_403(db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)

    response = client.post(reverse("admin:login"), {"username": "a", "password": "b"})

    assert response.status_code == 403
    assert "فرم منقضی شده است" in response.content.decode()


def test_repeated_failed_logins_lock_the_account_with_persian_429(client, superuser, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post(reverse("admin:login"), {"username": "admin", "password": "wrong"})

    response = client.post(
        reverse("admin:login"), {"username": "admin", "password": "pass-Word-123"}
    )

    assert response.status_code == 429
    body = response.content.decode()
    assert "تلاش‌های بیش از حد" in body
    assert "pass-Word-123" not in body
