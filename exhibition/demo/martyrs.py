"""The martyrs' part of the demo data: veteran tallies and martyrs, with the spelling variants
and partly known dates of real memorial records."""

import datetime
import functools
import random

from exhibition.demo import vocabulary as words
from exhibition.demo.common import DemoSet, insert, jalali, jalali_parts, published
from martyrs.models import Martyr, VeteranTally
from moqdad.jalali import DatePrecision
from neighborhoods.models import Neighborhood

HISTORY_LIMIT = 10_000
PROGRESS_EVERY = 10_000

_martyrdom_year = functools.cache(Martyr._jalali_year)


def add_veterans(demo: DemoSet) -> None:
    rng = demo.rng("veterans")
    ranges = {
        VeteranTally.Kind.VETERAN: (20, 300),
        VeteranTally.Kind.DISABLED: (5, 120),
        VeteranTally.Kind.FREED_POW: (0, 25),
        VeteranTally.Kind.COMBATANT: (30, 500),
    }
    tallies = [
        VeteranTally(neighborhood=neighborhood, kind=kind, count=rng.randint(low, high))
        for neighborhood in demo.neighborhoods
        for kind, (low, high) in ranges.items()
    ]
    insert(VeteranTally, tallies)
    demo.count("veteran tallies", tallies)


def add_martyrs(demo: DemoSet) -> None:
    total = demo.scale.martyrs
    rng = demo.rng("martyrs")
    history = total <= HISTORY_LIMIT
    weights = [rng.lognormvariate(0, 0.8) for _ in demo.neighborhoods]
    prominent = demo.selected[:total]
    made, batch = 0, []
    for index in range(total):
        if index < len(prominent):
            batch.append(_martyr(demo, rng, neighborhood=prominent[index], prominent=True))
        else:
            neighborhood = (
                rng.choices(demo.neighborhoods, weights)[0] if rng.random() >= 0.02 else None
            )
            martyr = _martyr(demo, rng, neighborhood=neighborhood, prominent=False)
            showcase = index - len(prominent)
            if showcase < len(words.SHOWCASE_MARTYR_NAMES):
                martyr.first_name, martyr.last_name = words.SHOWCASE_MARTYR_NAMES[showcase]
                martyr.search_text = martyr.build_search_text()
                if martyr.biography:
                    martyr.biography = _biography(martyr, neighborhood)
            batch.append(martyr)
        if len(batch) == PROGRESS_EVERY or index == total - 1:
            insert(Martyr, batch, history=history)
            made += len(batch)
            batch = []
            if total > PROGRESS_EVERY:
                demo.log(f"  martyrs: {made:,} / {total:,}")
    demo.counts["martyrs"] = made
    demo.log(f"Martyrs: {made}" + ("" if history else " (without history rows)"))


