import datetime
import io
import itertools
import re
import zoneinfo

import icalendar
import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.db.models import Count
from simple_history.utils import get_history_model_for_model

from exhibition.demo import exhibition as exhibition_demo
from exhibition.demo import martyrs as martyrs_demo
from exhibition.models import Booth, BoothHolder, ContactRequest, ScheduleItem, StrataBase
from exhibition.tests.factories import edition_1401
from martyrs.models import Martyr, VeteranTally
from martyrs.tests.factories import MartyrFactory
from moqdad.jalali import DatePrecision, to_jalali
from moqdad.persian import normalize_for_search
from moqdad.publishing import PublicationStatus
from neighborhoods.models import (
    ActionPlan,
    Council,
    CouncilMember,
    IdentityElement,
    Initiative,
    Neighborhood,
    Problem,
    ProfileIndicator,
    VulnerabilityFlag,
)
from neighborhoods.tests.factories import NeighborhoodFactory

SMALL = {"neighborhoods": 20, "booths": 10, "martyrs": 100}
DEMO_MODELS = [
    Neighborhood,
    Council,
    CouncilMember,
    ProfileIndicator,
    VulnerabilityFlag,
    Problem,
    ActionPlan,
    Initiative,
    IdentityElement,
    VeteranTally,
    StrataBase,
    Martyr,
    Booth,
    BoothHolder,
    ContactRequest,
    ScheduleItem,
]


def load(**options):
    out = io.StringIO()
    call_command("load_demo_data", stdout=out, **{**SMALL, "verbosity": 0, **options})
    return out.getvalue()


def snapshot() -> dict:
    """Every demo row's values, with keys to other demo rows replaced by their rank."""
    ranks, data = {}, {}
    for model in DEMO_MODELS:
        pks = model.objects.order_by("pk").values_list("pk", flat=True)
        ranks[model] = {pk: rank for rank, pk in enumerate(pks)}
        relations = {
            f.attname: f.related_model
            for f in model._meta.concrete_fields
            if f.is_relation and f.related_model in ranks
        }
        rows = []
        for row in model.objects.order_by("pk").values():
            for name in ("id", "created_at", "updated_at"):
                row.pop(name)
            for attname, related in relations.items():
                row[attname] = ranks[related].get(row[attname])
            rows.append(row)
        data[model.__name__] = rows
    return data


def history_counts() -> dict:
    return {
        model.__name__: get_history_model_for_model(model).objects.count() for model in DEMO_MODELS
    }


def test_load_demo_data_small_scale_creates_the_requested_counts(edition):
    load()

    neighborhoods = Neighborhood.objects.filter(is_synthetic=True)
    assert neighborhoods.count() == 20
    assert neighborhoods.filter(is_selected=True).count() == 9
    assert list(
        neighborhoods.values_list("phase__number").annotate(n=Count("id")).order_by("phase__number")
    ) == [(1, 3), (2, 7), (3, 10)]
    assert Council.objects.count() == 20
    assert Booth.objects.filter(is_synthetic=True).count() == 10
    assert Martyr.objects.filter(is_synthetic=True).count() == 100
    assert StrataBase.objects.filter(is_synthetic=True).count() == 12
    assert VeteranTally.objects.count() == 20 * 4
    assert VulnerabilityFlag.objects.filter(year=1396).count() == 3 * 5
    # followup (#16) adds the later reviews' flags (1399, 1400) of every neighborhood.
    assert VulnerabilityFlag.objects.count() == 3 * 5 + 20 * 5 * 2
    assert ProfileIndicator.objects.filter(year=1400).count() == 20 * 11
    assert ProfileIndicator.objects.filter(year=1401).count() == 20 * 11
    assert set(ProfileIndicator.objects.values_list("kind", flat=True)) == {
        "education",
        "employment",
        "social_harm",
        "demography",
    }


def test_load_demo_data_labels_every_record_as_synthetic(edition):
    load()

    for model in (Neighborhood, Martyr, Booth, StrataBase):
        assert not model.objects.filter(is_synthetic=False).exists(), model
    assert not ScheduleItem.objects.filter(is_synthetic=False).exclude(kind="opening").exists()
    label = "داده نمایشی"
    assert not Neighborhood.objects.exclude(description__contains=label).exists()
    assert not Council.objects.exclude(description__contains=label).exists()
    assert not Problem.objects.exclude(description__contains=label).exists()
    assert not Martyr.objects.exclude(source__contains=label).exists()
    assert not Booth.objects.exclude(description__contains=label).exists()
    assert (
        not ScheduleItem.objects.filter(is_synthetic=True)
        .exclude(description__contains=label)
        .exists()
    )


