"""PostgreSQL connections carry the statement timeout and give up on a vanished server."""

import json
import subprocess
import sys

from django.conf import settings


def _database_options(env_overrides) -> dict:
    code = (
        "import django, json; django.setup(); from django.conf import settings;"
        "print(json.dumps(settings.DATABASES['default'].get('OPTIONS', {})))"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", **env_overrides}
    env["DJANGO_SETTINGS_MODULE"] = "moqdad.settings"
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return json.loads(result.stdout)


def test_postgresql_connections_carry_the_statement_timeout():
    options = _database_options(
        {
            "DATABASE_URL": "postgres://u@db.example.org:5432/moqdad?options=-c%20search_path%3Dx",
            "DATABASE_STATEMENT_TIMEOUT": "2.5",
            "DATABASE_CONNECT_TIMEOUT": "3",
        }
    )

    assert options["options"] == "-c search_path=x -c statement_timeout=2500"
    assert options["connect_timeout"] == 3
    assert options["keepalives"] == 1
    assert options["tcp_user_timeout"] == 20_000


def test_sqlite_gets_no_postgresql_options():
    assert _database_options({"DATABASE_URL": "sqlite:////tmp/x.sqlite3"}) == {}
