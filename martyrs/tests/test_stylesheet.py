"""The memorial's stylesheet adds its own pieces and overrides none of the site's."""

import re
from pathlib import Path

from django.conf import settings

STATIC = Path(settings.BASE_DIR) / "static"


def _selectors(path: Path) -> set[str]:
    css = re.sub(r"/\*.*?\*/", "", path.read_text(), flags=re.S)
    found = set()
    for rule in re.findall(r"([^{}@]+)\{[^{}]*\}", css):
        found |= {selector.strip() for selector in rule.split(",") if selector.strip()}
    return found


def test_martyrs_stylesheet_restyles_nothing_that_site_css_styles():
    site = _selectors(STATIC / "moqdad" / "site.css")
    memorial = _selectors(STATIC / "martyrs" / "martyrs.css")

    assert sorted(site & memorial) == []
    assert [s for s in memorial if re.search(r"(^|\s)(button|\.badge|\.chart)", s)] == []
