import pytest
from django.core.exceptions import ValidationError

from neighborhoods.services import council_member_add, council_member_remove
from neighborhoods.tests.factories import council_with_members


def test_council_member_add_refuses_a_41st_member(db):
    council = council_with_members(40)

    with pytest.raises(ValidationError) as error:
        council_member_add(council=council, full_name="عضو تازه", role="teacher")

    assert error.value.messages == [
        "شورای محله باید بین ۶ تا ۴۰ عضو داشته باشد؛ این شورا ۴۱ عضو خواهد داشت."
    ]
    assert council.members.count() == 40


def test_council_member_add_adds_the_40th_member(db):
    council = council_with_members(39)

    member = council_member_add(council=council, full_name="عضو تازه", role="imam", is_chair=True)

    assert council.members.count() == 40
    assert member.is_chair is True


def test_council_member_remove_refuses_to_go_below_six(db):
    council = council_with_members(6)

    with pytest.raises(ValidationError):
        council_member_remove(member=council.members.first())

    assert council.members.count() == 6


def test_council_member_remove_removes_from_a_council_of_seven(db):
    council = council_with_members(7)

    council_member_remove(member=council.members.first())

    assert council.members.count() == 6
