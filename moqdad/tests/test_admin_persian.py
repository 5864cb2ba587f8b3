"""The Persian admin reads as Persian: Persian digits in counts, codes, filters and summaries,
and no English word left in what an organizer sees."""

import re
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Group

from exhibition.tests.factories import BoothFactory
from martyrs.tests.factories import MartyrFactory
from moqdad.persian import to_persian_digits
from moqdad.roles import GROUP_NAMES, Role
from neighborhoods.tests.factories import CouncilFactory, NeighborhoodFactory


class VisibleText(HTMLParser):
    """The text a reader sees or hears: text nodes, titles, labels, buttons."""

    def __init__(self):
        super().__init__()
        self.hidden = 0
        self.parts = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.hidden += 1
        attrs = dict(attrs)
        self.parts += [
            attrs[name] for name in ("title", "placeholder", "aria-label") if attrs.get(name)
        ]
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self.hidden -= 1

    def handle_data(self, data):
        if not self.hidden:
            self.parts.append(data)


def visible_text(response) -> str:
    parser = VisibleText()
    parser.feed(response.content.decode())
    return " ".join(" ".join(parser.parts).split())


@pytest.fixture
def organizer_client(client, django_user_model, edition):
    user = django_user_model.objects.create_user("organizer", password="x-Pass-0912", is_staff=True)
    user.groups.add(Group.objects.get(name=GROUP_NAMES[Role.ORGANIZER]))
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_admin_changelist_counts_in_persian_digits(organizer_client):
    for number in range(51):
        NeighborhoodFactory(name=f"محله {to_persian_digits(number)}", district=3)

    text = visible_text(organizer_client.get("/admin/neighborhoods/neighborhood/"))

    assert "۰ از ۵۰ انتخاب‌شده" in text
    assert "انتخاب هر ۵۱ محله" in text
    assert "هر ۵۱ مورد انتخاب‌شده" in text
    assert "۵۱ محله" in text
    assert re.findall(r"[0-9]", text) == []


@pytest.mark.django_db
def test_admin_filters_over_a_relation_show_persian_digits(organizer_client):
    CouncilFactory(neighborhood__name="محله نیلوفر", neighborhood__district=7)

    text = visible_text(organizer_client.get("/admin/neighborhoods/council/"))

    assert "۷" in text
    assert re.findall(r"[0-9]", text) == []


@pytest.mark.django_db
def test_admin_booth_list_and_delete_summary_show_codes_in_persian_digits(
    organizer_client, edition
):
    booth = BoothFactory(code="B-01", name="غرفه نیلوفر")

    listing = visible_text(organizer_client.get("/admin/exhibition/booth/?o=1.2"))
    summary = visible_text(organizer_client.get(f"/admin/exhibition/booth/{booth.pk}/delete/"))

    assert "B-۰۱" in listing
    assert "B-01" not in listing
    assert "اولویت مرتب‌سازی: ۱" in listing
    assert "غرفه‌ها: ۱" in summary


@pytest.mark.django_db
def test_admin_names_the_edition_with_persian_digits(organizer_client, edition):
    text = visible_text(organizer_client.get(f"/admin/exhibition/exhibition/{edition.pk}/change/"))

    assert "مقداد ۱۴۰۱" in text
    assert "1401" not in text


@pytest.mark.django_db
def test_admin_scripts_count_in_persian_digits(organizer_client):
    page = organizer_client.get("/admin/neighborhoods/neighborhood/").content.decode()

    assert 'src="/static/moqdad/admin-digits.js" defer' in page


ADMIN_PAGES = [
    "/admin/",
    "/admin/neighborhoods/",
    "/admin/neighborhoods/neighborhood/",
    "/admin/neighborhoods/council/",
    "/admin/neighborhoods/profileindicator/add/",
    "/admin/martyrs/martyr/",
    "/admin/exhibition/booth/",
    "/admin/exhibition/scheduleitem/",
    "/admin/exhibition/exhibition/1/change/",
]
# Words that stay Latin in Persian text: file formats, booth codes, protocol names and a
# colour code given as an example, the organizer's own user name.
ALLOWED_LATIN = {"csv", "xlsx", "B-", "A-", "C-", "IP", "GET", "POST", "a.", "organizer"}


@pytest.mark.django_db
@pytest.mark.parametrize("url", ADMIN_PAGES)
def test_admin_page_has_no_english_words(organizer_client, url):
    BoothFactory(code="B-01", name="غرفه نیلوفر")
    MartyrFactory()

    text = visible_text(organizer_client.get(url))

    words = set(re.findall(r"[A-Za-z][A-Za-z_\-.]+", text)) - ALLOWED_LATIN
    assert words == set()
