"""The synthetic demo data set: made-up neighborhoods, councils, martyrs, booths and schedule.

Every record is labelled: `is_synthetic=True` where the model has the flag, and «داده نمایشی»
in its description or source. Everything else a demo record owns (council members, indicators,
problems, holders, ...) hangs from a labelled record and goes with it.

The set is a pure function of the seed and the scale: each part draws from its own random
stream, so `--martyrs 100` and `--martyrs 2000` give the same neighborhoods. Loading replaces
the previous demo set inside one transaction, so running it twice leaves the same data.

Rows are bulk inserted, not written through the services one by one: 100,000 martyrs through
`full_clean()` and `save()` take minutes, in bulk seconds. `bulk_create` skips `save()`, so the
derived columns (search keys, martyrdom year) are computed here with the models' own methods.
History rows are written with simple_history's `bulk_create_with_history`, except for more
than HISTORY_LIMIT martyrs, where the history would double the time of the biggest insert.
"""

import dataclasses
import datetime
import functools
import operator
import random
import zoneinfo
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal

import jdatetime
from django.db import connections, models, router, transaction
from django.utils import timezone
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history, get_history_model_for_model

from exhibition import demo_vocabulary as words
from exhibition.models import (
    Booth,
    BoothHolder,
    ContactRequest,
    Exhibition,
    ScheduleItem,
    Section,
    StrataBase,
)
from martyrs.models import Martyr, VeteranTally
from moqdad.jalali import DatePrecision
from moqdad.persian import normalize_for_search, to_persian_digits
from moqdad.publishing import PublicationStatus
from neighborhoods.models import (
    COUNCIL_MAX_MEMBERS,
    COUNCIL_MIN_MEMBERS,
    ActionPlan,
    Agency,
    Council,
    CouncilMember,
    IdentityElement,
    Initiative,
    Neighborhood,
    Problem,
    ProfileIndicator,
    ProgrammePhase,
    VulnerabilityFlag,
)

DEFAULT_SEED = 1401
HISTORY_LIMIT = 10_000
PROGRESS_EVERY = 10_000
TEHRAN = zoneinfo.ZoneInfo("Asia/Tehran")
PUBLISHED_AT = datetime.datetime(2022, 10, 25, 9, 0, tzinfo=TEHRAN)
PUBLISHED = PublicationStatus.PUBLISHED
DRAFT = PublicationStatus.DRAFT

# The announcement's figures: 15 neighborhoods, then 60, then 116; 55 of them selected.
REAL_TOTAL, REAL_PHASES, REAL_SELECTED = 116, (15, 60, 116), 55
REAL_BOOTHS, HISTORY_BOOTHS_SHARE, STRATA_BOOTHS_SHARE = 55, 3, 8

# Floor plan, in metres: booths in rows across a hall of this width, an aisle between rows.
HALL_WIDTH = Decimal(48)
PLAN_MARGIN, PLAN_GAP, PLAN_AISLE = Decimal(1), Decimal("0.5"), Decimal("2.5")
BOOTH_SIZES = {
    1: (Decimal(6), Decimal(4)),
    2: (Decimal(3), Decimal(3)),
    3: (Decimal(4), Decimal(3)),
}
BOOTH_CODE_PREFIXES = {1: "A", 2: "B", 3: "C"}


class DemoDataError(Exception):
    """The demo data cannot be (re)loaded; the message says why and what to do."""


@dataclasses.dataclass(frozen=True)
class DemoScale:
    neighborhoods: int = REAL_TOTAL
    booths: int = REAL_BOOTHS
    martyrs: int = 2000


def fa(value) -> str:
    return to_persian_digits(value)


# jdatetime is slow (it asks for the locale on every date); the data uses few distinct dates.
@functools.cache
def jalali(year: int, month: int = 1, day: int = 1) -> datetime.date:
    return jdatetime.date(year, month, day).togregorian()


@functools.cache
def _jalali_parts(value: datetime.date) -> tuple[int, int]:
    j = jdatetime.date.fromgregorian(date=value)
    return j.year, j.month


_martyrdom_year = functools.cache(Martyr._jalali_year)


def _published(status_is_draft: bool = False) -> dict:
    if status_is_draft:
        return {"status": DRAFT, "published_at": None}
    return {"status": PUBLISHED, "published_at": PUBLISHED_AT}


def _insert(model: type[models.Model], objs: list, *, history: bool = True) -> list:
    if not objs:
        return objs
    if history:
        return bulk_create_with_history(
            objs, model, batch_size=2000, default_change_reason=words.DEMO_LABEL
        )
    return model.objects.bulk_create(objs, batch_size=2000)


_PLAIN_FIELD_TYPES = frozenset(
    {
        "BooleanField", "CharField", "ForeignKey", "IntegerField", "PositiveIntegerField",
        "PositiveSmallIntegerField", "SlugField", "SmallIntegerField", "TextField",
    }
)  # fmt: skip


