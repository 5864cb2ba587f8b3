"""The README tells a newcomer what the code really does: what the set-up prints, the order of
the deployment steps, the size of the demo data."""

import io
import re

import pytest
from django.conf import settings
from django.core.management import call_command

from exhibition.models import ScheduleItem


def _readme() -> str:
    return (settings.BASE_DIR / "README.md").read_text(encoding="utf-8")


def _code_block_after(text: str, marker: str) -> str:
    start = text.index(marker)
    return re.search(r"```[a-z]*\n(.*?)```", text[start:], re.S).group(1)


def test_readme_shows_the_demo_accounts_as_the_set_up_prints_them(db, settings):
    settings.SERVE_ADDRESS, settings.PUBLIC_BASE_URL, settings.DEMO_PASSWORD = (
        "127.0.0.1:8000",
        "",
        "",
    )
    out = io.StringIO()
    call_command("create_demo_accounts", "--demo", stdout=out)

    assert _code_block_after(_readme(), "**Demo accounts**") == out.getvalue()


def test_readme_deployment_compiles_the_catalogue_before_serving():
    block = _code_block_after(_readme(), "## Deployment")
    commands = [line.split("#")[0].strip() for line in block.splitlines()]

    assert commands.index(".venv/bin/python manage.py translations compile") < commands.index(
        ".venv/bin/gunicorn -c gunicorn.conf.py moqdad.wsgi"
    )


@pytest.mark.slow
def test_readme_gives_the_schedule_size_load_demo_data_makes(edition):
    call_command("load_demo_data", verbosity=0)
    items = ScheduleItem.objects.filter(is_synthetic=True).count()

    assert f"a five-day schedule of {items} items" in _readme()
