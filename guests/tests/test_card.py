import shutil
import subprocess

import pytest
import zxingcpp
from django.urls import reverse
from PIL import Image

from exhibition.tests.pdf_text import has_phrase, pdf_pages
from guests import printing
from guests.models import Invitation
from guests.tests.factories import InvitationFactory
from moqdad import jalali

PDFTOPPM = shutil.which("pdftoppm")


@pytest.fixture
def accepted(live_edition, public_host):
    day = live_edition.days[1]
    return InvitationFactory(
        exhibition=live_edition,
        guest__name="حجت‌الاسلام محمد رضایی",
        status=Invitation.Status.ACCEPTED,
        chosen_day=day,
    )


def _qr_texts(pdf: bytes, folder) -> list[str]:
    (folder / "card.pdf").write_bytes(pdf)
    subprocess.run(  # noqa: S603 (our own PDF, a fixed command)
        [PDFTOPPM, "-r", "150", "-png", "-singlefile", folder / "card.pdf", folder / "card"],
        check=True,
    )
    return [found.text for found in zxingcpp.read_barcodes(Image.open(folder / "card.png"))]


@pytest.mark.skipif(PDFTOPPM is None, reason="needs poppler-utils (pdftoppm)")
def test_the_card_pdf_has_name_jalali_day_short_code_and_a_qr_of_the_link(accepted, tmp_path):
    pdf = printing.cards_document(invitations=[accepted]).pdf()

    text = pdf_pages(pdf)[0]
    assert has_phrase(text, "حجت‌الاسلام محمد رضایی")
    assert has_phrase(text, jalali.format_date(accepted.chosen_day))
    assert accepted.display_short_code in text
    assert _qr_texts(pdf, tmp_path) == [f"https://meqdad.example.ir/invitation/{accepted.token}/"]


def test_the_guest_downloads_the_card_from_the_link(client, accepted):
    response = client.get(reverse("guests:rsvp_card", kwargs={"token": accepted.token}))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert has_phrase(pdf_pages(response.content)[0], "محمد رضایی")


def test_bulk_printing_puts_one_card_per_page(admin_client_fa, live_edition, public_host):
    invitations = InvitationFactory.create_batch(3, exhibition=live_edition)
    ids = ",".join(str(i.pk) for i in invitations)

    response = admin_client_fa.get(reverse("guests:print_cards_pdf"), {"ids": ids})

    pages = pdf_pages(response.content)
    assert len(pages) == 3
    assert [
        has_phrase(page, i.guest.name)
        for page, i in zip(pages, sorted(invitations, key=lambda i: i.guest.name), strict=True)
    ] == [True] * 3
