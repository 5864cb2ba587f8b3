"""A refused request is one line in the server log; a server error keeps its traceback."""

import logging

import pytest


@pytest.mark.urls("moqdad.tests.urls")
@pytest.mark.parametrize(
    "url", ["/test-errors/400/", "/test-errors/403/", "/martyrs/search/?q=%00"]
)
def test_client_errors_are_logged_without_a_traceback(client, db, caplog, url):
    caplog.set_level(logging.WARNING)

    response = client.get(url)

    assert response.status_code in (400, 403)
    assert [(record.levelname, record.exc_info) for record in caplog.records] in (
        [("WARNING", None)],
        [("ERROR", None)],
    )
    assert "Traceback" not in caplog.text


@pytest.mark.urls("moqdad.tests.urls")
def test_server_errors_keep_their_traceback(client, db, caplog):
    client.raise_request_exception = False

    client.get("/test-errors/500/")

    assert "Traceback" in caplog.text
    assert "RuntimeError" in caplog.text
