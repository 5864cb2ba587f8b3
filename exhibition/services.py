import datetime

from django.db import transaction

from exhibition.models import Booth, Exhibition, ScheduleItem
from moqdad.publishing import PublicationStatus
from neighborhoods.models import Agency, Neighborhood


@transaction.atomic
def schedule_item_create(
    *,
    exhibition: Exhibition,
    day: datetime.date,
    start_time: datetime.time,
    end_time: datetime.time,
    title: str,
    kind: str = ScheduleItem.Kind.OTHER,
    place_kind: str = ScheduleItem.PlaceKind.HALL,
    hall: str = "",
    booth: Booth | None = None,
    speakers: str = "",
    description: str = "",
    neighborhood: Neighborhood | None = None,
    agency: Agency | None = None,
    status: str = PublicationStatus.DRAFT,
    is_synthetic: bool = False,
) -> ScheduleItem:
    """Add an item to an edition's programme; raises ValidationError (Persian) when it clashes."""
    item = ScheduleItem(
        exhibition=exhibition,
        day=day,
        start_time=start_time,
        end_time=end_time,
        title=title,
        kind=kind,
        place_kind=place_kind,
        hall=hall.strip(),
        booth=booth,
        speakers=speakers,
        description=description,
        neighborhood=neighborhood,
        agency=agency,
        status=status,
        is_synthetic=is_synthetic,
    )
    item.full_clean()
    item.save()
    return item


@transaction.atomic
def schedule_item_update(*, item: ScheduleItem, **fields) -> ScheduleItem:
    """Change some fields of an item, with the same validation as when it was made."""
    for name, value in fields.items():
        setattr(item, name, value)
    if isinstance(item.hall, str):
        item.hall = item.hall.strip()
    item.full_clean()
    item.save()
    return item
