import datetime

import pytest

from exhibition.models import ScheduleItem
from exhibition.tests.factories import BoothFactory
from exhibition.tests.pdf_text import has_phrase, pdf_pages
from exhibition.tests.schedule_data import make_full_schedule
from neighborhoods.models import ProfileIndicator
from neighborhoods.tests.factories import (
    CouncilMemberFactory,
    NeighborhoodFactory,
    ProfileIndicatorFactory,
    VulnerabilityFlagFactory,
    council_with_members,
)


def fa(number) -> str:
    return str(number).translate(str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹"))


DAY_NAMES = [
    "دوشنبه ۹ آبان ۱۴۰۱",
    "سه‌شنبه ۱۰ آبان ۱۴۰۱",
    "چهارشنبه ۱۱ آبان ۱۴۰۱",
    "پنجشنبه ۱۲ آبان ۱۴۰۱",
    "جمعه ۱۳ آبان ۱۴۰۱",
]


@pytest.fixture
def full_schedule(edition):
    return make_full_schedule(edition)


@pytest.fixture
def empty_edition(edition):
    ScheduleItem.objects.all().delete()
    return edition


HTML_URLS = [
    "/print/schedule/",
    "/print/schedule/2022-10-31/",
    "/print/booths/signs/",
    "/print/booths/directory/",
]
PDF_URLS = [
    "/print/schedule.pdf",
    "/print/schedule/2022-11-04.pdf",
    "/print/booths/signs.pdf",
    "/print/booths/directory.pdf",
]


@pytest.mark.parametrize("url", HTML_URLS + PDF_URLS)
def test_print_views_redirect_visitors_to_the_admin_login(client, edition, url):
    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


@pytest.mark.parametrize("url", HTML_URLS)
def test_print_pages_render_for_a_full_schedule(admin_client_fa, full_schedule, url):
    response = admin_client_fa.get(url)

    assert response.status_code == 200
    assert "آخرین تغییر برنامه" in response.content.decode()


@pytest.mark.parametrize("url", HTML_URLS + ["/print/schedule/2022-11-02/"])
def test_print_pages_render_for_an_empty_edition(admin_client_fa, empty_edition, url):
    response = admin_client_fa.get(url)

    assert response.status_code == 200


@pytest.mark.parametrize("url", PDF_URLS)
def test_print_pdfs_render_for_an_empty_edition(admin_client_fa, empty_edition, url):
    response = admin_client_fa.get(url)

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert 1 <= len(pdf_pages(response.content)) <= 5


def test_programme_html_lists_every_day_with_its_jalali_date(admin_client_fa, full_schedule):
    html = admin_client_fa.get("/print/schedule/").content.decode()

    assert [name in html for name in DAY_NAMES] == [True] * 5
    assert html.count('class="item"') == 151


def test_programme_pdf_of_the_edition_starts_each_day_on_a_new_page(admin_client_fa, full_schedule):
    response = admin_client_fa.get("/print/schedule.pdf")

    pages = pdf_pages(response.content)
    first_pages = [
        next(i for i, text in enumerate(pages) if has_phrase(text, name)) for name in DAY_NAMES
    ]
    page_count = fa(len(pages))
    assert response.content.startswith(b"%PDF")
    assert 10 <= len(pages) <= 15
    assert first_pages == sorted(set(first_pages))
    assert [has_phrase(pages[i - 1], DAY_NAMES[n]) for n, i in enumerate(first_pages)] == [
        False
    ] * 5
    assert [has_phrase(text, "محلات قم در امتداد دادگری") for text in pages] == [True] * len(pages)
    assert has_phrase(pages[1], f"صفحه ۲ / {page_count}")
    assert has_phrase(pages[-1], "آخرین تغییر برنامه")


def test_programme_pdf_of_one_day_shows_that_day_only(admin_client_fa, full_schedule):
    response = admin_client_fa.get("/print/schedule/2022-10-31.pdf")

    text = "\n".join(pdf_pages(response.content))
    assert has_phrase(text, "دوشنبه ۹ آبان ۱۴۰۱")
    assert has_phrase(text, "سه‌شنبه ۱۰ آبان ۱۴۰۱") is False
    assert has_phrase(text, "۱۸:۰۰ آیین افتتاحیه نمایشگاه")
    assert 1 <= len(pdf_pages(response.content)) <= 3


def test_programme_of_a_day_outside_the_edition_is_not_found(admin_client_fa, edition):
    response = admin_client_fa.get("/print/schedule/2022-11-05/")

    assert response.status_code == 404


def test_booth_signs_pdf_has_one_page_per_published_booth(admin_client_fa, edition):
    BoothFactory.create_batch(3)
    BoothFactory(status="draft")

    response = admin_client_fa.get("/print/booths/signs.pdf")

    assert len(pdf_pages(response.content)) == 3


def test_booth_sign_shows_code_name_section_and_a_qr_code_to_the_booth_page(
    admin_client_fa, edition, public_host
):
    booth = BoothFactory(code="A12", name="غرفه محله نیروگاه")

    html = admin_client_fa.get("/print/booths/A12/sign/").content.decode()
    pdf = admin_client_fa.get("/print/booths/A12/sign.pdf").content

    assert "https://meqdad.example.ir/booths/A12/" in html
    assert '<svg viewBox="0 0' in html
    assert booth.neighborhood.name in html
    assert "عملکرد محله‌ها" in html
    assert len(pdf_pages(pdf)) == 1
    assert has_phrase(pdf_pages(pdf)[0], "غرفه محله نیروگاه")


def test_booth_sign_of_an_unknown_code_is_not_found(admin_client_fa, edition):
    assert admin_client_fa.get("/print/booths/NOPE/sign.pdf").status_code == 404


def test_booth_directory_lists_booths_by_section_and_by_neighborhood(admin_client_fa, edition):
    neighborhood = NeighborhoodFactory(name="محله یزدان‌شهر")
    BoothFactory(code="B7", neighborhood=neighborhood, plan_x=12, plan_y=4)

    html = admin_client_fa.get("/print/booths/directory/").content.decode()

    assert "غرفه‌ها به تفکیک بخش" in html
    assert "محله یزدان‌شهر" in html
    assert "۱۲ × ۴" in html


def test_neighborhood_profile_is_one_page_of_public_figures_only(admin_client_fa, edition):
    neighborhood = NeighborhoodFactory(name="محله شاه‌ابراهیم", population=12000)
    BoothFactory(neighborhood=neighborhood)
    council = council_with_members(6, neighborhood=neighborhood)
    CouncilMemberFactory(council=council, phone="09129998877", address="کوچه محرمانه")
    ProfileIndicatorFactory(
        neighborhood=neighborhood, kind=ProfileIndicator.Kind.SOCIAL_HARM, title="اعتیاد پنهان"
    )
    ProfileIndicatorFactory(neighborhood=neighborhood, title="باسوادی", value=91)
    VulnerabilityFlagFactory(neighborhood=neighborhood, note="یادداشت محرمانه")
    url = f"/print/neighborhoods/{neighborhood.slug}/profile/"

    html = admin_client_fa.get(url).content.decode()
    pdf = admin_client_fa.get(url.replace("profile/", "profile.pdf")).content

    assert "باسوادی" in html
    assert "۱۲٬۰۰۰" in html
    assert [
        secret in html
        for secret in ("09129998877", "کوچه محرمانه", "اعتیاد پنهان", "یادداشت محرمانه")
    ] == [False] * 4
    assert len(pdf_pages(pdf)) == 1


def test_programme_shows_the_schedule_last_change(admin_client_fa, edition):
    item = ScheduleItem.objects.get()
    item.updated_at = datetime.datetime(2022, 10, 30, 9, 0, tzinfo=datetime.UTC)
    ScheduleItem.objects.filter(pk=item.pk).update(updated_at=item.updated_at)
    ScheduleItem.history.all().update(history_date=item.updated_at)

    html = admin_client_fa.get("/print/schedule/").content.decode()

    assert "آخرین تغییر برنامه ۱۴۰۱/۰۸/۰۸ ۱۲:۳۰" in html


def test_neighborhood_profile_writes_numbers_and_codes_as_the_web_page_does(
    admin_client_fa, client, edition
):
    neighborhood = NeighborhoodFactory(population=40200)
    BoothFactory(neighborhood=neighborhood, code="B-25")
    ProfileIndicatorFactory(neighborhood=neighborhood, title="باسوادی", value="3.50")
    printed = admin_client_fa.get(f"/print/neighborhoods/{neighborhood.slug}/profile/")
    client.logout()

    web = client.get(neighborhood.get_absolute_url())

    for page in (printed, web):
        html = page.content.decode()
        assert ["۴۰٬۲۰۰" in html, "۳٫۵" in html, "B-۲۵" in html] == [True] * 3
