"""Who may open the follow-up's staff documents and tools."""

import pytest

from moqdad.roles import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.ORGANIZER, 200),
        (Role.REVIEWER, 200),
        (Role.AUDITOR, 200),
        (Role.NEIGHBORHOOD_MANAGER, 200),
        (Role.AGENCY_STAFF, 403),
        (Role.BOOTH_HOLDER, 403),
    ],
)
def test_book_is_printed_by_those_who_may_print_problems(client, world, role, status):
    client.force_login(world.accounts[role])

    response = client.get("/print/followup/book/")

    assert response.status_code == status
