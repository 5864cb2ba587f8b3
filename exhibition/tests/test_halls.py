"""Halls are a list per edition: chosen in the admin, named in imports, filtered on the site."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from exhibition.tests.factories import HallFactory, ScheduleItemFactory, edition_1401

BEFORE = [("exhibition", "0005_first_day_opening")]
AFTER = [("exhibition", "0008_hall_names_removed")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_migration_turns_each_editions_hall_names_into_halls():
    edition_1401()  # an earlier transactional test may have flushed the initial data
    old = _migrate(BEFORE)
    Exhibition = old.get_model("exhibition", "Exhibition")
    ScheduleItem = old.get_model("exhibition", "ScheduleItem")
    edition = Exhibition.objects.get(jalali_year=1401)
    for title, hall in [("یک", "سالن شهدا"), ("دو", "سالن شهدا"), ("سه", "سالن کتاب")]:
        ScheduleItem.objects.create(
            exhibition=edition,
            day=datetime.date(2022, 11, 1),
            start_time=datetime.time(16, 0),
            end_time=datetime.time(16, 30),
            place_kind="hall",
            hall=hall,
            title=title,
        )

    new = _migrate(AFTER)

    items = new.get_model("exhibition", "ScheduleItem").objects.filter(exhibition=edition.pk)
    halls = new.get_model("exhibition", "Hall").objects.filter(exhibition=edition.pk)
    assert sorted(halls.values_list("name", flat=True)) == ["سالن اصلی", "سالن شهدا", "سالن کتاب"]
    assert sorted(items.values_list("title", "hall__name")) == [
        ("آیین افتتاحیه نمایشگاه مقداد", "سالن اصلی"),
        ("دو", "سالن شهدا"),
        ("سه", "سالن کتاب"),
        ("یک", "سالن شهدا"),
    ]
    _migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_schedule_admin_offers_the_editions_halls_as_a_list(admin_client_fa, edition):
    HallFactory(exhibition=edition, name="سالن شهدا")

    html = admin_client_fa.get("/admin/exhibition/scheduleitem/add/").content.decode()

    start = html.index('<select name="hall"')
    options = html[start : html.index("</select>", start)]
    assert options.count("<option") == 3
    assert (">سالن اصلی</option>" in options, ">سالن شهدا</option>" in options) == (True, True)


def test_edition_admin_edits_its_halls_inline(admin_client_fa, edition):
    html = admin_client_fa.get(
        f"/admin/exhibition/exhibition/{edition.pk}/change/"
    ).content.decode()

    assert 'name="halls-0-name"' in html
    assert 'value="سالن اصلی"' in html


def test_schedule_page_filters_by_hall(client, edition):
    hall = HallFactory(exhibition=edition, name="سالن شهدا")
    ScheduleItemFactory(hall=hall, title="نشست در سالن شهدا")
    ScheduleItemFactory(hall="سالن کتاب", title="نشست در سالن کتاب")

    html = client.get(f"/schedule/2022-11-01/?place=hall:{hall.pk}").content.decode()

    assert ("نشست در سالن شهدا" in html, "نشست در سالن کتاب" in html) == (True, False)
    assert f'<option value="hall:{hall.pk}" selected>سالن شهدا</option>' in html