def test_load_demo_data_councils_have_6_to_40_members(edition):
    load()

    sizes = list(Council.objects.annotate(n=Count("members")).values_list("n", flat=True))

    assert len(sizes) == 20
    assert min(sizes) == 6
    assert max(sizes) == 40
    assert Council.objects.filter(members__is_chair=True).distinct().count() == 20


def test_load_demo_data_council_members_carry_private_contact_data(edition):
    load()

    members = CouncilMember.objects.all()

    assert not members.filter(phone="").exists()
    assert all(re.fullmatch(r"09\d{9}", phone) for phone in members.values_list("phone", flat=True))
    assert not members.filter(address="").exists()
    assert members.filter(publish_name=True).exists()
    assert members.filter(publish_name=False).exists()


def test_load_demo_data_schedule_is_valid_full_and_clear_of_the_opening(edition):
    load()
    items = ScheduleItem.objects.filter(is_synthetic=True).select_related("exhibition")
    opening = ScheduleItem.objects.get(is_synthetic=False, kind="opening")

    for item in items:
        item.full_clean()
    per_day = dict(items.values_list("day").annotate(n=Count("id")))
    during_opening = items.filter(
        day=opening.day, start_time__lt=opening.end_time, end_time__gt=opening.start_time
    )

    assert sorted(per_day) == edition.days
    # Day one is short (18:00 to 20:30, an hour of it the opening); the others run 15:30-20:30.
    assert per_day.pop(edition.start_date) >= 15
    assert min(per_day.values()) >= 30
    assert not during_opening.exists()
    assert set(items.values_list("kind", flat=True)) == set(ScheduleItem.Kind) - {"opening"}
    assert items.filter(place_kind="booth").exists()
    assert items.filter(status=PublicationStatus.DRAFT).count() == 2


def test_load_demo_data_day_one_starts_at_the_1800_opening(edition):
    load()

    day_one = ScheduleItem.objects.filter(day=edition.start_date)

    assert day_one.filter(start_time__lt=datetime.time(18, 0)).count() == 0
    assert day_one.order_by("start_time").first().kind == "opening"


def test_load_demo_data_calendar_opens_with_the_opening_at_1800_tehran(client, edition):
    load()

    calendar = icalendar.Calendar.from_ical(client.get("/schedule/calendar.ics").content)

    first = min(calendar.walk("VEVENT"), key=lambda event: event.decoded("dtstart"))
    assert first.decoded("dtstart") == datetime.datetime(
        2022, 10, 31, 18, 0, tzinfo=zoneinfo.ZoneInfo("Asia/Tehran")
    )
    assert str(first["summary"]) == "آیین افتتاحیه نمایشگاه مقداد"


def test_load_demo_data_contact_requests_arrive_during_the_exhibition(edition):
    load()
    requests = ContactRequest.objects.select_related("booth")

    sent_days = {to_jalali(r.created_at).day for r in requests}

    assert requests.count() == 3
    assert sent_days <= {9, 10, 11, 12, 13}
    assert all(r.phone or r.email for r in requests)
    assert all(r.booth.status == PublicationStatus.PUBLISHED for r in requests)
    assert all(r.handled_at > r.created_at for r in requests if r.handled_at)


def test_load_demo_data_gives_at_most_one_prominent_martyr_per_neighborhood(edition):
    load()

    per_neighborhood = Martyr.objects.filter(is_prominent=True).values("neighborhood")
    counts = per_neighborhood.annotate(n=Count("id")).values_list("n", flat=True)

    assert set(counts) == {1}
    assert set(per_neighborhood.values_list("neighborhood", flat=True)) == set(
        Neighborhood.objects.filter(is_selected=True).values_list("pk", flat=True)
    )


