"""deploy/moqdad.env.example names every setting the app and gunicorn read from the environment."""

import re

from django.conf import settings

ROOT = settings.BASE_DIR
READERS = {
    "moqdad/settings.py": re.compile(r'env\.\w+\(\s*"([A-Z][A-Z0-9_]+)"'),
    "gunicorn.conf.py": re.compile(r'environ\.get\(\s*"([A-Z][A-Z0-9_]+)"'),
}


def _read_variables() -> set[str]:
    found = set()
    for path, pattern in READERS.items():
        found |= set(pattern.findall((ROOT / path).read_text(encoding="utf-8")))
    return found


def test_environment_template_lists_every_setting_read():
    template = (ROOT / "deploy" / "moqdad.env.example").read_text(encoding="utf-8")
    listed = set(re.findall(r"^#?([A-Z][A-Z0-9_]+)=", template, re.MULTILINE))

    assert len(_read_variables()) > 30
    assert sorted(_read_variables() - listed) == []
