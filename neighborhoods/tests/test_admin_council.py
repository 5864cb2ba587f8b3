"""A council has 6 to 40 members: the admin refuses other sizes with a Persian message."""

import pytest
from django.urls import reverse

from neighborhoods.models import Council, CouncilMember
from neighborhoods.tests.factories import CouncilFactory, NeighborhoodFactory, council_with_members


def _council_form(neighborhood, member_count):
    data = {
        "neighborhood": neighborhood.pk,
        "status": "draft",
        "formed_on": "۱۴۰۰/۰۲/۱۱",
        "description": "",
        "members-TOTAL_FORMS": str(member_count),
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "0",
        "members-MAX_NUM_FORMS": "1000",
    }
    for i in range(member_count):
        data[f"members-{i}-full_name"] = f"عضو {i}"
        data[f"members-{i}-role"] = "teacher"
    return data


@pytest.mark.parametrize(
    ("member_count", "message"),
    [
        (5, "شورای محله باید بین ۶ تا ۴۰ عضو داشته باشد؛ این شورا ۵ عضو خواهد داشت."),
        (41, "شورای محله باید بین ۶ تا ۴۰ عضو داشته باشد؛ این شورا ۴۱ عضو خواهد داشت."),
    ],
)
def test_council_admin_rejects_a_council_of_wrong_size(admin_client_fa, member_count, message):
    neighborhood = NeighborhoodFactory()

    response = admin_client_fa.post(
        reverse("admin:neighborhoods_council_add"), _council_form(neighborhood, member_count)
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Council.objects.count() == 0


@pytest.mark.parametrize("member_count", [6, 40])
def test_council_admin_accepts_a_council_of_6_to_40(admin_client_fa, member_count):
    neighborhood = NeighborhoodFactory()

    response = admin_client_fa.post(
        reverse("admin:neighborhoods_council_add"), _council_form(neighborhood, member_count)
    )

    assert response.status_code == 302
    council = Council.objects.get(neighborhood=neighborhood)
    assert council.members.count() == member_count
    assert str(council.formed_on) == "2021-05-01"


def test_council_admin_add_page_offers_six_member_rows(admin_client_fa):
    response = admin_client_fa.get(reverse("admin:neighborhoods_council_add"))

    assert response.context["inline_admin_formsets"][0].formset.total_form_count() == 6


def test_member_admin_refuses_a_41st_member(admin_client_fa):
    council = council_with_members(40)

    response = admin_client_fa.post(
        reverse("admin:neighborhoods_councilmember_add"),
        {"council": council.pk, "full_name": "عضو تازه", "role": "teacher"},
    )

    assert response.status_code == 200
    assert "این شورا ۴۱ عضو خواهد داشت." in response.content.decode()
    assert council.members.count() == 40


def test_member_admin_adds_a_member_through_the_service(admin_client_fa):
    council = council_with_members(6)

    response = admin_client_fa.post(
        reverse("admin:neighborhoods_councilmember_add"),
        {"council": council.pk, "full_name": "عضو تازه", "role": "teacher"},
    )

    assert response.status_code == 302
    assert council.members.filter(full_name="عضو تازه").count() == 1


def test_member_admin_refuses_to_delete_the_sixth_member(admin_client_fa):
    council = council_with_members(6)
    member = council.members.first()
    url = reverse("admin:neighborhoods_councilmember_delete", args=[member.pk])

    response = admin_client_fa.post(url, {"post": "yes"}, follow=True)

    assert "این شورا ۵ عضو خواهد داشت." in response.content.decode()
    assert CouncilMember.objects.filter(pk=member.pk).exists()


def test_member_admin_deletes_a_member_of_a_larger_council(admin_client_fa):
    council = council_with_members(7)
    member = council.members.first()
    url = reverse("admin:neighborhoods_councilmember_delete", args=[member.pk])

    response = admin_client_fa.post(url, {"post": "yes"})

    assert response.status_code == 302
    assert council.members.count() == 6


def test_council_changelist_counts_members_in_persian_digits(admin_client_fa):
    council_with_members(12)
    CouncilFactory()

    response = admin_client_fa.get(reverse("admin:neighborhoods_council_changelist"))

    assert '<td class="field-member_count">۱۲</td>' in response.content.decode()
