"""The «نظام مسائل محلات» book: a cover, a table of contents whose page numbers are the pages'
own, every category and every published problem of the demo, nothing unpublished or private."""

import pytest
from django.core.management import call_command
from django.db import transaction

from exhibition.tests.pdf_text import _runs, has_phrase, pdf_pages
from followup.models import Commitment
from moqdad.persian import to_persian_digits
from neighborhoods.models import Problem

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_book(django_db_setup, django_db_blocker):
    """The demo at a small scale and its book, made once for the module's tests."""
    from django.contrib.auth import get_user_model
    from django.test import Client

    # Made in a transaction rolled back at the end, so that nothing of it reaches the tests that
    # run next in this process (the demo also adds halls to the edition, which its removal keeps).
    with django_db_blocker.unblock(), transaction.atomic():
        from exhibition.tests.factories import edition_1401

        edition_1401()
        call_command("load_demo_data", neighborhoods=20, booths=10, martyrs=20, verbosity=0)
        admin = get_user_model().objects.create_superuser("book-admin", "b@example.com", None)
        client = Client()
        client.force_login(admin)
        pdf = client.get("/print/followup/book.pdf").content
        html = client.get("/print/followup/book/").content.decode()
        problems = list(Problem.objects.public().values_list("title", "category"))
        hidden = list(
            Problem.objects.exclude(pk__in=Problem.objects.public()).values_list("title", flat=True)
        )
        private = list(
            Commitment.objects.filter(maker_named_publicly=False).values_list(
                "maker_name", flat=True
            )
        )
        transaction.set_rollback(True)
    return {
        "pages": pdf_pages(pdf),
        "html": html,
        "problems": problems,
        "hidden": hidden,
        "private": private,
    }


def _first_page_with(pages, phrase, start=0) -> int:
    return next(n for n in range(start, len(pages)) if has_phrase(pages[n], phrase)) + 1


def _heading_page(pages, heading, start=0) -> int:
    """The first page with a line that is `heading` and nothing else (a heading, not the text)."""
    wanted = sorted(_runs(heading))
    for n in range(start, len(pages)):
        if any(sorted(_runs(line)) == wanted for line in pages[n].splitlines()):
            return n + 1
    raise AssertionError(f"no page has the heading {heading!r}")


def test_book_opens_with_its_cover(demo_book):
    cover = demo_book["pages"][0]

    lines = [line.strip() for line in cover.splitlines()]
    assert has_phrase(cover, "نظام مسائل محلات")
    count = lines.index("مسائل") - 1
    assert has_phrase(lines[count], to_persian_digits(len(demo_book["problems"])))


def test_book_contents_page_numbers_are_the_pages_of_the_chapters(demo_book):
    pages = demo_book["pages"]
    toc_page = _heading_page(pages, "فهرست")
    chapters = [
        str(label)
        for value, label in Problem.Category.choices
        if value in {category for _title, category in demo_book["problems"]}
    ]

    wrong = []
    for number, label in enumerate(chapters, start=1):
        heading = f"فصل {to_persian_digits(number)}"
        page = _heading_page(pages, heading, start=toc_page)
        assert has_phrase(pages[page - 1], label)
        toc = pages[toc_page - 1] + "\n" + pages[toc_page]
        if not has_phrase(toc, f"{heading} {label} {to_persian_digits(page)}"):
            wrong.append((label, page))

    assert len(chapters) == 9
    assert wrong == []


def test_book_contents_page_numbers_of_the_problems_and_the_appendix(demo_book):
    pages = demo_book["pages"]
    toc_page = _heading_page(pages, "فهرست")
    toc = "\n".join(pages[toc_page - 1 : toc_page + 1])
    titles = sorted({title for title, _category in demo_book["problems"]})
    appendix = _heading_page(pages, "محله‌ها و مسائل آن‌ها", start=toc_page + 1)

    wrong = [
        title
        for title in titles
        if not has_phrase(
            toc, f"{title} {to_persian_digits(_first_page_with(pages, title, toc_page + 1))}"
        )
    ]

    assert wrong == []
    assert has_phrase(toc, f"پیوست محله‌ها و مسائل آن‌ها {to_persian_digits(appendix)}")


def test_book_has_every_category_and_every_published_problem_of_the_demo(demo_book):
    text = "\n".join(demo_book["pages"])
    labels = {str(label) for value, label in Problem.Category.choices}

    missing_titles = [t for t, _c in demo_book["problems"] if not has_phrase(text, t)]
    missing_labels = [label for label in labels if not has_phrase(text, label)]

    assert (missing_titles, missing_labels) == ([], [])


def test_book_leaves_out_unpublished_problems_and_private_names(demo_book):
    html = demo_book["html"]

    assert demo_book["private"]
    assert [name for name in demo_book["private"] if name in html] == []
    assert [
        t
        for t in demo_book["hidden"]
        if t in html and t not in {p for p, _ in demo_book["problems"]}
    ] == []