def test_load_demo_data_martyr_dates_are_sometimes_known_only_to_the_year_or_month(edition):
    load(martyrs=1000)

    years = Martyr.objects.filter(martyrdom_date_precision=DatePrecision.YEAR)
    months = Martyr.objects.filter(martyrdom_date_precision=DatePrecision.MONTH)

    assert 0.10 < (years.count() + months.count()) / 1000 < 0.20
    assert {
        (to_jalali(d).month, to_jalali(d).day)
        for d in years.values_list("martyrdom_date", flat=True)
    } == {(1, 1)}
    assert {to_jalali(d).day for d in months.values_list("martyrdom_date", flat=True)} == {1}
    sacred_defence = Martyr.objects.filter(category=Martyr.Category.SACRED_DEFENCE)
    assert set(sacred_defence.values_list("martyrdom_year", flat=True)) <= set(range(1359, 1368))


def test_load_demo_data_martyrs_show_the_variant_tolerant_search(edition):
    load()

    def found(query):
        key = normalize_for_search(query)
        return set(
            Martyr.objects.filter(search_text__contains=key).values_list("last_name", flat=True)
        )

    assert {"حیدری\u200cنسب", "حیدری نسب", "حیدرینسب"} <= found("حيدري نسب")
    assert "كريمي" in found("کریمی")


def test_load_demo_data_booths_fill_the_three_sections_without_overlapping(edition):
    load(booths=20)
    booths = list(Booth.objects.filter(exhibition=edition).select_related("section"))

    codes = [b.code for b in booths]
    overlapping = [
        (a.code, b.code)
        for a, b in itertools.combinations(booths, 2)
        if a.plan_x < b.plan_x + b.plan_width
        and b.plan_x < a.plan_x + a.plan_width
        and a.plan_y < b.plan_y + b.plan_depth
        and b.plan_y < a.plan_y + a.plan_depth
    ]

    assert len(booths) == 20
    assert {b.section.number for b in booths} == {1, 2, 3}
    assert all(re.fullmatch(r"[ABC]-\d\d", code) for code in codes)
    assert len(set(codes)) == 20
    assert overlapping == []
    assert max(b.plan_x + b.plan_width for b in booths) <= exhibition_demo.HALL_WIDTH
    assert all(b.neighborhood.is_selected for b in booths if b.section.number == 2)
    assert all(b.strata_base_id for b in booths if b.section.number == 3)
    assert BoothHolder.objects.filter(booth__in=booths).values("booth").distinct().count() == 20


def test_load_demo_data_twice_leaves_exactly_the_same_data(edition):
    load()
    first, first_history = snapshot(), history_counts()

    load()

    assert snapshot() == first
    assert history_counts() == first_history


def test_load_demo_data_same_seed_gives_same_data_and_another_seed_does_not(edition):
    load(seed=7)
    seven = snapshot()
    load(seed=8)
    eight = snapshot()

    load(seed=7)

    assert snapshot() == seven
    assert eight["Neighborhood"] != seven["Neighborhood"]
    assert eight["Martyr"] != seven["Martyr"]


def test_load_demo_data_leaves_real_records_alone(edition):
    real = NeighborhoodFactory(name="محله واقعی")
    load()

    load()

    assert Neighborhood.objects.filter(pk=real.pk, is_synthetic=False).exists()
    assert ScheduleItem.objects.filter(is_synthetic=False, kind="opening").count() == 1


def test_load_demo_data_refuses_to_orphan_a_real_record_and_keeps_the_old_set(edition):
    load()
    before = snapshot()
    MartyrFactory(neighborhood=Neighborhood.objects.filter(is_synthetic=True).first())

    with pytest.raises(CommandError, match="not demo data still point to demo"):
        load(seed=2)

    assert snapshot()["Neighborhood"] == before["Neighborhood"]


def test_load_demo_data_many_martyrs_skip_history_and_report_progress(edition, monkeypatch):
    load()
    with_history = snapshot()["Martyr"]
    monkeypatch.setattr(martyrs_demo, "HISTORY_LIMIT", 10)
    monkeypatch.setattr(martyrs_demo, "PROGRESS_EVERY", 40)

    output = load(verbosity=1)

    assert "martyrs: 40 / 100" in output
    assert "martyrs: 100 / 100" in output
    assert snapshot()["Martyr"] == with_history
    assert get_history_model_for_model(Martyr).objects.count() == 0


def test_load_demo_data_without_the_edition_says_to_migrate(db):
    edition_1401().delete()

    with pytest.raises(CommandError, match="migrate"):
        load()