def _insert_many(model: type[models.Model], objs: list) -> None:
    """One `executemany` INSERT, without history and without setting the objects' keys.

    `bulk_create` compiles SQL for every 35 rows on SQLite and prepares every value through its
    field: 15 seconds of CPU for 100,000 martyrs, against one second here. Values that need a
    conversion (dates, times, files) still go through `get_db_prep_save`, once per distinct value.
    """
    connection = connections[router.db_for_write(model)]
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    now = timezone.now()
    converters = []
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            value = field.get_db_prep_save(now, connection)
            converters.append(lambda obj, value=value: value)
        elif field.get_internal_type() in _PLAIN_FIELD_TYPES:
            converters.append(operator.attrgetter(field.attname))
        else:
            prepare = functools.cache(functools.partial(_prepare, field, connection))
            attname = field.attname
            converters.append(
                lambda obj, attname=attname, prepare=prepare: prepare(getattr(obj, attname))
            )
    quote = connection.ops.quote_name
    # Only quoted names from the model's own meta and placeholders: no data in the SQL text.
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608  # nosec B608
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    rows = [tuple(convert(obj) for convert in converters) for obj in objs]
    with connection.cursor() as cursor:
        cursor.executemany(sql, rows)


def _prepare(field: models.Field, connection, value):
    return field.get_db_prep_save(value, connection)


# Deleting --------------------------------------------------------------------------------


def _delete_rows(queryset: models.QuerySet) -> int:
    """Delete the rows, their history and what depends on them, following `on_delete`, in SQL.

    `QuerySet.delete()` loads every row and sends `post_delete` for each one, because
    simple_history writes a "deleted" history row per record: for 100,000 martyrs that alone
    takes minutes. This applies the same rules relation by relation without loading rows.
    """
    model = queryset.model
    keys = queryset.values("pk")
    for relation in model._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete):
            continue
        if not (relation.one_to_many or relation.one_to_one):
            continue
        on_delete = relation.on_delete
        dependants = relation.related_model._base_manager.filter(
            **{f"{relation.field.name}__in": keys}
        )
        if on_delete is models.DO_NOTHING:
            continue
        if on_delete is models.CASCADE:
            _delete_rows(dependants)
        elif on_delete is models.SET_NULL:
            dependants.update(**{relation.field.name: None})
        elif on_delete in (models.PROTECT, models.RESTRICT):
            count = dependants.count()
            if count:
                raise DemoDataError(
                    f"{count} {relation.related_model._meta.verbose_name_plural} that are not "
                    f"demo data still point to demo {model._meta.verbose_name_plural}; "
                    "delete them or point them elsewhere, then load the demo data again."
                )
        else:
            dependants.delete()
    for field in model._meta.local_many_to_many:
        field.remote_field.through._base_manager.filter(
            **{f"{field.m2m_field_name()}__in": keys}
        ).delete()
    if hasattr(model._meta, "simple_history_manager_attribute"):
        history = get_history_model_for_model(model)
        stale = history._base_manager.filter(**{f"{model._meta.pk.attname}__in": keys})
        stale._raw_delete(stale.db)
    # _raw_delete is QuerySet.delete() without the collector: the dependants are handled above.
    return queryset._raw_delete(queryset.db)


def delete_demo_data() -> None:
    """Remove every synthetic record and what hangs from it; real records stay untouched."""
    _delete_rows(ScheduleItem.objects.filter(is_synthetic=True))
    _delete_rows(Booth.objects.filter(is_synthetic=True))
    _delete_rows(Martyr.objects.filter(is_synthetic=True))
    _delete_rows(StrataBase.objects.filter(is_synthetic=True))
    _delete_rows(Neighborhood.objects.filter(is_synthetic=True))


# Building --------------------------------------------------------------------------------


def _scaled(count: int, real_part: int, real_whole: int) -> int:
    return min(count, round(count * real_part / real_whole))


