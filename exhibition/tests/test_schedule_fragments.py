"""The schedule pages keep their rendered programme items until the content changes: what a
visitor sees must still follow every edit at once, in each language and filter."""

import datetime

from exhibition.models import ScheduleItem
from exhibition.services import schedule_item_save
from exhibition.tests.factories import BoothFactory, ScheduleItemFactory
from moqdad.publishing import PublicationStatus

DAY_2 = datetime.date(2022, 11, 1)
DAY_PAGE = "/schedule/2022-11-01/"
ALL_DAYS = "/schedule/?days=all"


def _items(response) -> str:
    """The programme items of a schedule page (its place filter lists the booths too)."""
    return response.content.decode().split('class="schedule-items"', 1)[1]


def test_schedule_item_edit_shows_on_the_day_page_and_the_whole_programme(client, edition):
    item = ScheduleItemFactory(title="گفت‌وگوی اول")
    assert "گفت‌وگوی اول" in client.get(DAY_PAGE).content.decode()
    assert "گفت‌وگوی اول" in client.get(ALL_DAYS).content.decode()

    schedule_item_save(item=item, title="گفت‌وگوی دوم")

    day_page = client.get(DAY_PAGE).content.decode()
    whole = client.get(ALL_DAYS).content.decode()
    assert "گفت‌وگوی دوم" in day_page and "گفت‌وگوی اول" not in day_page
    assert "گفت‌وگوی دوم" in whole and "گفت‌وگوی اول" not in whole


def test_schedule_item_unpublished_leaves_the_day_page(client, edition):
    item = ScheduleItemFactory(title="نشست کنارگذاشته")
    assert "نشست کنارگذاشته" in client.get(DAY_PAGE).content.decode()

    schedule_item_save(item=item, status=PublicationStatus.DRAFT)

    assert "نشست کنارگذاشته" not in client.get(DAY_PAGE).content.decode()


def test_schedule_day_page_shows_a_renamed_booth(client, edition):
    booth = BoothFactory(name="کتابخانه پیشین")
    ScheduleItemFactory(place_kind=ScheduleItem.PlaceKind.BOOTH, booth=booth, hall=None)
    assert "کتابخانه پیشین" in _items(client.get(DAY_PAGE))

    booth.name = "کتابخانه تازه"
    booth.save()

    items = _items(client.get(DAY_PAGE))
    assert "کتابخانه تازه" in items and "کتابخانه پیشین" not in items


def test_schedule_day_page_filters_and_languages_are_kept_apart(client, edition):
    ScheduleItemFactory(title="سخنرانی روز", kind=ScheduleItem.Kind.SPEECH)
    ScheduleItemFactory(title="میزگرد روز", kind=ScheduleItem.Kind.PANEL)
    client.get(DAY_PAGE)
    client.get(f"/en{DAY_PAGE}")

    workshops = client.get(DAY_PAGE, {"kind": ScheduleItem.Kind.PANEL}).content.decode()
    persian = client.get(DAY_PAGE).content.decode()
    english = client.get(f"/en{DAY_PAGE}").content.decode()

    assert "میزگرد روز" in workshops and "سخنرانی روز" not in workshops
    assert "میزگرد روز" in persian and "سخنرانی روز" in persian
    assert '<bdi lang="fa" dir="rtl">میزگرد روز</bdi>' in english
    assert '<bdi lang="fa" dir="rtl">میزگرد روز</bdi>' not in persian
