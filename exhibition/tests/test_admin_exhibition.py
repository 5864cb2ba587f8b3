import datetime
import zoneinfo

import pytest
from django.urls import reverse

from exhibition.models import Booth, ScheduleItem
from exhibition.tests.factories import BoothFactory, ScheduleItemFactory
from moqdad.publishing import PublicationStatus
from moqdad.testing import persian_message

OUTSIDE_DAYS = "The exhibition runs from %(first)s to %(last)s; this day is outside it."
OUTSIDE_HOURS = (
    "On %(day)s the exhibition is open from %(opens)s to %(closes)s; this item is outside those "
    "hours."
)
OVERLAP = "This place is already taken at that time by «%(title)s» (%(start)s–%(end)s)."


def _inline_management(prefix):
    return {
        f"{prefix}-TOTAL_FORMS": "0",
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }


def _booth_form(edition, code):
    return {
        "exhibition": edition.pk,
        "section": edition.sections.get(number=2).pk,
        "code": code,
        "name": "غرفه تازه",
        "slug": "new-booth",
        "status": "draft",
        "plan_x": "0",
        "plan_y": "0",
        "plan_width": "3",
        "plan_depth": "3",
        **_inline_management("holders"),
        **_inline_management("photos"),
    }


def test_booth_admin_rejects_a_duplicate_code(admin_client_fa, edition):
    BoothFactory(exhibition=edition, code="A12")

    response = admin_client_fa.post(
        reverse("admin:exhibition_booth_add"), _booth_form(edition, "A12")
    )

    assert response.status_code == 200
    assert (
        persian_message("Another booth of this edition already uses this code.")
        in response.content.decode()
    )
    assert Booth.objects.filter(code="A12").count() == 1


def test_booth_admin_accepts_a_new_code(admin_client_fa, edition):
    BoothFactory(exhibition=edition, code="A12")

    response = admin_client_fa.post(
        reverse("admin:exhibition_booth_add"), _booth_form(edition, "A13")
    )

    assert response.status_code == 302
    assert Booth.objects.filter(code="A13").count() == 1


def _schedule_form(edition, **overrides):
    data = {
        "exhibition": edition.pk,
        "title": "نشست محله‌محوری",
        "kind": "panel",
        "status": "draft",
        "day": "۱۴۰۱/۰۸/۱۰",
        "start_time": "16:00",
        "end_time": "17:00",
        "place_kind": "hall",
        "hall": edition.halls.get(name="سالن اصلی").pk,
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"day": "۱۴۰۱/۰۸/۱۴"},
            (OUTSIDE_DAYS, {"first": "۹ آبان ۱۴۰۱", "last": "۱۳ آبان ۱۴۰۱"}),
        ),
        (
            {"day": "۱۴۰۱/۰۸/۰۸"},
            (OUTSIDE_DAYS, {"first": "۹ آبان ۱۴۰۱", "last": "۱۳ آبان ۱۴۰۱"}),
        ),
        (
            {"start_time": "15:00", "end_time": "16:00"},
            (OUTSIDE_HOURS, {"day": "سه‌شنبه ۱۰ آبان ۱۴۰۱", "opens": "۱۵:۳۰", "closes": "۲۰:۳۰"}),
        ),
        (
            {"start_time": "20:00", "end_time": "21:00"},
            (OUTSIDE_HOURS, {"day": "سه‌شنبه ۱۰ آبان ۱۴۰۱", "opens": "۱۵:۳۰", "closes": "۲۰:۳۰"}),
        ),
        (
            {"day": "۱۴۰۱/۰۸/۰۹", "start_time": "16:00", "end_time": "17:00"},
            (OUTSIDE_HOURS, {"day": "دوشنبه ۹ آبان ۱۴۰۱", "opens": "۱۸:۰۰", "closes": "۲۰:۳۰"}),
        ),
        (
            {"day": "۱۴۰۱/۰۸/۰۹", "start_time": "18:30", "end_time": "19:30"},
            (OVERLAP, {"title": "آیین افتتاحیه نمایشگاه مقداد", "start": "۱۸:۰۰", "end": "۱۹:۰۰"}),
        ),
    ],
    ids=[
        "after-last-day",
        "before-first-day",
        "before-opening",
        "after-closing",
        "before-the-1800-opening-of-day-one",
        "overlap",
    ],
)
def test_schedule_admin_rejects_an_item_outside_the_edition(
    admin_client_fa, edition, overrides, message
):
    response = admin_client_fa.post(
        reverse("admin:exhibition_scheduleitem_add"), _schedule_form(edition, **overrides)
    )

    msgid, params = message
    assert response.status_code == 200
    assert persian_message(msgid, **params) in response.content.decode()
    assert ScheduleItem.objects.filter(title="نشست محله‌محوری").count() == 0


def test_schedule_admin_accepts_an_item_inside_the_edition(admin_client_fa, edition):
    response = admin_client_fa.post(
        reverse("admin:exhibition_scheduleitem_add"), _schedule_form(edition)
    )

    assert response.status_code == 302
    item = ScheduleItem.objects.get(title="نشست محله‌محوری")
    assert (item.day, item.start_time) == (datetime.date(2022, 11, 1), datetime.time(16, 0))


