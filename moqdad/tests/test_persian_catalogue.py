"""The Persian of the whole catalogue, ours and the one Django and the libraries bring, as the
admin and the site show it: the wording a Persian official publication would print."""

import re

import pytest
from django.utils.translation import gettext, pgettext, trans_real

FORBIDDEN = {
    "Django's typos": re.compile("آغار|افزدون|محلههای"),
    "a doubled plural": re.compile(r"%\(\w+\)s\s*های|ها\s+های|ها\u200cهای"),
    "«اشیاء» for the admin's items": re.compile("اشیا"),
    "a space before a comma": re.compile(" [،؛]"),
    "«می» without its ZWNJ": re.compile(r"(?<![\w\u200c])ن?می (?=[\u0600-\u06ff])"),
    "a second word for e-mail": re.compile("رایانامه|پست الکترونیک|آدرس ایمیل"),
    "a plural without its ZWNJ": re.compile(r"(?:مدل|فعالیت|محله)ها"),
    "a second word for a workshop or centre": re.compile("اقدامات? محلی"),
}


def _shown_catalogue():
    """Every msgid with the Persian that is shown for it: ours where we override."""
    catalogue = trans_real.translation("fa")._catalog
    return {key: catalogue[key] for key in set(catalogue.keys())}


@pytest.mark.parametrize("problem", FORBIDDEN)
def test_persian_catalogue_has_no_forbidden_form(problem):
    pattern = FORBIDDEN[problem]

    found = {key: text for key, text in _shown_catalogue().items() if pattern.search(text)}

    assert found == {}


def test_persian_admin_deletes_and_selects_with_correct_plurals():
    assert gettext("Delete selected %(verbose_name_plural)s") == "حذف موارد انتخاب‌شده"
    assert (
        gettext("Select all %(total_count)s %(module_name)s")
        % {
            "total_count": "۱۱۶",
            "module_name": "محله",
        }
        == "انتخاب هر ۱۱۶ محله"
    )
    assert gettext("Recent actions") == "فعالیت‌های اخیر"
    assert gettext("Add another %(model)s") == "افزودن %(model)s دیگر"
    assert gettext("Start typing to filter…") == "برای پالایش فهرست بنویسید…"


def test_persian_unit_of_measure_is_vahed_and_military_unit_is_yegan():
    from martyrs.models import Martyr
    from neighborhoods.models import ProfileIndicator

    assert str(ProfileIndicator._meta.get_field("unit").verbose_name) == "واحد"
    assert str(Martyr._meta.get_field("unit").verbose_name) == "یگان"
    assert pgettext("measure", "unit") == "واحد"


def test_persian_initiatives_have_one_name_in_admin_and_site():
    from neighborhoods.models import Initiative

    assert str(Initiative._meta.verbose_name_plural) == gettext("Workshops and centres")
    assert str(Initiative._meta.verbose_name_plural) == "کارگاه‌ها و مراکز"


def test_persian_email_has_one_name():
    assert gettext("e-mail") == "ایمیل"
    assert gettext("email address") == "نشانی ایمیل"


@pytest.mark.django_db
def test_council_name_does_not_double_the_neighborhood_prefix():
    from neighborhoods.tests.factories import CouncilFactory

    council = CouncilFactory(neighborhood__name="محله نیلوفر")

    assert str(council) == "شورای محله نیلوفر"


def test_persian_admin_names_the_login_protection_app_in_persian():
    from django.apps import apps

    assert str(apps.get_app_config("axes").verbose_name) == "محافظت از ورود"
