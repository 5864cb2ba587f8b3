"""On the English site, content that exists only in Persian keeps its own direction: names and
free text of neighborhoods, martyrs and the schedule are wrapped in `<bdi lang="fa" dir="rtl">`."""

import datetime
import re
import zoneinfo
from html.parser import HTMLParser
from urllib.parse import quote

from django.utils import timezone

from exhibition.tests.factories import BoothFactory, ScheduleItemFactory
from martyrs.tests.factories import MartyrFactory
from neighborhoods.tests.factories import (
    ActionPlanFactory,
    IdentityElementFactory,
    InitiativeFactory,
    NeighborhoodFactory,
    ProblemFactory,
    ProfileIndicatorFactory,
)

TEHRAN = zoneinfo.ZoneInfo("Asia/Tehran")
FA = '<bdi lang="fa" dir="rtl">{}</bdi>'
PERSIAN_LETTERS = re.compile("[\u0600-\u06ff]")


def test_english_neighborhood_list_wraps_persian_names_and_summaries(client, edition):
    NeighborhoodFactory(name="نیلوفر", summary="محله‌ای در شمال قم")

    page = client.get("/en/neighborhoods/").content.decode()

    assert FA.format("نیلوفر") in page
    assert FA.format("محله‌ای در شمال قم") in page


def test_english_neighborhood_page_wraps_persian_name_and_description(client, edition):
    neighborhood = NeighborhoodFactory(
        name="نیلوفر", summary="محله‌ای در شمال قم", manager_name="علی رضایی"
    )

    page = client.get(f"/en{neighborhood.get_absolute_url()}").content.decode()

    assert f"<h1>{FA.format('نیلوفر')}" in page
    assert FA.format("محله‌ای در شمال قم") in page
    assert FA.format("علی رضایی") in page


def test_english_martyr_pages_wrap_persian_names(client, edition):
    neighborhood = NeighborhoodFactory(name="نیلوفر")
    martyr = MartyrFactory(
        first_name="مهدی", last_name="زین‌الدین", father_name="حسین", neighborhood=neighborhood
    )

    detail_url = f"/en{martyr.get_absolute_url()}"

    search = client.get("/en/martyrs/", {"q": "مهدی"}).content.decode()
    detail = client.get(detail_url).content.decode()
    listing = client.get(f"/en/martyrs/neighborhood/{neighborhood.slug}/").content.decode()

    assert FA.format("مهدی زین‌الدین") in search
    assert FA.format("حسین") in search
    assert FA.format("مهدی زین‌الدین") in detail
    assert FA.format("حسین") in detail
    assert FA.format("نیلوفر") in detail
    assert FA.format("نیلوفر") in listing
    assert FA.format("مهدی زین‌الدین") in listing


def test_english_schedule_wraps_persian_titles_and_places(client, edition):
    ScheduleItemFactory(day=datetime.date(2022, 11, 1), title="سخنرانی افتتاحیه", hall="سالن یک")

    day = client.get("/en/schedule/2022-11-01/").content.decode()
    whole = client.get("/en/schedule/", {"days": "all"}).content.decode()

    for page in (day, whole):
        assert FA.format("سخنرانی افتتاحیه") in page
        assert FA.format("سالن یک") in page


class PersianOutsideItsOwnDirection(HTMLParser):
    """Persian text of the page that is not inside an element marked `lang="fa"`."""

    VOID = {"img", "input", "br", "meta", "link", "hr", "source", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []
        self.stray: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            return
        persian = dict(attrs).get("lang") == "fa" or any(own for _, own in self.stack[-1:])
        self.stack.append((tag, persian))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        inside = self.stack[-1] if self.stack else ("", False)
        if inside[0] not in ("script", "style", "title") and not inside[1]:
            if PERSIAN_LETTERS.search(data):
                self.stray.append(data.strip())


def persian_outside_its_direction(page: str) -> list[str]:
    parser = PersianOutsideItsOwnDirection()
    parser.feed(page)
    return parser.stray


def test_english_pages_leave_no_persian_outside_its_own_direction(client, edition, monkeypatch):
    monkeypatch.setattr(
        timezone, "now", lambda: datetime.datetime(2022, 10, 31, 18, 20, tzinfo=TEHRAN)
    )
    neighborhood = NeighborhoodFactory(name="نیلوفر", manager_name="علی رضایی")
    problem = ProblemFactory(neighborhood=neighborhood, title="بیکاری جوانان")
    ActionPlanFactory(problem=problem, title="کارگاه خیاطی", responsible="بسیج محله")
    InitiativeFactory(neighborhood=neighborhood, title="خانه سبز محله", description="کار گروهی")
    IdentityElementFactory(neighborhood=neighborhood, description="بنای قدیمی")
    ProfileIndicatorFactory(neighborhood=neighborhood, unit="نفر")
    martyr = MartyrFactory(
        neighborhood=neighborhood,
        is_prominent=True,
        birth_date=datetime.date(1965, 3, 1),
        birth_place="قم",
        martyrdom_place="شلمچه",
        operation="کربلای ۵",
        biography="زندگی‌نامه\n\nبند دوم",
    )
    BoothFactory(neighborhood=neighborhood, name="غرفه نیلوفر")
    MartyrFactory(neighborhood=neighborhood, last_name="نیلوفری")
    ScheduleItemFactory(
        day=datetime.date(2022, 11, 1),
        title="سخنرانی",
        speakers="سخنران",
        neighborhood=neighborhood,
    )
    ScheduleItemFactory(
        day=edition.start_date,
        start_time=datetime.time(19, 0),
        end_time=datetime.time(19, 30),
        title="سخنرانی بعدی",
        hall="سالن یک",
    )
    urls = [
        f"/en{neighborhood.get_absolute_url()}",
        f"/en{martyr.get_absolute_url()}",
        f"/en/martyrs/neighborhood/{neighborhood.slug}/",
        "/en/neighborhoods/",
        "/en/schedule/2022-11-01/",
        "/en/schedule/?days=all",
        "/en/martyrs/?q=%D9%85%D9%87%D8%AF%DB%8C",
        "/en/",
        f"/en/search/?q={quote('نیلوفر')}",
        "/en/statistics/",
        "/en/plan/",
        "/en/booths/",
        "/en/about/",
    ]

    stray = {url: persian_outside_its_direction(client.get(url).content.decode()) for url in urls}

    assert stray == {url: [] for url in urls}


def test_english_martyr_figures_table_wraps_persian_neighborhood_names(client, edition):
    neighborhood = NeighborhoodFactory(name="نیلوفر")
    MartyrFactory(neighborhood=neighborhood)

    page = client.get("/en/martyrs/figures/").content.decode()

    assert f">{FA.format('نیلوفر')}</a></th>" in page


def test_english_chart_and_plan_labels_mark_persian_in_svg_attributes(client, edition):
    neighborhood = NeighborhoodFactory(name="نیلوفر")
    MartyrFactory(neighborhood=neighborhood)
    BoothFactory(neighborhood=neighborhood)
    ScheduleItemFactory(day=edition.start_date, hall="سالن یک")
    rtl = 'lang="fa" direction="rtl" unicode-bidi="embed"'

    statistics = client.get("/en/statistics/").content.decode()
    plan = client.get("/en/plan/").content.decode()
    persian_plan = client.get("/plan/").content.decode()

    assert f'text-anchor="end" {rtl}>نیلوفر</text>' in statistics
    assert f'text-anchor="middle" {rtl} dominant-baseline="central"' in plan
    assert rtl not in persian_plan
