"""The print centre: every document a role may print, with HTML and PDF links and its last change."""

import re

import pytest

from exhibition.models import Booth
from exhibition.tests.factories import BoothFactory
from moqdad import jalali
from moqdad.persian import display_digits
from moqdad.roles import Role
from neighborhoods.tests.factories import NeighborhoodFactory

# The session, the user, its roles (one query), the edition and each group of documents: not
# one per row.
# guests (#15): invitation cards and official visits add two; followup (#16): the book two,
# the report one.
QUERIES = 22


def _centre(client, user):
    client.force_login(user)
    return client.get("/print/")


def _rows(html: str, group: str) -> list[tuple[str, str, str]]:
    """(document, HTML link, PDF link) of each row of a group of the print centre."""
    start = html.index(f'id="print-{group}"')
    section = html[start : html.index("</section>", start)]
    return re.findall(
        r'<th scope="row">([^<]+)</th>\s*<td>[^<]*</td>\s*<td class="print-links">'
        r'<a href="([^"]+)" target="_blank">صفحه</a> <a href="([^"]+)" target="_blank">',
        section,
    )


def _groups(html: str) -> list[str]:
    return re.findall(r'<section class="module print-group" id="print-([^"]+)"', html)


def test_print_centre_lists_every_document_for_the_organizer(world, client):
    a_booth, b_booth = world.a["exhibition.booth"], world.b["exhibition.booth"]
    a_place, b_place = world.a["neighborhoods.neighborhood"], world.b["neighborhoods.neighborhood"]

    response = _centre(client, world.accounts[Role.ORGANIZER])

    html = response.content.decode()
    assert response.status_code == 200
    assert _groups(html)[:4] == ["programme", "signs", "directory", "profiles"]
    assert _rows(html, "programme") == [
        ("برنامه کامل این دوره", "/print/schedule/", "/print/schedule.pdf"),
        (
            "روز ۱: دوشنبه ۹ آبان ۱۴۰۱",
            "/print/schedule/2022-10-31/",
            "/print/schedule/2022-10-31.pdf",
        ),
        (
            "روز ۲: سه‌شنبه ۱۰ آبان ۱۴۰۱",
            "/print/schedule/2022-11-01/",
            "/print/schedule/2022-11-01.pdf",
        ),
        (
            "روز ۳: چهارشنبه ۱۱ آبان ۱۴۰۱",
            "/print/schedule/2022-11-02/",
            "/print/schedule/2022-11-02.pdf",
        ),
        (
            "روز ۴: پنجشنبه ۱۲ آبان ۱۴۰۱",
            "/print/schedule/2022-11-03/",
            "/print/schedule/2022-11-03.pdf",
        ),
        (
            "روز ۵: جمعه ۱۳ آبان ۱۴۰۱",
            "/print/schedule/2022-11-04/",
            "/print/schedule/2022-11-04.pdf",
        ),
    ]
    signs = _rows(html, "signs")
    assert signs[0] == ("تابلوی همه غرفه‌ها", "/print/booths/signs/", "/print/booths/signs.pdf")
    assert {row[0] for row in signs[1:]} >= {
        f"{display_digits(b.code)} · {b.name}" for b in (a_booth, b_booth)
    }
    assert (
        len(signs)
        == 1 + Booth.objects.filter(exhibition=world.shared["exhibition.exhibition"]).count()
    )
    assert _rows(html, "directory") == [
        ("راهنمای غرفه‌ها", "/print/booths/directory/", "/print/booths/directory.pdf")
    ]
    profiles = _rows(html, "profiles")
    assert (
        a_place.name,
        f"/print/neighborhoods/{a_place.slug}/profile/",
        f"/print/neighborhoods/{a_place.slug}/profile.pdf",
    ) in profiles
    assert b_place.name in {row[0] for row in profiles}


def test_print_centre_shows_when_each_days_programme_last_changed(world, client):
    item = world.a["exhibition.scheduleitem"]
    changed = max(item.updated_at, item.history.latest().history_date)

    html = _centre(client, world.accounts[Role.ORGANIZER]).content.decode()

    day_two = re.search(r'<th scope="row">روز ۲: [^<]+</th>\s*<td>([^<]+)</td>', html)
    day_three = re.search(r'<th scope="row">روز ۳: [^<]+</th>\s*<td>([^<]+)</td>', html)
    assert (item.day.isoformat(), day_two.group(1)) == (
        "2022-11-01",
        jalali.format_datetime(changed),
    )
    assert day_three.group(1) == "-"


def test_print_centre_gives_a_manager_only_their_own_documents(world, client):
    own, other = world.a["neighborhoods.neighborhood"], world.b["neighborhoods.neighborhood"]
    booth = world.a["exhibition.booth"]

    html = _centre(client, world.accounts[Role.NEIGHBORHOOD_MANAGER]).content.decode()

    assert _groups(html)[:2] == ["signs", "profiles"]
    assert _rows(html, "signs")[1:] == [
        (
            f"{display_digits(booth.code)} · {booth.name}",
            f"/print/booths/{booth.code}/sign/",
            f"/print/booths/{booth.code}/sign.pdf",
        )
    ]
    assert [row[0] for row in _rows(html, "profiles")] == [own.name]
    assert other.name not in html


def test_print_centre_is_refused_to_a_role_that_prints_nothing(world, client, django_user_model):
    from tests.roles.conftest import make_account

    nobody = make_account(django_user_model, "no_role")

    response = _centre(client, nobody)

    assert response.status_code == 403


def test_print_centre_needs_a_staff_login(world, client):
    response = client.get("/print/")

    assert (response.status_code, response.url.split("?")[0]) == (302, "/admin/login/")


def test_booth_change_page_links_to_its_sign(world, client):
    booth = world.a["exhibition.booth"]
    client.force_login(world.accounts[Role.ORGANIZER])

    html = client.get(f"/admin/exhibition/booth/{booth.pk}/change/").content.decode()

    assert (
        f'<li><a href="/print/booths/{booth.code}/sign/" target="_blank">چاپ تابلوی غرفه</a></li>'
        in html
    )
    assert f'<a href="/print/booths/{booth.code}/sign.pdf" target="_blank">' in html


def test_neighborhood_change_page_links_to_its_profile(world, client):
    neighborhood = world.a["neighborhoods.neighborhood"]
    client.force_login(world.accounts[Role.NEIGHBORHOOD_MANAGER])

    html = client.get(
        f"/admin/neighborhoods/neighborhood/{neighborhood.pk}/change/"
    ).content.decode()

    assert (
        f'<li><a href="/print/neighborhoods/{neighborhood.slug}/profile/" target="_blank">'
        "چاپ شناسنامه محله</a></li>"
    ) in html


@pytest.mark.parametrize("count", [1, 50])
def test_print_centre_queries_do_not_grow_with_booths(
    world, client, django_assert_num_queries, count
):
    BoothFactory.create_batch(count, neighborhood=NeighborhoodFactory())
    client.force_login(world.accounts[Role.ORGANIZER])

    with django_assert_num_queries(QUERIES):
        response = client.get("/print/")

    assert response.status_code == 200