def _martyr(
    demo: DemoSet, rng: random.Random, *, neighborhood: Neighborhood | None, prominent: bool
) -> Martyr:
    Category = Martyr.Category
    category = (
        Category.SACRED_DEFENCE
        if prominent
        else rng.choices(list(Category), (7, 80, 5, 5, 2, 1))[0]
    )
    operation = unit = ""
    if category == Category.SACRED_DEFENCE:
        unit = rng.choice(words.SACRED_DEFENCE_UNITS)
        if rng.random() < 0.8:
            operation, (year, month, day), place = rng.choice(words.OPERATIONS)
            date = jalali(year, month, day) + datetime.timedelta(days=rng.randint(0, 25))
        else:
            date = _random_date(rng, jalali(1359, 7, 1), jalali(1367, 5, 29))
            place = rng.choice(words.WAR_PLACES)
        age = rng.choice((15, 16, 17)) if rng.random() < 0.1 else rng.randint(17, 45)
    elif category == Category.REVOLUTION:
        date = _random_date(rng, jalali(1356, 10, 19), jalali(1357, 11, 22))
        place, age = rng.choice(words.REVOLUTION_PLACES), rng.randint(15, 50)
    elif category == Category.SHRINE_DEFENDER:
        date = _random_date(rng, jalali(1392), jalali(1398, 12, 29))
        place, age = rng.choice(words.SHRINE_PLACES), rng.randint(20, 55)
        unit = rng.choice(words.SHRINE_UNITS)
    elif category == Category.TERRORISM:
        date = _random_date(rng, jalali(1360), jalali(1401, 6, 31))
        place, age = rng.choice(words.TERRORISM_PLACES), rng.randint(10, 70)
    elif category == Category.SECURITY:
        date = _random_date(rng, jalali(1368), jalali(1400, 12, 29))
        place, age = rng.choice(words.SECURITY_PLACES), rng.randint(19, 45)
        unit = rng.choice(words.SECURITY_UNITS)
    else:
        date = _random_date(rng, jalali(1359), jalali(1400, 12, 29))
        place, age = rng.choice(words.WAR_PLACES), rng.randint(17, 50)

    date, precision = _blur(rng, date, 0.07, 0.08) if not prominent else (date, DatePrecision.DAY)
    birth = date - datetime.timedelta(days=age * 365 + rng.randint(0, 364))
    birth, birth_precision = _blur(rng, birth, 0.25, 0.05)
    if rng.random() < 0.03 and not prominent:
        birth, birth_precision = None, DatePrecision.DAY

    female = category != Category.SACRED_DEFENCE and rng.random() < 0.12
    first, last = demo.person(rng, female=female)
    last = _spelling_variant(rng, last)
    if rng.random() < 0.03:
        first, last = _arabic_letters(first), _arabic_letters(last)
    father = rng.choice(words.MALE_FIRST_NAMES) if rng.random() < 0.95 else ""
    missing = category == Category.SACRED_DEFENCE and rng.random() < 0.08
    is_draft = not prominent and rng.random() < 0.005
    martyr = Martyr(
        first_name=first,
        last_name=last,
        father_name=father,
        birth_date=birth,
        birth_date_precision=birth_precision,
        birth_place=rng.choice(words.BIRTH_PLACES),
        martyrdom_date=date,
        martyrdom_date_precision=precision,
        martyrdom_place=place,
        category=category,
        operation=operation,
        unit=unit,
        burial_place=words.MISSING_BURIAL if missing else rng.choice(words.QOM_BURIAL_PLACES),
        neighborhood=neighborhood,
        is_prominent=prominent,
        source=f"{words.DEMO_LABEL} (رکورد ساختگی)",
        is_verified=prominent or rng.random() < 0.7,
        is_synthetic=True,
        **published(is_draft),
    )
    if prominent or rng.random() < 0.1:
        martyr.biography = _biography(martyr, neighborhood)
    if prominent:
        martyr.testament_excerpt = (
            f"«{words.DEMO_LABEL}» — متن ساختگی: «راه شهدا را ادامه دهید و "
            "مسجد و محله را خالی نگذارید.»"
        )
    martyr.search_text = martyr.build_search_text()
    martyr.martyrdom_year = _martyrdom_year(martyr.martyrdom_date)
    return martyr


def _random_date(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


def _blur(
    rng: random.Random, value: datetime.date, year_share: float, month_share: float
) -> tuple[datetime.date, str]:
    """As memorial records often do, keep only the year or the month of some dates."""
    draw = rng.random()
    if draw >= year_share + month_share:
        return value, DatePrecision.DAY
    year, month = jalali_parts(value)
    if draw < year_share:
        return jalali(year), DatePrecision.YEAR
    return jalali(year, month), DatePrecision.MONTH


def _spelling_variant(rng: random.Random, name: str) -> str:
    """Compound names appear with a ZWNJ, a space or joined, as in real records."""
    if words.ZWNJ not in name:
        return name
    draw = rng.random()
    if draw < 0.7:
        return name
    return name.replace(words.ZWNJ, " " if draw < 0.85 else "")


def _arabic_letters(text: str) -> str:
    """Some records were typed on an Arabic keyboard: ي and ك instead of ی and ک."""
    return text.replace("ی", "ي").replace("ک", "ك")


def _biography(martyr: Martyr, neighborhood: Neighborhood | None) -> str:
    where = f" اهل {neighborhood.name}" if neighborhood else ""
    operation = f" در عملیات {martyr.operation}" if martyr.operation else ""
    return (
        f"«{words.DEMO_LABEL}» — زندگی‌نامه ساختگی. شهید {martyr.first_name} {martyr.last_name}"
        f"{where}، فرزند {martyr.father_name or 'ـ'}،{operation} در {martyr.martyrdom_place} "
        "به شهادت رسید."
    )
