"""/about/ states every fact of the announcement of 7 Aban 1401, and only those."""

import re

import pytest

from exhibition.models import Partnership
from neighborhoods.tests.factories import NeighborhoodFactory, VulnerabilityFlagFactory


def _text(html: str) -> str:
    """The page's words, tags and repeated spaces removed."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


@pytest.fixture
def about(client, edition):
    response = client.get("/about/")
    assert response.status_code == 200
    return _text(response.content.decode())


@pytest.mark.parametrize(
    "fact",
    [
        # Title, full name, first of its kind, the congress.
        "«مقداد» نام دارد و نام کامل آن «محلات قم در امتداد دادگری» است.",
        "برای نخستین بار در سطح کشور برگزار می‌شود.",
        "کنگره ملی شهدای استان قم",
        # Dates, hours, venue.
        "از دوشنبه ۹ آبان ۱۴۰۱ تا جمعه ۱۳ آبان ۱۴۰۱",
        "گشایش دوشنبه ۹ آبان ۱۴۰۱ ساعت ۱۸:۰۰؛ سپس هر روز از ساعت ۱۵:۳۰ تا ۲۰:۳۰",
        "محل دائمی نمایشگاه‌ها، مجاورت استانداری قم",
        # The three sections.
        "۳ بخش نمایشگاه",
        "معرفی الگوی کاری و سابقه محلات",
        "عملکرد محله‌ها",
        "پایگاه‌های تخصصی اقشار بسیج و نقش آن‌ها در ارتباط با محلات",
        # Five years, the phases and the 55.
        "مفهوم محله‌محوری پنج سال پیش از برپایی نمایشگاه در بسیج آغاز شد",
        "۱۵ محله",
        "۶۰ محله",
        "۱۱۶ محله",
        "دستاوردهای شوراهای ۵۵ محله منتخب قم",
        # The method of selection.
        "بر اساس اشتراک آماری داده‌های ۵ دستگاه انتخاب شدند",
        # Managers, councils, the book.
        "بیشتر از بسیجیان و فعالان اجتماعی ساکن همان محله است",
        "شورایی ۶ تا ۴۰ نفره از روحانی، معلم، دانشجو و … تشکیل می‌دهد",
        "کتاب «نظام مسائل محلات»",
        # Identity elements, the prominent martyr, the audience.
        "عناصر هویت‌ساز هر محله همچون نخبگان، امامزاده‌ها، اساتید، شهدا، ایثارگران",
        "شهید شاخص محله و آمار شهدا و ایثارگران",
        "با غرفه‌داران و مدیران محله‌ها ارتباط بگیرند",
    ],
)
def test_about_page_states_the_announcements_fact(about, fact):
    assert fact in about


def test_about_page_names_every_partner_under_its_role(client, edition):
    partnerships = Partnership.objects.filter(exhibition=edition).select_related("agency")

    html = client.get("/about/").content.decode()

    assert [p.agency.name for p in partnerships if p.agency.name not in html] == []
    assert "<dt>میزبان</dt><dd><ul><li>سپاه امام علی بن ابی طالب (ع) استان قم</li>" in html
    assert (
        "<dt>نقش‌آفرینان برگزاری</dt><dd><ul><li>سازمان فرهنگی، هنری و ورزشی شهرداری قم</li>"
    ) in html


def test_about_page_gives_no_year_for_the_third_phase(about):
    third = about[about.index("۱۱۶ محله") :]

    assert "۱۴۰۱" not in third[: third.index("دستاوردهای")]


def test_about_page_shows_the_method_never_a_neighborhoods_flags(client, edition):
    neighborhood = NeighborhoodFactory(name="محله پرچم‌خورده")
    VulnerabilityFlagFactory(neighborhood=neighborhood)

    html = client.get("/about/").content.decode()

    assert "محله پرچم‌خورده" not in html


def test_about_page_is_in_english_at_en(client, edition):
    html = client.get("/en/about/").content.decode()

    assert "It is the first exhibition of its kind in the country." in html
    assert re.search(r'hreflang="fa" href="[^"]*/about/"', html) is not None


@pytest.mark.parametrize("url", ["/", "/neighborhoods/"])
def test_header_and_footer_link_to_the_about_page(client, edition, url):
    html = client.get(url).content.decode()

    assert html.count('href="/about/"') == 2


def test_sitemap_lists_the_about_page(client, edition):
    xml = client.get("/sitemap.xml").content.decode()

    assert "/about/</loc>" in xml
