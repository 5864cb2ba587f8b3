"""The address absolute links start with: canonical links, the sitemap, QR codes, printed signs.

`PUBLIC_BASE_URL` set: always that (a deployment, or printing signs before the site is up).
Unset: the address the visitor used (the request's scheme and host, which Django has checked
against `ALLOWED_HOSTS`), so that a phone that opened the site at `http://192.168.1.20:8000`
gets QR codes and links it can open. Outside a request (a management command), the address
the development server listens on (`HOST`, the Makefile's), with loopback in place of a
wildcard such as `0.0.0.0`: the command then says that phones need the machine's address.

The page cache keys pages by scheme and host (moqdad/caching.py), so a page built for one host
is never served to another.
"""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core import checks

# Names of the wildcard address; nothing binds to them here.
WILDCARD_HOSTS = {"0.0.0.0", "::", "0"}  # noqa: S104  # nosec B104
DEFAULT_PORT = "8000"


def _split_serve_address(address: str) -> tuple[str, str]:
    """`runserver`'s address argument (`8000`, `0.0.0.0:8000`, `[::]:8000`) as host and port."""
    address = address.strip()
    if address.isdigit():
        return "", address
    host, _, port = address.rpartition(":") if ":" in address else (address, "", "")
    return host.strip("[]"), port or DEFAULT_PORT


def serve_address_is_wildcard() -> bool:
    """Whether `HOST` listens on every interface, where no single address reaches it."""
    host, _port = _split_serve_address(settings.SERVE_ADDRESS)
    return host in WILDCARD_HOSTS


def _serve_address_url() -> str:
    host, port = _split_serve_address(settings.SERVE_ADDRESS)
    if not host or host in WILDCARD_HOSTS:
        host = "127.0.0.1"
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def public_base_url(request=None) -> str:
    """Scheme and host, without a trailing slash, that absolute links start with."""
    if settings.PUBLIC_BASE_URL:
        return settings.PUBLIC_BASE_URL
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return _serve_address_url()


def absolute_url(path: str, request=None) -> str:
    """An absolute address for a site-relative path (one already absolute is kept)."""
    path = str(path)
    if path.startswith(("http://", "https://")):
        return path
    return public_base_url(request) + path


def is_local_address(url: str) -> bool:
    """Whether the address opens only on the machine itself (no phone can follow it)."""
    host = urlsplit(url).hostname or ""
    return _is_loopback(host)


def _is_loopback(host: str) -> bool:
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def check_public_base_url(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """In production every printed QR code needs the public address, set explicitly."""
    if not settings.PRODUCTION:
        return []
    value = settings.PUBLIC_BASE_URL
    parts = urlsplit(value)
    hint = (
        "Set PUBLIC_BASE_URL to the address visitors' phones open, such as "
        "https://meqdad.example.ir: the QR codes on printed signs point to it."
    )
    if not value:
        problem = "PUBLIC_BASE_URL is not set"
    elif parts.scheme not in ("http", "https") or not parts.hostname:
        problem = f"PUBLIC_BASE_URL={value} is not an http(s) address"
    elif _is_loopback(parts.hostname):
        problem = f"PUBLIC_BASE_URL={value} is a loopback address no phone can open"
    else:
        return []
    return [checks.Error(f"{problem} while PRODUCTION is on.", hint=hint, id="moqdad.E010")]