@pytest.mark.slow
def test_load_demo_data_default_scale_matches_the_announcement(edition):
    call_command("load_demo_data", verbosity=0)

    neighborhoods = Neighborhood.objects.filter(is_synthetic=True)
    assert neighborhoods.count() == 116
    assert neighborhoods.filter(is_selected=True).count() == 55
    assert list(
        neighborhoods.values_list("phase__number").annotate(n=Count("id")).order_by("phase__number")
    ) == [(1, 15), (2, 45), (3, 56)]
    assert VulnerabilityFlag.objects.values("neighborhood").distinct().count() == 15
    assert Booth.objects.count() == 55
    assert Martyr.objects.count() == 2000
    assert Martyr.objects.filter(is_prominent=True).count() == 55
    per_day = ScheduleItem.objects.filter(is_synthetic=True).values("day").annotate(n=Count("id"))
    assert min(row["n"] for row in per_day) >= 30


# Demo accounts ---------------------------------------------------------------------------


def create_accounts(**options) -> str:
    out = io.StringIO()
    call_command("create_demo_accounts", stdout=out, **options)
    return re.search(r"password: (\S+)", out.getvalue()).group(1)


def log_in(client, password) -> tuple[int, list]:
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "admin", "password": password}, follow=True
    )
    return response.status_code, response.redirect_chain


def test_create_demo_accounts_prints_a_password_that_opens_the_admin(db, client):
    password = create_accounts(demo=True)

    status, redirects = log_in(client, password)

    assert password == "meqdad-demo-1401"
    assert (status, redirects) == (200, [("/admin/", 302)])


def test_create_demo_accounts_twice_keeps_one_admin_and_resets_its_password(db, settings):
    settings.DEMO_PASSWORD = ""
    create_accounts(demo=True)
    admin = get_user_model().objects.get(username="admin")
    admin.set_password("something-else-entirely")
    admin.save()

    create_accounts(demo=True)

    admin = get_user_model().objects.get(username="admin")
    assert get_user_model().objects.filter(username="admin").count() == 1
    assert (admin.is_superuser, admin.is_staff) == (True, True)
    assert list(admin.groups.values_list("name", flat=True)) == ["ستاد برگزاری"]
    assert admin.check_password("meqdad-demo-1401")


def test_create_demo_accounts_uses_the_password_from_the_environment(db, settings):
    settings.DEMO_PASSWORD = "a-secret-from-the-env-42"

    assert create_accounts(demo=True) == "a-secret-from-the-env-42"


def test_create_demo_accounts_generates_a_password_outside_demo_mode(db, settings):
    settings.DEMO_PASSWORD, settings.DEBUG = "", False

    first, second = create_accounts(), create_accounts()

    assert first != "meqdad-demo-1401"
    assert first != second
    assert get_user_model().objects.get(username="admin").check_password(second)


def test_create_demo_accounts_refuses_the_public_password_in_production(db, settings):
    settings.DEMO_PASSWORD, settings.PRODUCTION = "", True

    with pytest.raises(CommandError, match="DEMO_PASSWORD"):
        create_accounts(demo=True)
    assert not get_user_model().objects.exists()


def _home_panel_rows(client, username: str, panel: str) -> int:
    client.force_login(get_user_model().objects.get(username=username))
    html = client.get("/admin/").content.decode()
    start = html.index(f'id="{panel}"')
    return html[start : html.index("</section>", start)].count("<li>")


def test_demo_gives_each_role_something_to_do_on_its_admin_home(edition, client):
    load(neighborhoods=116, booths=55, martyrs=100)
    create_accounts(demo=True)

    rows = {
        "booth holder's new requests": _home_panel_rows(client, "booth", "home-contact-requests"),
        "agency's items": _home_panel_rows(client, "agency", "home-schedule-items"),
        "reviewer's queue": _home_panel_rows(client, "reviewer", "home-review"),
    }

    assert {name: count > 0 for name, count in rows.items()} == dict.fromkeys(rows, True)


def test_the_demo_door_account_opens_the_check_in_page_and_no_admin_data(db, client):
    password = create_accounts(demo=True)
    client.post("/admin/login/", {"username": "door", "password": password})

    door = client.get("/door/")
    guests = client.get("/admin/guests/guest/")

    assert door.status_code == 200 and "/door/" in door.request["PATH_INFO"]
    assert guests.status_code == 403