def test_schedule_changelist_shows_jalali_days_and_persian_times(admin_client_fa, edition):
    ScheduleItemFactory(title="سخنرانی آزمایشی")

    html = admin_client_fa.get(reverse("admin:exhibition_scheduleitem_changelist")).content.decode()

    assert "سه‌شنبه ۱۰ آبان ۱۴۰۱" in html
    assert '<td class="field-start_time_jalali">۱۶:۰۰</td>' in html


def test_schedule_changelist_filters_by_jalali_day(admin_client_fa, edition):
    html = admin_client_fa.get(reverse("admin:exhibition_scheduleitem_changelist")).content.decode()

    assert "دوشنبه ۹ آبان ۱۴۰۱" in html


def test_exhibition_changelist_shows_jalali_dates(admin_client_fa, edition):
    html = admin_client_fa.get(reverse("admin:exhibition_exhibition_changelist")).content.decode()

    assert '<td class="field-start_date_jalali">۱۴۰۱/۰۸/۰۹</td>' in html
    assert '<td class="field-end_date_jalali">۱۴۰۱/۰۸/۱۳</td>' in html
    assert '<td class="field-jalali_year_jalali">۱۴۰۱</td>' in html


def test_exhibition_change_page_types_the_opening_in_jalali(admin_client_fa, edition):
    html = admin_client_fa.get(
        reverse("admin:exhibition_exhibition_change", args=[edition.pk])
    ).content.decode()

    assert 'name="opening_ceremony_at_0" value="۱۴۰۱/۰۸/۰۹"' in html
    assert 'name="opening_ceremony_at_1" value="18:00"' in html


def test_exhibition_admin_saves_a_jalali_opening_time(admin_client_fa, edition):
    url = reverse("admin:exhibition_exhibition_change", args=[edition.pk])
    form = admin_client_fa.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(
        {
            "start_date": "۱۴۰۱/۰۸/۰۹",
            "end_date": "۱۴۰۱/۰۸/۱۳",
            "opening_ceremony_at_0": "۱۴۰۱/۰۸/۰۹",
            "opening_ceremony_at_1": "18:30",
            "daily_opens_at": "15:30",
            "daily_closes_at": "20:30",
            **_inline_formset(
                edition.sections.all(), "sections", ["number", "title", "color", "status"]
            ),
            **_inline_formset(edition.halls.all(), "halls", ["name"]),
            **_inline_formset(edition.partnership_set.all(), "partnership_set", ["agency", "role"]),
        }
    )
    data.pop("partners", None)

    response = admin_client_fa.post(url, data)

    assert response.status_code == 302
    edition.refresh_from_db()
    tehran = zoneinfo.ZoneInfo("Asia/Tehran")
    assert edition.opening_ceremony_at == datetime.datetime(2022, 10, 31, 18, 30, tzinfo=tehran)


def _inline_formset(objects, prefix, fields):
    objects = list(objects)
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(objects)),
        f"{prefix}-INITIAL_FORMS": str(len(objects)),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, obj in enumerate(objects):
        data[f"{prefix}-{i}-id"] = obj.pk
        for name in fields:
            value = getattr(obj, f"{name}_id", None) if name == "agency" else getattr(obj, name)
            data[f"{prefix}-{i}-{name}"] = value
    return data


def test_change_page_links_to_the_public_page_of_a_published_booth(admin_client_fa, edition):
    booth = BoothFactory(status=PublicationStatus.PUBLISHED)

    response = admin_client_fa.get(reverse("admin:exhibition_booth_change", args=[booth.pk]))

    assert response.context["has_absolute_url"] is True


def test_change_page_hides_the_public_link_of_a_draft(admin_client_fa, edition):
    booth = BoothFactory(status=PublicationStatus.DRAFT)

    response = admin_client_fa.get(reverse("admin:exhibition_booth_change", args=[booth.pk]))

    assert response.context["has_absolute_url"] is False


def test_change_page_shows_created_and_updated_in_jalali(admin_client_fa, edition):
    booth = BoothFactory()

    response = admin_client_fa.get(reverse("admin:exhibition_booth_change", args=[booth.pk]))

    html = response.content.decode()
    assert persian_message("created at") in html
    assert persian_message("updated at") in html
    assert f'<div class="readonly">{_jalali_datetime(booth.created_at)}</div>' in html


def _jalali_datetime(value):
    from moqdad.jalali import format_datetime

    return format_datetime(value)


def test_history_page_shows_jalali_dates(admin_client_fa, edition):
    booth = BoothFactory()
    booth.name = "نام تازه"
    booth.save()

    response = admin_client_fa.get(reverse("admin:exhibition_booth_history", args=[booth.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert (
        f'<td class="history-date">{_jalali_datetime(booth.history.first().history_date)}</td>'
        in html
    )
    assert f"<td>{persian_message('Changed')}</td>" in html
    assert "۲ رکورد" in html
    assert 'style="' not in html
