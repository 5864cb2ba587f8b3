"""The English site is English: the edition, its venue and its sections have English names,
and Persian-only content keeps its own direction inside the left-to-right page."""

import re

from exhibition.tests import public_site

PERSIAN_LETTERS = re.compile(r"[\u0600-\u06ff]")


def test_english_home_names_the_edition_venue_and_sections_in_english(client, edition):
    text = public_site.visible_text(client.get("/en/").content.decode())

    assert "Meqdad" in text
    assert "Qom's neighborhoods in the continuation of justice" in text
    assert "The permanent exhibition grounds, next to the Qom Governorate" in text
    assert "The working model and history of the neighborhoods" in text
    assert "The neighborhoods' performance" in text
    assert "محلات قم در امتداد دادگری" not in text
    assert "مجاورت استانداری قم" not in text
    assert "عملکرد محله‌ها" not in text


def test_persian_home_keeps_the_persian_names(client, edition):
    text = public_site.visible_text(client.get("/").content.decode())

    assert "محلات قم در امتداد دادگری" in text
    assert "عملکرد محله‌ها" in text
    assert "Meqdad" not in text


def test_english_booth_list_names_sections_in_english(client, edition):
    text = public_site.visible_text(client.get("/en/booths/").content.decode())

    assert "The neighborhoods' performance" in text
    assert "عملکرد محله‌ها" not in text


def test_english_site_wraps_persian_content_in_its_own_direction(client, edition):
    from exhibition.tests.factories import BoothFactory

    booth = BoothFactory(name="غرفه محله نیلوفر", section=edition.sections.get(number=2))

    page = client.get(f"/en{booth.get_absolute_url()}").content.decode()

    assert '<bdi lang="fa" dir="rtl">غرفه محله نیلوفر</bdi>' in page
