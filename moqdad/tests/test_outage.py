"""A shared service failing under a request is a Persian 503 with Retry-After, not a 500."""

import logging
from unittest import mock

import pytest

from moqdad import ratelimit
from moqdad.tests.urls import SECRET_IN_EXCEPTION


@pytest.mark.urls("moqdad.tests.urls")
@pytest.mark.parametrize("service", ["database", "redis"])
def test_outage_shows_persian_503_with_retry_after(client, db, service, caplog):
    client.raise_request_exception = False

    with caplog.at_level(logging.WARNING, logger="moqdad.outage"):
        response = client.get(f"/test-errors/503/{service}/")

    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert response["Cache-Control"] == "no-store"
    body = response.content.decode()
    assert "موقتاً در دسترس نیست" in body
    assert SECRET_IN_EXCEPTION not in body
    assert "Traceback" not in body
    assert [r.levelname for r in caplog.records if r.name == "moqdad.outage"] == ["WARNING"]


@pytest.mark.urls("moqdad.tests.urls")
def test_other_errors_still_show_the_500_page(client, db):
    client.raise_request_exception = False

    response = client.get("/test-errors/500/")

    assert response.status_code == 500
    assert "خطایی در سرور رخ داد" in response.content.decode()


def test_rate_limit_fails_open_with_a_warning_when_the_cache_is_down(caplog):
    with (
        mock.patch("moqdad.ratelimit.cache.add", side_effect=ConnectionError("refused")),
        caplog.at_level(logging.WARNING, logger="moqdad.ratelimit"),
    ):
        exceeded = ratelimit.limit_exceeded(purpose="contact", key="k", limit=0, window_seconds=60)

    assert exceeded is False
    assert "not counted" in caplog.text


def test_rate_limit_counts_when_the_cache_answers(db):
    results = [
        ratelimit.limit_exceeded(purpose="test", key="outage", limit=2, window_seconds=60)
        for _ in range(3)
    ]

    assert results == [False, False, True]
