import pytest
from django.core.exceptions import ValidationError

from exhibition.tests.factories import BoothFactory


@pytest.mark.parametrize("code", ["B/12", "غ-۱", "A 1", "-A1"])
def test_booth_code_with_characters_a_url_cannot_carry_is_refused(db, code):
    booth = BoothFactory.build(code=code)

    with pytest.raises(ValidationError) as error:
        booth.full_clean(exclude=["exhibition", "section", "neighborhood"])

    assert "code" in error.value.message_dict


def test_booth_code_like_b_12_is_accepted(db):
    booth = BoothFactory(code="B-12")

    booth.full_clean()
    assert booth.get_absolute_url().endswith("/booths/B-12/")
