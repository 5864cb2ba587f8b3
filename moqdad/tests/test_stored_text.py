"""No stored text keeps a bidi embedding, override or isolate control, whatever path wrote it.

With U+202E kept, a booth named "…gnp.exe" shows as "…exe.png" on /booths/ and the printed sign.
"""

from django.urls import reverse

from exhibition.tests.factories import BoothFactory
from moqdad.persian import strip_bidi_controls
from neighborhoods.models import Agency

OVERRIDES = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"


def test_strip_bidi_controls_keeps_the_direction_marks_persian_needs():
    text = "غرفه\u202egnp.exe \u200fالف\u200e b\u061c\u200c ها" + OVERRIDES

    assert strip_bidi_controls(text) == "غرفه" + "gnp.exe \u200fالف\u200e b\u061c\u200c ها"


def test_booth_saved_with_an_override_is_listed_without_it(client, edition):
    BoothFactory(exhibition=edition, name="غرفه\u202egnp.exe", description="شرح\u2067متن\u2069")

    response = client.get(reverse("exhibition:booth_list"))

    body = response.content.decode()
    assert "غرفهgnp.exe" in body
    assert [ch for ch in body if ch in OVERRIDES] == []


def test_text_typed_in_the_admin_is_stored_without_overrides(admin_client_fa):
    response = admin_client_fa.post(
        reverse("admin:neighborhoods_agency_add"),
        {
            "name": "ستاد\u202eexe.txt",
            "short_name": "\u2066ستاد\u2069",
            "kind": Agency.Kind.OTHER,
            "description": "یک\u202bدو\u202c",
        },
    )

    assert response.status_code == 302
    agency = Agency.objects.latest("pk")
    assert (agency.name, agency.short_name, agency.description) == (
        "ستادexe.txt",
        "ستاد",
        "یکدو",
    )


def test_a_name_differing_only_by_an_override_is_refused_as_taken(admin_client_fa):
    Agency.objects.create(name="ستاد یکتا", kind=Agency.Kind.OTHER)

    response = admin_client_fa.post(
        reverse("admin:neighborhoods_agency_add"),
        {"name": "ستاد\u202e یکتا".replace("\u202e ", " \u202e"), "kind": Agency.Kind.OTHER},
    )

    assert response.status_code == 200
    assert Agency.objects.filter(name="ستاد یکتا").count() == 1
