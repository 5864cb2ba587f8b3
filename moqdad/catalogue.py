"""The message catalogues: where they are, and the system check that refuses to serve without
the compiled Persian one.

The `.mo` files are build output (git ignores them): `manage.py translations compile` makes
them. A server started without that step shows English strings on Persian pages and PDFs, so
`manage.py check` (run by `migrate`, `runserver` and every deployment) fails when a Persian
catalogue is missing or older than its `.po`.
"""

from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import checks

PERSIAN = "fa"


def catalogues(language: str | None = None):
    """Every `.po` catalogue of the project: its LOCALE_PATHS and its own apps' `locale/`."""
    base = Path(settings.BASE_DIR)
    roots = [Path(path) for path in settings.LOCALE_PATHS]
    roots += [
        Path(config.path) / "locale"
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(base) and ".venv" not in Path(config.path).parts
    ]
    found = set()
    for root in roots:
        found.update(root.glob(f"{language or '*'}/LC_MESSAGES/*.po"))
    yield from sorted(found)


def compiled_catalogue_check(app_configs=None, **kwargs):
    errors = []
    for po in catalogues(PERSIAN):
        mo = po.with_suffix(".mo")
        name = po.relative_to(settings.BASE_DIR)
        if not mo.exists():
            errors.append(
                checks.Error(
                    f"The Persian catalogue {name} is not compiled: pages would show English.",
                    hint="Run `python manage.py translations compile`.",
                    id="moqdad.E020",
                )
            )
        elif mo.stat().st_mtime < po.stat().st_mtime:
            errors.append(
                checks.Error(
                    f"The compiled Persian catalogue {mo.name} is older than {name}.",
                    hint="Run `python manage.py translations compile`.",
                    id="moqdad.E021",
                )
            )
    return errors
