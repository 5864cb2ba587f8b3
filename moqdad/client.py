"""The visitor's address, for every rate limit, the login lockout and the logs.

Behind `settings.TRUSTED_PROXY_HOPS` proxies the connection comes from the nearest proxy, and
each proxy appends the address it was reached from to X-Forwarded-For. The visitor is therefore
the entry that many places from the right; entries further left are whatever the client chose
to send, so a spoofed header changes nothing.
"""

import ipaddress

from django.conf import settings


def client_address(request) -> str:
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_HOPS
    if hops <= 0:
        return remote
    forwarded = [entry.strip() for entry in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [entry for entry in forwarded if entry]
    if len(forwarded) < hops:
        # The request did not pass every proxy: only the connection itself can be trusted.
        return remote
    candidate = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        # A proxy should never write this; the lockout stores addresses in an IP column.
        return remote
