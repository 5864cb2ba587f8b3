"""Nothing looks real that is not: demo records are marked, plausible, and borrow no real name."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from exhibition.demo import vocabulary as words
from exhibition.models import BoothHolder, ScheduleItem
from exhibition.tests.factories import ScheduleItemFactory
from martyrs.models import Martyr
from martyrs.tests.factories import MartyrFactory
from moqdad.persian import normalize_for_search
from neighborhoods.models import CouncilMember, Initiative, Neighborhood, ProgrammePhase
from neighborhoods.tests.factories import NeighborhoodFactory

DEMO_MARK = '<span class="badge badge--demo"'


def load():
    call_command(
        "load_demo_data",
        stdout=io.StringIO(),
        neighborhoods=20,
        booths=10,
        martyrs=100,
        verbosity=0,
    )


def _speakers():
    for speakers in ScheduleItem.objects.exclude(speakers="").values_list("speakers", flat=True):
        yield from speakers.split("، ")


def test_demo_speakers_called_khanom_are_women(edition):
    load()

    khanom = [name.split()[1] for name in _speakers() if name.startswith("خانم ")]

    assert len(khanom) > 0
    assert [first for first in khanom if first not in words.FEMALE_FIRST_NAMES] == []


def test_demo_akram_is_a_womans_name(edition):
    load()

    assert ("اکرم" in words.FEMALE_FIRST_NAMES, "اکرم" in words.MALE_FIRST_NAMES) == (True, False)
    assert Martyr.objects.filter(father_name="اکرم").count() == 0


def test_demo_people_never_carry_the_surname_of_the_announcements_speaker(edition):
    load()
    key = normalize_for_search("کبیری پور")

    names = [
        *Martyr.objects.values_list("search_text", flat=True),
        *CouncilMember.objects.values_list("full_name", flat=True),
        *Neighborhood.objects.values_list("manager_name", flat=True),
        *BoothHolder.objects.values_list("full_name", flat=True),
        *_speakers(),
    ]

    assert [name for name in names if key in normalize_for_search(name)] == []


def test_demo_initiatives_started_before_the_exhibition(edition):
    load()

    starts = Initiative.objects.exclude(started_on=None).values_list("started_on", flat=True)

    assert len(starts) > 0
    assert max(starts) < edition.start_date


def test_demo_schedule_invents_no_second_volume_of_the_problems_book(edition):
    load()

    assert ScheduleItem.objects.filter(title__contains="جلد").count() == 0


@pytest.mark.parametrize("page", ["search", "detail", "neighborhood"])
def test_martyr_pages_mark_a_demo_martyr(client, edition, page):
    martyr = MartyrFactory(first_name="رضا", last_name="ساختگی", is_synthetic=True)
    url = {
        "search": reverse("martyrs:search") + "?q=ساختگی",
        "detail": martyr.get_absolute_url(),
        "neighborhood": reverse("martyrs:neighborhood", args=[martyr.neighborhood.slug]),
    }[page]

    html = client.get(url).content.decode()

    name_end = "" if page == "detail" else "</a>"  # the detail page's title is no link
    assert f"شهید رضا ساختگی{name_end} {DEMO_MARK}" in html


def test_demo_neighborhood_page_marks_its_people_and_figures(client, edition):
    neighborhood = NeighborhoodFactory(is_synthetic=True)

    html = client.get(neighborhood.get_absolute_url()).content.decode()

    # The name, its profile figures, council, identity elements, martyrs and veterans.
    assert html.count(DEMO_MARK) == 5


def test_neighborhood_page_never_shows_the_first_phases_stigmatising_title(client, edition):
    first = ProgrammePhase.objects.get(number=1)
    neighborhood = NeighborhoodFactory(phase=first)

    html = client.get(neighborhood.get_absolute_url()).content.decode()

    assert "آسیب‌پذیر حاشیه شهر" in first.title
    assert "آسیب‌پذیر" not in html
    assert "مرحله <bdi>۱</bdi> برنامه محله‌محوری" in html


def test_neighborhood_print_profile_never_shows_the_stigmatising_title(admin_client_fa, edition):
    neighborhood = NeighborhoodFactory(phase=ProgrammePhase.objects.get(number=1))

    html = admin_client_fa.get(
        reverse("exhibition:print_neighborhood_profile", args=[neighborhood.slug])
    ).content.decode()

    assert "آسیب‌پذیر" not in html
    assert "مرحله <bdi>۱</bdi> برنامه محله‌محوری" in html


def test_print_programme_marks_demo_items(admin_client_fa, edition):
    ScheduleItemFactory(title="برنامه ساختگی", is_synthetic=True)

    html = admin_client_fa.get(reverse("exhibition:print_programme")).content.decode()

    assert f"برنامه ساختگی {DEMO_MARK}" in html


@pytest.mark.parametrize("url", ["/", "/statistics/"])
def test_figures_built_from_demo_records_say_so(client, edition, url):
    NeighborhoodFactory(is_synthetic=True)

    html = client.get(url).content.decode()

    assert "این آمار رکوردهای ساختگیِ داده‌های نمایشی را نیز در بر دارد." in html


@pytest.mark.parametrize("url", ["/", "/statistics/"])
def test_figures_of_real_records_only_carry_no_demo_note(client, edition, url):
    NeighborhoodFactory()

    html = client.get(url).content.decode()

    assert "داده‌های نمایشی" not in html


def test_neighborhood_list_filter_names_phases_by_number_only(client, edition):
    NeighborhoodFactory(phase=ProgrammePhase.objects.get(number=1))

    html = client.get("/neighborhoods/").content.decode()

    assert "آسیب‌پذیر" not in html
    assert "مرحله ۱ برنامه محله‌محوری" in html
