"""In production, the address printed QR codes point to must be set and reachable from a phone."""

import pytest

from moqdad.public_address import check_public_base_url
from moqdad.tests.test_production_settings import _manage, _random_secret_key


def _check_ids(settings, value: str, *, production: bool = True) -> list[str]:
    settings.PRODUCTION, settings.PUBLIC_BASE_URL = production, value
    return [message.id for message in check_public_base_url()]


@pytest.mark.parametrize(
    "value",
    ["", "http://127.0.0.1:8000", "http://localhost", "https://[::1]", "http://0.0.0.0:8000"],
)
def test_production_without_a_public_address_is_a_check_error(settings, value):
    assert _check_ids(settings, value) == ["moqdad.E010"]


def test_production_with_a_public_address_passes_the_check(settings):
    assert _check_ids(settings, "https://meqdad.example.ir") == []


def test_development_without_a_public_address_passes_the_check(settings):
    assert _check_ids(settings, "", production=False) == []


def test_manage_check_in_production_names_the_missing_public_address():
    result = _manage(
        "check",
        PRODUCTION="on",
        DEBUG="off",
        SECRET_KEY=_random_secret_key(),
        ALLOWED_HOSTS="meqdad.example.ir",
        PUBLIC_BASE_URL="http://127.0.0.1:8000",
    )

    assert result.returncode == 1
    assert (
        "(moqdad.E010) PUBLIC_BASE_URL=http://127.0.0.1:8000 is a loopback address no phone can "
        "open while PRODUCTION is on."
    ) in result.stderr