class DemoDataBuilder:
    def __init__(
        self,
        *,
        seed: int = DEFAULT_SEED,
        scale: DemoScale | None = None,
        log: Callable[[str], None] | None = None,
    ):
        self.seed = seed
        self.scale = scale or DemoScale()
        self.log = log or (lambda message: None)
        self.counts: dict[str, int] = {}

    def rng(self, part: str) -> random.Random:
        """The random stream of one part of the data set; parts do not disturb each other."""
        return random.Random(f"{self.seed}:{part}")

    def run(self) -> dict[str, int]:
        with transaction.atomic():
            self._load_real_data()
            self.log("Removing the previous demo data")
            delete_demo_data()
            self._neighborhoods()
            self._councils()
            self._profiles()
            self._problems()
            self._initiatives_and_identity()
            self._veterans()
            self._strata_bases()
            self._martyrs()
            self._booths()
            self._contact_requests()
            self._schedule()
        return self.counts

    def _count(self, label: str, objs: Sequence) -> None:
        self.counts[label] = self.counts.get(label, 0) + len(objs)

    def _load_real_data(self) -> None:
        edition = Exhibition.objects.filter(is_current=True).first()
        edition = edition or Exhibition.objects.filter(jalali_year=1401).first()
        phases = {p.number: p for p in ProgrammePhase.objects.all()}
        if edition is None or len(phases) < 3:
            raise DemoDataError(
                "The 1401 edition is missing: run `manage.py migrate` first (it loads the real data)."
            )
        self.edition = edition
        self.phases = phases
        self.sections = {s.number: s for s in Section.objects.filter(exhibition=edition)}
        agencies = list(Agency.objects.order_by("name"))
        self.selecting_bodies = [a for a in agencies if a.kind == Agency.Kind.SELECTING_BODY]
        self.organizers = [a for a in agencies if a.kind == Agency.Kind.ORGANIZER]
        self.host = next((a for a in agencies if a.kind == Agency.Kind.HOST), None)

    def _person(self, rng: random.Random, *, female: bool = False) -> tuple[str, str]:
        first = rng.choice(words.FEMALE_FIRST_NAMES if female else words.MALE_FIRST_NAMES)
        return first, rng.choice(words.LAST_NAMES)

    def _full_name(self, rng: random.Random, *, female: bool = False) -> str:
        return " ".join(self._person(rng, female=female))

    # Neighborhoods -----------------------------------------------------------------------

    def _neighborhood_names(self, rng: random.Random, count: int) -> list[str]:
        taken = set(Neighborhood.objects.filter(is_synthetic=False).values_list("name", flat=True))
        combinations = [
            f"{p} {w}" for w in words.NEIGHBORHOOD_WORDS for p in words.NEIGHBORHOOD_PREFIXES
        ]
        rng.shuffle(combinations)
        names, round_number = [], 1
        while len(names) < count:
            for base in combinations:
                name = base if round_number == 1 else f"{base} {fa(round_number)}"
                if name not in taken:
                    names.append(name)
                if len(names) == count:
                    break
            round_number += 1
        return names

    def _neighborhoods(self) -> None:
        rng = self.rng("neighborhoods")
        count = self.scale.neighborhoods
        first_phase = _scaled(count, REAL_PHASES[0], REAL_TOTAL)
        second_phase = _scaled(count, REAL_PHASES[1], REAL_TOTAL)
        selected_count = _scaled(count, REAL_SELECTED, REAL_TOTAL)
        names = self._neighborhood_names(rng, count)
        taken_slugs = set(
            Neighborhood.objects.filter(is_synthetic=False).values_list("slug", flat=True)
        )
        later = list(range(first_phase, count))
        selected = set(range(first_phase)) | set(
            rng.sample(later, max(0, selected_count - first_phase))
        )
        unselected = [i for i in range(count) if i not in selected]
        drafts = set(rng.sample(unselected, min(2, len(unselected))))
        neighborhoods = []
        for index, name in enumerate(names):
            phase_number = 1 if index < first_phase else 2 if index < second_phase else 3
            district = rng.randint(1, 8)
            population = rng.randrange(3_000, 42_000, 100)
            slug = slugify(name, allow_unicode=True)
            if slug in taken_slugs:
                slug = f"{slug}-demo"
            manager = self._full_name(rng, female=rng.random() < 0.2)
            neighborhoods.append(
                Neighborhood(
                    name=name,
                    slug=slug,
                    district=district,
                    phase=self.phases[phase_number],
                    is_selected=index in selected,
                    is_synthetic=True,
                    manager_name=manager,
                    summary=f"{words.DEMO_LABEL}: محله‌ای در منطقه {fa(district)} شهرداری قم",
                    description=(
                        f"«{words.DEMO_LABEL}» — این محله ساختگی است و برای نمایش امکانات "
                        f"سامانه ساخته شده است. {name} از مرحله {fa(phase_number)} برنامه "
                        "محله‌محوری به جمع محلات پیوست."
                    ),
                    population=population,
                    households=round(population / rng.uniform(3.3, 4.2)),
                    search_text=normalize_for_search(name),
                    **_published(index in drafts),
                )
            )
        self.neighborhoods = _insert(Neighborhood, neighborhoods)
        self.selected = [n for n in self.neighborhoods if n.is_selected]
        self.first_phase = self.neighborhoods[:first_phase]
        self._count("neighborhoods", neighborhoods)
        self.log(f"Neighborhoods: {count} ({len(self.selected)} selected)")

    def _councils(self) -> None:
        rng = self.rng("councils")
        roles = [role for role, _ in words.COUNCIL_ROLE_WEIGHTS]
        weights = [weight for _, weight in words.COUNCIL_ROLE_WEIGHTS]
        councils, member_lists = [], []
        for index, neighborhood in enumerate(self.neighborhoods):
            # The first two councils sit on the limits (6 and 40) so both show in the admin.
            if index == 0:
                size = COUNCIL_MIN_MEMBERS
            elif index == 1:
                size = COUNCIL_MAX_MEMBERS
            else:
                spread = COUNCIL_MAX_MEMBERS - COUNCIL_MIN_MEMBERS + 1
                size = COUNCIL_MIN_MEMBERS + int(rng.betavariate(1.6, 3) * spread)
            councils.append(
                Council(
                    neighborhood=neighborhood,
                    formed_on=jalali(
                        rng.randint(1397, 1400), rng.randint(1, 12), rng.randint(1, 29)
                    ),
                    description=(
                        f"«{words.DEMO_LABEL}» — شورای {neighborhood.name} با امام جماعت، "
                        "معلمان، دانشجویان و نخبگان محل."
                    ),
                    **_published(),
                )
            )
            chair = rng.randrange(min(size, 3))
            members = []
            for position in range(size):
                role = "imam" if position == 0 else rng.choices(roles, weights)[0]
                female = role == "women" or (role not in ("imam", "cleric") and rng.random() < 0.25)
                name = self._full_name(rng, female=female)
                if role in ("imam", "cleric"):
                    name = f"حجت‌الاسلام {name}"
                members.append(
                    CouncilMember(
                        full_name=name,
                        role=role,
                        is_chair=position == chair,
                        publish_name=role == "imam" or rng.random() < 0.4,
                        phone=f"{rng.choice(words.MOBILE_PREFIXES)}{rng.randrange(10**7):07d}",
                        address=(
                            f"قم، {neighborhood.name}، کوچه {fa(rng.randint(1, 40))}، "
                            f"پلاک {fa(rng.randint(1, 120))}"
                        ),
                    )
                )
            member_lists.append(members)
        councils = _insert(Council, councils)
        members = []
        for council, council_members in zip(councils, member_lists, strict=True):
            for member in council_members:
                member.council = council
                members.append(member)
        _insert(CouncilMember, members)
        self._count("councils", councils)
        self._count("council members", members)

    def _profiles(self) -> None:
        rng = self.rng("profiles")
        indicators = []
        for neighborhood in self.neighborhoods:
            for kind, rows in words.INDICATORS.items():
                for title, unit, low, high, change in rows:
                    value = rng.uniform(low, high)
                    for year in (1400, 1401):
                        if year == 1401:
                            value = max(0.0, value * (1 + change + rng.uniform(-0.03, 0.03)))
                        if unit == "درصد":
                            value = min(value, 100.0)
                        shown = (
                            round(value, 1)
                            if unit == "درصد" or kind == "demography"
                            else round(value)
                        )
                        indicators.append(
                            ProfileIndicator(
                                neighborhood=neighborhood,
                                year=year,
                                kind=kind,
                                title=title,
                                value=Decimal(str(shown)),
                                unit=unit,
                            )
                        )
        _insert(ProfileIndicator, indicators)
        self._count("profile indicators", indicators)
        flags = [
            VulnerabilityFlag(
                neighborhood=neighborhood,
                agency=body,
                is_flagged=rng.random() < 0.85,
                year=1396,
                note=f"{words.DEMO_LABEL}: اشتراک آماری پنج دستگاه",
            )
            for neighborhood in self.first_phase
            for body in self.selecting_bodies
        ]
        _insert(VulnerabilityFlag, flags)
        self._count("vulnerability flags", flags)

    def _problems(self) -> None:
        rng = self.rng("problems")
        every = [
            (category, title) for category, titles in words.PROBLEMS.items() for title in titles
        ]
        one_per_category = [(category, titles[0]) for category, titles in words.PROBLEMS.items()]
        statuses = list(Problem.Status)
        problems, plan_lists = [], []
        for index, neighborhood in enumerate(self.neighborhoods):
            chosen = one_per_category if index == 0 else rng.sample(every, rng.randint(3, 7))
            for position, (category, title) in enumerate(chosen):
                # The first neighborhood shows every category in every state.
                if index == 0:
                    progress = statuses[position % len(statuses)]
                else:
                    progress = rng.choices(statuses, (2, 3, 4, 2))[0]
                problems.append(
                    Problem(
                        neighborhood=neighborhood,
                        category=category,
                        title=title,
                        description=f"«{words.DEMO_LABEL}» — مسئله‌ای که شورای محله ثبت کرده است.",
                        progress=progress,
                        **_published(rng.random() < 0.02),
                    )
                )
                plan_lists.append(self._plans(rng, progress, neighborhood))
        problems = _insert(Problem, problems)
        plans = []
        for problem, problem_plans in zip(problems, plan_lists, strict=True):
            for plan in problem_plans:
                plan.problem = problem
                plans.append(plan)
        _insert(ActionPlan, plans)
        self._count("problems", problems)
        self._count("action plans", plans)

    def _plans(self, rng: random.Random, progress: str, neighborhood: Neighborhood) -> list:
        Status = ActionPlan.Status
        if progress == Problem.Status.IDENTIFIED:
            choices = [Status.PLANNED] * rng.randint(0, 1)
        elif progress == Problem.Status.PLANNED:
            choices = [Status.PLANNED] * rng.randint(1, 2)
        elif progress == Problem.Status.SOLVED:
            choices = [Status.DONE] * rng.randint(1, 3)
        else:
            choices = rng.choices(
                [Status.PLANNED, Status.IN_PROGRESS, Status.DONE, Status.STOPPED],
                (2, 4, 2, 1),
                k=rng.randint(1, 3),
            )
        plans = []
        for status in choices:
            responsible = rng.choice(words.RESPONSIBLES)
            if responsible == "شهرداری منطقه":
                responsible = f"{responsible} {fa(neighborhood.district)}"
            if status == Status.PLANNED:
                percent = 0
            elif status == Status.DONE:
                percent = 100
            else:
                percent = rng.randrange(10, 95, 5)
            plans.append(
                ActionPlan(
                    title=rng.choice(words.ACTIONS),
                    responsible=responsible,
                    status=status,
                    progress_percent=percent,
                    due_date=jalali(
                        rng.choice((1401, 1402)), rng.randint(1, 12), rng.randint(1, 29)
                    ),
                )
            )
        return plans

    def _initiatives_and_identity(self) -> None:
        rng = self.rng("initiatives")
        initiative_kinds = list(words.INITIATIVES)
        progresses = list(Initiative.Progress)
        initiatives = []
        for index, neighborhood in enumerate(self.neighborhoods):
            kinds = (
                initiative_kinds if index == 0 else rng.sample(initiative_kinds, rng.randint(2, 5))
            )
            for position, kind in enumerate(kinds):
                progress = (
                    progresses[position % len(progresses)]
                    if index == 0
                    else rng.choices(progresses, (2, 5, 2, 1))[0]
                )
                started = progress != Initiative.Progress.IDENTIFIED
                initiatives.append(
                    Initiative(
                        neighborhood=neighborhood,
                        kind=kind,
                        title=rng.choice(words.INITIATIVES[kind]),
                        description=f"«{words.DEMO_LABEL}» — برآمده از شناسنامه محله.",
                        progress=progress,
                        started_on=(
                            jalali(rng.randint(1397, 1401), rng.randint(1, 12), rng.randint(1, 29))
                            if started
                            else None
                        ),
                        beneficiaries=rng.randrange(10, 400) if started else None,
                        follow_up=(
                            f"{words.DEMO_LABEL}: پیگیری ماهانه در جلسه شورای محله."
                            if rng.random() < 0.5
                            else ""
                        ),
                        **_published(rng.random() < 0.02),
                    )
                )
        _insert(Initiative, initiatives)
        self._count("initiatives", initiatives)

        rng = self.rng("identity")
        identity_kinds = list(words.IDENTITY_ELEMENTS)
        elements = []
        for index, neighborhood in enumerate(self.neighborhoods):
            kinds = identity_kinds if index == 0 else rng.sample(identity_kinds, rng.randint(2, 5))
            for kind in kinds:
                first, last = self._person(rng)
                title = rng.choice(words.IDENTITY_ELEMENTS[kind]).format(
                    name=f"{first} {last}", first=first
                )
                elements.append(
                    IdentityElement(
                        neighborhood=neighborhood,
                        kind=kind,
                        title=title,
                        description=f"«{words.DEMO_LABEL}» — از عناصر هویت‌ساز {neighborhood.name}.",
                        **_published(rng.random() < 0.02),
                    )
                )
        _insert(IdentityElement, elements)
        self._count("identity elements", elements)

    def _veterans(self) -> None:
        rng = self.rng("veterans")
        ranges = {
            VeteranTally.Kind.VETERAN: (20, 300),
            VeteranTally.Kind.DISABLED: (5, 120),
            VeteranTally.Kind.FREED_POW: (0, 25),
            VeteranTally.Kind.COMBATANT: (30, 500),
        }
        tallies = [
            VeteranTally(neighborhood=neighborhood, kind=kind, count=rng.randint(low, high))
            for neighborhood in self.neighborhoods
            for kind, (low, high) in ranges.items()
        ]
        _insert(VeteranTally, tallies)
        self._count("veteran tallies", tallies)

    def _strata_bases(self) -> None:
        taken = set(StrataBase.objects.filter(is_synthetic=False).values_list("name", flat=True))
        bases = []
        for stratum, name in words.STRATA_BASES:
            if name in taken:
                name = f"{name} ({words.DEMO_LABEL})"
            bases.append(
                StrataBase(
                    name=name,
                    stratum=stratum,
                    description=f"«{words.DEMO_LABEL}» — {name}.",
                    role_toward_neighborhoods=(
                        "همراهی با شوراهای محلات در حل مسائل تخصصی و معرفی ظرفیت‌های قشر."
                    ),
                    is_synthetic=True,
                    **_published(),
                )
            )
        self.strata_bases = _insert(StrataBase, bases)
        self._count("strata bases", bases)

    # Martyrs -----------------------------------------------------------------------------

    def _martyrs(self) -> None:
        total = self.scale.martyrs
        rng = self.rng("martyrs")
        history = total <= HISTORY_LIMIT
        weights = [rng.lognormvariate(0, 0.8) for _ in self.neighborhoods]
        prominent = self.selected[:total]
        made, batch = 0, []
        for index in range(total):
            if index < len(prominent):
                batch.append(self._martyr(rng, neighborhood=prominent[index], prominent=True))
            else:
                neighborhood = (
                    rng.choices(self.neighborhoods, weights)[0] if rng.random() >= 0.02 else None
                )
                martyr = self._martyr(rng, neighborhood=neighborhood, prominent=False)
                showcase = index - len(prominent)
                if showcase < len(words.SHOWCASE_MARTYR_NAMES):
                    martyr.first_name, martyr.last_name = words.SHOWCASE_MARTYR_NAMES[showcase]
                    martyr.search_text = martyr.build_search_text()
                    if martyr.biography:
                        martyr.biography = _biography(martyr, neighborhood)
                batch.append(martyr)
            if len(batch) == PROGRESS_EVERY or index == total - 1:
                if history:
                    _insert(Martyr, batch)
                else:
                    _insert_many(Martyr, batch)
                made += len(batch)
                batch = []
                if total > PROGRESS_EVERY:
                    self.log(f"  martyrs: {made:,} / {total:,}")
        self.counts["martyrs"] = made
        self.log(f"Martyrs: {made}" + ("" if history else " (without history rows)"))

    def _martyr(
        self, rng: random.Random, *, neighborhood: Neighborhood | None, prominent: bool
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

        date, precision = (
            _blur(rng, date, 0.07, 0.08) if not prominent else (date, DatePrecision.DAY)
        )
        birth = date - datetime.timedelta(days=age * 365 + rng.randint(0, 364))
        birth, birth_precision = _blur(rng, birth, 0.25, 0.05)
        if rng.random() < 0.03 and not prominent:
            birth, birth_precision = None, DatePrecision.DAY

        female = category != Category.SACRED_DEFENCE and rng.random() < 0.12
        first, last = self._person(rng, female=female)
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
            **_published(is_draft),
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

    # Booths and visitors -----------------------------------------------------------------

    def _booth_counts(self) -> dict[int, int]:
        total = self.scale.booths
        history = min(total, max(1, _scaled(total, HISTORY_BOOTHS_SHARE, REAL_BOOTHS)))
        strata = min(
            total - history,
            len(self.strata_bases),
            round(total * STRATA_BOOTHS_SHARE / REAL_BOOTHS),
        )
        neighborhoods = min(total - history - strata, len(self.selected))
        # Booths beyond one per selected neighborhood go to the programme-history section.
        return {1: total - strata - neighborhoods, 2: neighborhoods, 3: strata}

    def _booths(self) -> None:
        rng = self.rng("booths")
        counts = self._booth_counts()
        taken = set(
            Booth.objects.filter(exhibition=self.edition, is_synthetic=False).values_list(
                "code", flat=True
            )
        )
        agencies = [a for a in [self.host, *self.organizers] if a is not None]
        plan = _FloorPlan()
        booths = []
        for number in (1, 2, 3):
            codes = _codes(BOOTH_CODE_PREFIXES[number], counts[number], taken)
            plan.new_section()
            for index, code in enumerate(codes):
                neighborhood = strata_base = None
                if number == 1:
                    topic = words.HISTORY_BOOTHS[index % len(words.HISTORY_BOOTHS)]
                    rounds = index // len(words.HISTORY_BOOTHS)
                    name = topic if rounds == 0 else f"{topic} {fa(rounds + 1)}"
                    agency = rng.choice(agencies) if agencies else None
                    summary = "سابقه و الگوی کاری محلات"
                elif number == 2:
                    neighborhood = self.selected[index]
                    name = f"غرفه {neighborhood.name}"
                    agency = self.host
                    summary = f"دستاوردهای شورای {neighborhood.name}"
                else:
                    strata_base = self.strata_bases[index]
                    name = strata_base.name
                    agency = self.host
                    summary = "نقش پایگاه تخصصی در ارتباط با محلات"
                width, depth = BOOTH_SIZES[number]
                x, y = plan.place(width, depth)
                booths.append(
                    Booth(
                        exhibition=self.edition,
                        section=self.sections[number],
                        code=code,
                        name=name,
                        slug=f"{code.lower()}-{slugify(name, allow_unicode=True)}"[:220],
                        neighborhood=neighborhood,
                        strata_base=strata_base,
                        agency=agency,
                        summary=summary,
                        description=f"«{words.DEMO_LABEL}» — {summary}.",
                        plan_x=x,
                        plan_y=y,
                        plan_width=width,
                        plan_depth=depth,
                        is_synthetic=True,
                        search_text=normalize_for_search(f"{code} {name}"),
                        # One programme-history booth is still a draft: hidden from visitors.
                        **_published(number == 1 and index == 1),
                    )
                )
        self.booths = _insert(Booth, booths)
        holders = []
        for booth in self.booths:
            if booth.neighborhood is not None:
                holders.append(
                    self._holder(rng, booth, booth.neighborhood.manager_name, "مدیر محله")
                )
            for _ in range(rng.randint(1, 2)):
                holders.append(
                    self._holder(
                        rng, booth, self._full_name(rng, female=rng.random() < 0.3), "غرفه‌دار"
                    )
                )
        _insert(BoothHolder, holders)
        self._count("booths", booths)
        self._count("booth holders", holders)
        self.log(f"Booths: {len(booths)} (sections 1/2/3: {counts[1]}/{counts[2]}/{counts[3]})")

    def _holder(self, rng: random.Random, booth: Booth, name: str, role: str) -> BoothHolder:
        return BoothHolder(
            booth=booth,
            full_name=name,
            role=role,
            phone=f"{rng.choice(words.MOBILE_PREFIXES)}{rng.randrange(10**7):07d}",
        )

    def _contact_requests(self) -> None:
        rng = self.rng("contact requests")
        public = [b for b in self.booths if b.status == PUBLISHED]
        count = min(len(public), max(3, len(public) // 5))
        statuses = list(ContactRequest.Status)
        opens = _minutes(self.edition.daily_opens_at)
        closes = _minutes(self.edition.daily_closes_at)
        requests, sent = [], []
        for index in range(count):
            subject, message = rng.choice(words.CONTACT_SUBJECTS)
            with_phone, with_email = rng.choice(((True, False), (False, True), (True, True)))
            status = rng.choices(statuses, (6, 3, 1))[0]
            # Visitors leave requests at the booths, during the opening hours.
            sent_at = datetime.datetime.combine(
                rng.choice(self.edition.days), _time(rng.randrange(opens, closes)), tzinfo=TEHRAN
            )
            sent.append(sent_at)
            requests.append(
                ContactRequest(
                    booth=rng.choice(public),
                    name=self._full_name(rng, female=rng.random() < 0.3),
                    organization=rng.choice(words.ORGANIZATIONS),
                    position=rng.choice(words.POSITIONS),
                    phone=(
                        f"{rng.choice(words.MOBILE_PREFIXES)}{rng.randrange(10**7):07d}"
                        if with_phone
                        else ""
                    ),
                    email=f"visitor{index + 1}@example.com" if with_email else "",
                    subject=subject,
                    message=f"{message} ({words.DEMO_LABEL})",
                    status=status,
                    handled_at=(
                        sent_at + datetime.timedelta(hours=rng.randint(1, 48))
                        if status == ContactRequest.Status.HANDLED
                        else None
                    ),
                )
            )
        for request, sent_at in zip(_insert(ContactRequest, requests), sent, strict=True):
            # created_at is set on insert; a handful of updates move it to the visit.
            ContactRequest.objects.filter(pk=request.pk).update(created_at=sent_at)
        self._count("contact requests", requests)

    # Schedule ----------------------------------------------------------------------------

    def _schedule(self) -> None:
        rng = self.rng("schedule")
        edition = self.edition
        opens, closes = _minutes(edition.daily_opens_at), _minutes(edition.daily_closes_at)
        real = list(ScheduleItem.objects.filter(exhibition=edition, is_synthetic=False))
        busy: dict[tuple, list[tuple[int, int]]] = {}
        for item in real:
            busy.setdefault((item.day, _place_key(item)), []).append(
                (_minutes(item.start_time), _minutes(item.end_time))
            )
        # The whole venue attends the opening ceremony: no demo item runs alongside it.
        ceremonies = [item for item in real if item.kind == ScheduleItem.Kind.OPENING]
        agencies = [a for a in [self.host, *self.organizers] if a is not None]
        booths = [b for b in self.booths if b.status == PUBLISHED and b.section.number in (1, 2)]
        halls = _hall_programmes()
        items: list[ScheduleItem] = []
        for day_number, day in enumerate(edition.days):
            blocked = [
                (_minutes(c.start_time), _minutes(c.end_time)) for c in ceremonies if c.day == day
            ]
            day_items = []
            if day == edition.days[-1]:
                closing = (closes - 60, closes)
                busy.setdefault((day, ("hall", words.MAIN_HALL)), []).append(closing)
                day_items.append(
                    self._item(
                        rng,
                        day,
                        closing,
                        ScheduleItem.Kind.OTHER,
                        words.CLOSING_TITLE,
                        hall=words.MAIN_HALL,
                        agencies=agencies,
                    )
                )
            for hall, durations, gaps, kinds in halls:
                taken = [*busy.get((day, ("hall", hall)), []), *blocked]
                for position, slot in enumerate(_slots(rng, opens, closes, durations, gaps, taken)):
                    kind = kinds[(position + day_number) % len(kinds)]
                    title = rng.choice(words.SCHEDULE_TITLES[kind])
                    day_items.append(
                        self._item(rng, day, slot, kind, title, hall=hall, agencies=agencies)
                    )
            target = 30 + rng.randint(0, 8)
            for booth in rng.sample(booths, len(booths)):
                if len(day_items) >= target:
                    break
                taken = [*busy.get((day, ("booth", booth.pk)), []), *blocked]
                wanted = rng.randint(1, 3)
                for slot in _slots(rng, opens, closes, (30,), (30, 60, 90), taken):
                    kind, template = rng.choice(words.BOOTH_SCHEDULE_TITLES)
                    place = booth.neighborhood.name if booth.neighborhood else booth.name
                    day_items.append(
                        self._item(
                            rng,
                            day,
                            slot,
                            kind,
                            template.format(place=place),
                            booth=booth,
                            agencies=agencies,
                        )
                    )
                    wanted -= 1
                    if wanted == 0 or len(day_items) >= target:
                        break
            items.extend(day_items)
        for item in rng.sample(items, min(2, len(items))):
            item.status, item.published_at = DRAFT, None
        _insert(ScheduleItem, items)
        self._count("schedule items", items)
        self.log(f"Schedule: {len(items)} items over {len(edition.days)} days")

    def _item(self, rng, day, slot, kind, title, *, agencies, hall="", booth=None) -> ScheduleItem:
        start, end = slot
        speakers = "، ".join(
            f"{rng.choice(words.SPEAKER_TITLES)} {self._full_name(rng)}"
            for _ in range(rng.randint(1, 3) if kind in ("panel", "speech") else rng.randint(0, 1))
        )
        neighborhood = booth.neighborhood if booth is not None else None
        if booth is None and rng.random() < 0.3 and self.selected:
            neighborhood = rng.choice(self.selected)
        return ScheduleItem(
            exhibition=self.edition,
            day=day,
            start_time=_time(start),
            end_time=_time(end),
            place_kind=ScheduleItem.PlaceKind.BOOTH if booth else ScheduleItem.PlaceKind.HALL,
            hall=hall,
            booth=booth,
            kind=kind,
            title=title,
            speakers=speakers,
            description=f"«{words.DEMO_LABEL}» — برنامه ساختگی برای نمایش جدول برنامه‌ها.",
            neighborhood=neighborhood,
            agency=rng.choice(agencies) if agencies else None,
            is_synthetic=True,
            **_published(),
        )


# Small pieces ----------------------------------------------------------------------------


def _random_date(rng: random.Random, first: datetime.date, last: datetime.date) -> datetime.date:
    return first + datetime.timedelta(days=rng.randint(0, (last - first).days))


def _blur(
    rng: random.Random, value: datetime.date, year_share: float, month_share: float
) -> tuple[datetime.date, str]:
    """As memorial records often do, keep only the year or the month of some dates."""
    draw = rng.random()
    if draw >= year_share + month_share:
        return value, DatePrecision.DAY
    year, month = _jalali_parts(value)
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


def _codes(prefix: str, count: int, taken: set[str]) -> list[str]:
    codes, number = [], 1
    while len(codes) < count:
        code = f"{prefix}-{number:02d}"
        if code not in taken:
            codes.append(code)
        number += 1
    return codes


class _FloorPlan:
    """Lays booths out in rows across the hall; a section starts on a new row."""

    def __init__(self):
        self.x = PLAN_MARGIN
        self.y = PLAN_MARGIN
        self.row_depth = Decimal(0)

    def new_section(self) -> None:
        if self.row_depth:
            self.y += self.row_depth + PLAN_AISLE * 2
        self.x, self.row_depth = PLAN_MARGIN, Decimal(0)

    def place(self, width: Decimal, depth: Decimal) -> tuple[Decimal, Decimal]:
        if self.x + width > HALL_WIDTH - PLAN_MARGIN:
            self.y += self.row_depth + PLAN_AISLE
            self.x, self.row_depth = PLAN_MARGIN, Decimal(0)
        position = (self.x, self.y)
        self.x += width + PLAN_GAP
        self.row_depth = max(self.row_depth, depth)
        return position


def _hall_programmes() -> list[tuple[str, tuple, tuple, tuple]]:
    """(hall, item lengths, gaps between items, kinds in turn), in minutes."""
    Kind = ScheduleItem.Kind
    return [
        (words.HALLS[0], (45, 60), (0, 15, 15),
         (Kind.SPEECH, Kind.PANEL, Kind.BOOK_UNVEILING, Kind.OFFICIAL_VISIT)),
        (words.HALLS[1], (45, 60), (0, 15), (Kind.PANEL, Kind.SPEECH)),
        (words.HALLS[2], (30, 45), (0, 15), (Kind.PANEL, Kind.OTHER, Kind.SPEECH)),
        (words.HALLS[3], (30, 45), (0, 15), (Kind.BOOK_UNVEILING, Kind.OTHER, Kind.SPEECH)),
        (words.HALLS[4], (30,), (0, 15, 30), (Kind.PERFORMANCE,)),
    ]  # fmt: skip


def _slots(
    rng: random.Random,
    opens: int,
    closes: int,
    durations: Sequence[int],
    gaps: Sequence[int],
    taken: list[tuple[int, int]],
) -> Iterable[tuple[int, int]]:
    """Free (start, end) slots in minutes between opening and closing, recorded in `taken`."""
    start = opens + rng.choice((0, 0, 15))
    while True:
        end = start + rng.choice(durations)
        if end > closes:
            return
        clash = next((t for t in taken if t[0] < end and start < t[1]), None)
        if clash is not None:
            start = clash[1]
            continue
        taken.append((start, end))
        yield start, end
        start = end + rng.choice(gaps)


def _place_key(item: ScheduleItem) -> tuple:
    if item.place_kind == ScheduleItem.PlaceKind.BOOTH:
        return ("booth", item.booth_id)
    return ("hall", item.hall.strip())


def _minutes(value: datetime.time) -> int:
    return value.hour * 60 + value.minute


def _time(minutes: int) -> datetime.time:
    return datetime.time(minutes // 60, minutes % 60)
