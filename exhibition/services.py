from collections.abc import Sequence

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from exhibition.models import Booth, BoothHolder, ContactRequest, ScheduleItem
from moqdad import ratelimit
from moqdad.roles import GROUP_NAMES, Role
from neighborhoods.models import Agency, Neighborhood, StaffProfile

# Visitors at the venue share its Wi-Fi's one public address: the limit stops floods, not people.
CONTACT_RATE_LIMIT = 20  # requests per address and window
CONTACT_RATE_WINDOW = 60 * 60  # seconds


@transaction.atomic
def schedule_item_save(*, item: ScheduleItem, **fields) -> ScheduleItem:
    """Save an item (new, or with some fields changed), validated as when it was made."""
    for name, value in fields.items():
        setattr(item, name, value)
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def contact_request_create(
    *,
    booth: Booth,
    name: str,
    subject: str,
    message: str,
    organization: str = "",
    position: str = "",
    phone: str = "",
    email: str = "",
    sender_key: str = "",
) -> ContactRequest:
    """Store a visitor's request to connect with a booth; the text is kept as typed (plain)."""
    request = ContactRequest(
        booth=booth,
        name=name,
        organization=organization,
        position=position,
        phone=phone,
        email=email,
        subject=subject,
        message=message,
        sender_key=sender_key,
    )
    request.full_clean()
    request.save()
    return request


def sender_key(address: str) -> str:
    return ratelimit.sender_key(address, purpose="contact")


def contact_rate_exceeded(key: str) -> bool:
    """Count one more request from `key`; True once the address is over the limit."""
    return ratelimit.limit_exceeded(
        purpose="contact", key=key, limit=CONTACT_RATE_LIMIT, window_seconds=CONTACT_RATE_WINDOW
    )


def account_grant_role(
    *,
    user,
    role: str,
    neighborhoods: Sequence[Neighborhood] = (),
    agency: Agency | None = None,
    booths: Sequence[Booth] = (),
) -> None:
    """Give `user` a role (its group) and link it to what that role is responsible for."""
    required = {
        Role.NEIGHBORHOOD_MANAGER: (
            neighborhoods,
            _("A neighborhood manager needs a neighborhood."),
        ),
        Role.AGENCY_STAFF: (agency, _("Agency staff need an agency.")),
        Role.BOOTH_HOLDER: (booths, _("A booth holder needs a booth.")),
    }
    if role in required and not required[role][0]:
        raise ValidationError(required[role][1], code="owner_missing")
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.groups.add(Group.objects.get(name=GROUP_NAMES[role]))
    for neighborhood in neighborhoods:
        neighborhood.managers.add(user)
    if agency is not None:
        profile, _created = StaffProfile.objects.get_or_create(user=user)
        profile.agency = agency
        profile.full_clean()
        profile.save()
    for booth in booths:
        if not booth.holders.filter(user=user).exists():
            holder = BoothHolder(
                booth=booth, user=user, full_name=user.get_full_name() or user.username
            )
            holder.full_clean()
            holder.save()


def contact_request_mark_handled(*, contact_request: ContactRequest, user) -> ContactRequest:
    """Record that `user` answered a visitor's request."""
    contact_request.status = ContactRequest.Status.HANDLED
    contact_request.handled_by = user
    contact_request.handled_at = timezone.now()
    contact_request.full_clean()
    contact_request._history_user = user
    contact_request.save()
    return contact_request
