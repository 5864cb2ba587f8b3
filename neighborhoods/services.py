"""Writes of the neighborhoods app: councils and their members.

A neighborhood council has 6 to 40 members (COUNCIL_MIN_MEMBERS..COUNCIL_MAX_MEMBERS). The admin
checks the whole member list of a council in its inline formset; these services hold the same
rule for one-member-at-a-time writes (the member admin, imports, commands).
"""

from django.db import transaction

from neighborhoods.models import (
    COUNCIL_MAX_MEMBERS,
    COUNCIL_MIN_MEMBERS,
    Council,
    CouncilMember,
    validate_council_size,
)


def council_check_room(*, council: Council, adding: int = 1) -> None:
    """Raise the Persian council-size error if `adding` more members would pass the maximum."""
    count = council.members.count() + adding
    if count > COUNCIL_MAX_MEMBERS:
        validate_council_size(count)


@transaction.atomic
def council_member_add(
    *,
    council: Council,
    full_name: str,
    role: str,
    is_chair: bool = False,
    publish_name: bool = False,
    phone: str = "",
    address: str = "",
) -> CouncilMember:
    """Add one member; a council that already has 40 members refuses a 41st."""
    council = Council.objects.select_for_update().get(pk=council.pk)
    council_check_room(council=council)
    member = CouncilMember(
        council=council,
        full_name=full_name,
        role=role,
        is_chair=is_chair,
        publish_name=publish_name,
        phone=phone,
        address=address,
    )
    member.full_clean()
    member.save()
    return member


@transaction.atomic
def council_member_remove(*, member: CouncilMember) -> None:
    """Remove one member; a council of 6 refuses to go down to 5."""
    council = Council.objects.select_for_update().get(pk=member.council_id)
    remaining = council.members.count() - 1
    if remaining < COUNCIL_MIN_MEMBERS:
        validate_council_size(remaining)
    member.delete()
