from django.urls import reverse

from exhibition.tests.factories import BoothFactory
from guests.models import VisitStop
from guests.tests.factories import official_visit


def test_only_visits_marked_public_are_on_the_public_page(client, edition):
    announced = official_visit(title="بازدید استاندار قم", is_public=True)
    official_visit(title="بازدید محرمانه هیئت", is_public=False)
    booth = BoothFactory(name="غرفه محله نمونه")
    VisitStop.objects.create(visit=announced, booth=booth, at="18:40")

    html = client.get(reverse("guests:official_visits")).content.decode()

    assert "بازدید استاندار قم" in html
    assert "غرفه محله نمونه" in html
    assert "بازدید محرمانه هیئت" not in html
    assert announced.invitation.guest.name not in html
