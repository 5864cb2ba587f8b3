"""The search form's neighborhood choice, written in Python, is the select Django would write."""

import pytest
from django.utils import translation

from martyrs.forms import MartyrSearchForm
from moqdad.persian import PersianOptionsSelect
from neighborhoods.tests.factories import NeighborhoodFactory


@pytest.mark.parametrize("language", ["fa", "en"])
def test_neighborhood_choice_is_the_select_django_writes(db, language):
    NeighborhoodFactory(name="محله نیلوفر", slug="niloufar")
    NeighborhoodFactory(name='محله "<بهار>"', slug="bahar")
    with translation.override(language):
        form = MartyrSearchForm({"neighborhood": "niloufar", "year_from": "x"})
        form.is_valid()
        field = form["neighborhood"]
        attrs = {"id": field.auto_id, "aria-describedby": "hint"}

        written = field.field.widget.render("neighborhood", field.value(), attrs)
        by_template = PersianOptionsSelect.render(
            field.field.widget, "neighborhood", field.value(), attrs
        )

    assert written == by_template
    assert '<option value="niloufar" selected' in written
    assert "&quot;&lt;بهار&gt;&quot;" in written
