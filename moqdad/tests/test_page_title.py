"""One way to build a page title: the page's own words, then the site's name once."""

from django.template import Context, Template
from django.urls import reverse

from moqdad.templatetags.page_title import page_title


def test_page_title_adds_the_site_name_once():
    assert page_title("غرفه‌ها") == "غرفه‌ها · نمایشگاه مقداد"


def test_page_title_of_a_page_without_its_own_is_the_site_name():
    assert page_title("  \n ") == "نمایشگاه مقداد"


def test_page_title_escapes_the_page_title_once():
    rendered = Template(
        "{% load page_title %}{% filter page_title %}{{ name }}{% endfilter %}"
    ).render(Context({"name": "R&D <b>"}))

    assert rendered == "R&amp;D &lt;b&gt; · نمایشگاه مقداد"


def test_home_page_title_is_the_site_name(client, edition):
    html = client.get(reverse("exhibition:home")).content.decode()

    assert "<title>نمایشگاه مقداد</title>" in html
