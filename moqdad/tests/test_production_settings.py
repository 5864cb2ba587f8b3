"""The production settings, checked the way a deployment runs them: in a fresh process."""

import json
import os
import secrets
import string
import subprocess
import sys

from django.conf import settings

PRINT_SETTINGS = (
    "import json; from django.conf import settings as s; print(json.dumps({k: getattr(s, k, None) "
    "for k in ['DEBUG', 'SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'SESSION_COOKIE_SECURE', "
    "'CSRF_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY', 'X_FRAME_OPTIONS', "
    "'SECURE_CONTENT_TYPE_NOSNIFF']}))"
)


def _random_secret_key() -> str:
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(50))


def _manage(*args: str, **environment: str) -> subprocess.CompletedProcess:
    # A deployment's environment: none of the test run's own switches (the browser suite sets
    # DJANGO_ALLOW_ASYNC_UNSAFE, which check --deploy rightly refuses).
    dropped = {"DEBUG", "PRODUCTION", "SECRET_KEY", "PUBLIC_BASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update(DJANGO_SETTINGS_MODULE="moqdad.settings", **environment)
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, str(settings.BASE_DIR / "manage.py"), *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_deploy_check_passes_with_production_settings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        PRODUCTION="on",
        DEBUG="off",
        SECRET_KEY=_random_secret_key(),
        ALLOWED_HOSTS="example.org",
        PUBLIC_BASE_URL="https://example.org",
    )

    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_debug():
    result = _manage(
        "check",
        PRODUCTION="on",
        DEBUG="on",
        SECRET_KEY=_random_secret_key(),
        ALLOWED_HOSTS="example.org",
    )

    assert result.returncode != 0
    assert "DEBUG must be off when PRODUCTION is on." in result.stderr


def test_production_refuses_missing_secret_key():
    result = _manage("check", PRODUCTION="on", DEBUG="off", ALLOWED_HOSTS="example.org")

    assert result.returncode != 0
    assert "SECRET_KEY must be set when PRODUCTION is on." in result.stderr


def test_production_turns_on_transport_security():
    result = _manage(
        "shell",
        "-c",
        PRINT_SETTINGS,
        PRODUCTION="on",
        DEBUG="off",
        SECRET_KEY=_random_secret_key(),
        ALLOWED_HOSTS="example.org",
    )

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1]) == {
        "DEBUG": False,
        "SECURE_SSL_REDIRECT": True,
        "SECURE_HSTS_SECONDS": 31536000,
        "SESSION_COOKIE_SECURE": True,
        "CSRF_COOKIE_SECURE": True,
        "SESSION_COOKIE_HTTPONLY": True,
        "X_FRAME_OPTIONS": "DENY",
        "SECURE_CONTENT_TYPE_NOSNIFF": True,
    }


def test_debug_is_off_by_default():
    result = _manage("shell", "-c", PRINT_SETTINGS)

    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.splitlines()[-1])["DEBUG"] is False
