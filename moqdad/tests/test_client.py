"""The visitor's address behind trusted proxies: one answer for every limit and the lockout."""

import pytest
from axes.models import AccessAttempt
from django.test import RequestFactory
from django.urls import reverse

from moqdad.client import client_address


def _request(remote="10.0.0.1", forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **headers)


def test_client_address_without_proxies_is_the_connection(settings):
    settings.TRUSTED_PROXY_HOPS = 0

    address = client_address(_request("203.0.113.7", forwarded="198.51.100.1"))

    assert address == "203.0.113.7"


@pytest.mark.parametrize(
    ("hops", "forwarded", "expected"),
    [
        (1, "203.0.113.7", "203.0.113.7"),
        (1, "spoofed, 203.0.113.7", "203.0.113.7"),
        (1, "198.51.100.1, 203.0.113.7", "203.0.113.7"),
        (2, "203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (2, "198.51.100.1, 203.0.113.7, 10.0.0.2", "203.0.113.7"),
        (2, " 2001:db8::7 ,10.0.0.2", "2001:db8::7"),
    ],
)
def test_client_address_counts_trusted_hops_from_the_right(settings, hops, forwarded, expected):
    settings.TRUSTED_PROXY_HOPS = hops

    assert client_address(_request(forwarded=forwarded)) == expected


@pytest.mark.parametrize("forwarded", [None, "", "203.0.113.7"])
def test_client_address_with_fewer_entries_than_hops_is_the_connection(settings, forwarded):
    settings.TRUSTED_PROXY_HOPS = 2

    assert client_address(_request("10.0.0.1", forwarded=forwarded)) == "10.0.0.1"


def test_client_address_that_is_not_an_address_is_the_connection(settings):
    settings.TRUSTED_PROXY_HOPS = 1

    assert client_address(_request("10.0.0.1", forwarded="unknown")) == "10.0.0.1"


@pytest.mark.parametrize(("hops", "chain"), [(1, ""), (2, ", 10.0.0.2")])
def test_login_lockout_records_the_visitor_behind_proxies(client, db, settings, hops, chain):
    settings.TRUSTED_PROXY_HOPS = hops

    client.post(
        reverse("admin:login"),
        {"username": "nobody", "password": "wrong", "next": "/admin/"},
        REMOTE_ADDR="10.0.0.1",
        HTTP_X_FORWARDED_FOR=f"198.51.100.66, 203.0.113.7{chain}",
    )

    assert list(AccessAttempt.objects.values_list("ip_address", flat=True)) == ["203.0.113.7"]
