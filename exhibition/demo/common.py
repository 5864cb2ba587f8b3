"""What every part of the demo data set shares: its scale, dates, labels, inserts and deletion."""

import dataclasses
import datetime
import functools
import random
import zoneinfo
from collections.abc import Callable, Sequence

import jdatetime
from django.db import models
from django.db.models import ProtectedError, RestrictedError
from simple_history.utils import bulk_create_with_history, get_history_model_for_model

from exhibition.demo import vocabulary as words
from moqdad.persian import to_persian_digits
from moqdad.publishing import PublicationStatus

DEFAULT_SEED = 1401
TEHRAN = zoneinfo.ZoneInfo("Asia/Tehran")
PUBLISHED_AT = datetime.datetime(2022, 10, 25, 9, 0, tzinfo=TEHRAN)
PUBLISHED = PublicationStatus.PUBLISHED
DRAFT = PublicationStatus.DRAFT
SUBMITTED = PublicationStatus.SUBMITTED
BATCH_SIZE = 2000

# The announcement's figures: 15 neighborhoods, then 60, then 116; 55 of them selected.
REAL_TOTAL, REAL_PHASES, REAL_SELECTED = 116, (15, 60, 116), 55
REAL_BOOTHS = 55


class DemoDataError(Exception):
    """The demo data cannot be (re)loaded; the message says why and what to do."""


@dataclasses.dataclass(frozen=True)
class DemoScale:
    neighborhoods: int = REAL_TOTAL
    booths: int = REAL_BOOTHS
    martyrs: int = 2000


class DemoSet:
    """The data set being built: its seed and scale, the rows made so far, their counts."""

    def __init__(self, *, seed: int, scale: DemoScale, log: Callable[[str], None]):
        self.seed = seed
        self.scale = scale
        self.log = log
        self.counts: dict[str, int] = {}

    def rng(self, part: str) -> random.Random:
        """The random stream of one part of the data set; parts do not disturb each other."""
        return random.Random(f"{self.seed}:{part}")

    def count(self, label: str, objs: Sequence) -> None:
        self.counts[label] = self.counts.get(label, 0) + len(objs)

    def person(self, rng: random.Random, *, female: bool = False) -> tuple[str, str]:
        first = rng.choice(words.FEMALE_FIRST_NAMES if female else words.MALE_FIRST_NAMES)
        return first, rng.choice(words.LAST_NAMES)

    def full_name(self, rng: random.Random, *, female: bool = False) -> str:
        return " ".join(self.person(rng, female=female))


def fa(value) -> str:
    return to_persian_digits(value)


# jdatetime is slow (it asks for the locale on every date); the data uses few distinct dates.
@functools.cache
def jalali(year: int, month: int = 1, day: int = 1) -> datetime.date:
    return jdatetime.date(year, month, day).togregorian()


@functools.cache
def jalali_parts(value: datetime.date) -> tuple[int, int]:
    j = jdatetime.date.fromgregorian(date=value)
    return j.year, j.month


def published(status_is_draft: bool = False) -> dict:
    if status_is_draft:
        return {"status": DRAFT, "published_at": None}
    return {"status": PUBLISHED, "published_at": PUBLISHED_AT}


def scaled(count: int, real_part: int, real_whole: int) -> int:
    return min(count, round(count * real_part / real_whole))


def minutes(value: datetime.time) -> int:
    return value.hour * 60 + value.minute


def clock(minutes: int) -> datetime.time:
    return datetime.time(minutes // 60, minutes % 60)


def insert(model: type[models.Model], objs: list, *, history: bool = True) -> list:
    """`bulk_create` the rows, with a history row each (labelled as demo data) unless told not."""
    if not objs:
        return objs
    if history:
        return bulk_create_with_history(
            objs, model, batch_size=BATCH_SIZE, default_change_reason=words.DEMO_LABEL
        )
    return model.objects.bulk_create(objs, batch_size=BATCH_SIZE)


# Deleting --------------------------------------------------------------------------------


def delete_with_history(queryset: models.QuerySet) -> None:
    """Delete the rows and what `on_delete` takes with them, then every history row of them.

    A demo row leaves no trace: `QuerySet.delete()` writes a "deleted" history row per record;
    those go too, with the rows' earlier history.
    """
    doomed = {
        model: list(rows.values_list("pk", flat=True))
        for model, rows in _cascade(queryset.model, queryset)
    }
    try:
        queryset.delete()
    except (ProtectedError, RestrictedError) as error:
        blocking = list(getattr(error, "protected_objects", None) or error.restricted_objects)
        raise DemoDataError(
            f"{len(blocking)} {blocking[0]._meta.verbose_name_plural} that are not demo data "
            f"still point to demo {queryset.model._meta.verbose_name_plural}; delete them or "
            "point them elsewhere, then load the demo data again."
        ) from error
    for model, keys in doomed.items():
        if not hasattr(model._meta, "simple_history_manager_attribute"):
            continue
        history = get_history_model_for_model(model)._base_manager
        pk_name = model._meta.pk.attname
        for start in range(0, len(keys), _KEYS_PER_QUERY):
            history.filter(**{f"{pk_name}__in": keys[start : start + _KEYS_PER_QUERY]}).delete()


# Well under SQLite's smallest limit on the number of parameters in one query.
_KEYS_PER_QUERY = 500


def _cascade(model: type[models.Model], rows: models.QuerySet):
    """(model, rows) for these rows and for every row that deleting them cascades to."""
    yield model, rows
    for relation in model._meta.related_objects:
        if relation.on_delete is models.CASCADE:
            dependants = relation.related_model._base_manager.filter(
                **{f"{relation.field.name}__in": rows.values("pk")}
            )
            yield from _cascade(relation.related_model, dependants)
