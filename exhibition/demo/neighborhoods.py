"""The neighborhoods' part of the demo data: neighborhoods, councils, profiles, problems,
initiatives and identity elements."""

import datetime
import random
from decimal import Decimal

from django.utils.text import slugify

from exhibition.demo import vocabulary as words
from exhibition.demo.common import (
    REAL_PHASES,
    REAL_SELECTED,
    REAL_TOTAL,
    DemoSet,
    fa,
    insert,
    jalali,
    published,
    scaled,
)
from moqdad.persian import normalize_for_search
from neighborhoods.models import (
    COUNCIL_MAX_MEMBERS,
    COUNCIL_MIN_MEMBERS,
    ActionPlan,
    Council,
    CouncilMember,
    IdentityElement,
    Initiative,
    Neighborhood,
    Problem,
    ProfileIndicator,
    VulnerabilityFlag,
)


def _neighborhood_names(rng: random.Random, count: int) -> list[str]:
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


def add_neighborhoods(demo: DemoSet) -> None:
    rng = demo.rng("neighborhoods")
    count = demo.scale.neighborhoods
    first_phase = scaled(count, REAL_PHASES[0], REAL_TOTAL)
    second_phase = scaled(count, REAL_PHASES[1], REAL_TOTAL)
    selected_count = scaled(count, REAL_SELECTED, REAL_TOTAL)
    names = _neighborhood_names(rng, count)
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
        manager = demo.full_name(rng, female=rng.random() < 0.2)
        neighborhoods.append(
            Neighborhood(
                name=name,
                slug=slug,
                district=district,
                phase=demo.phases[phase_number],
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
                **published(index in drafts),
            )
        )
    demo.neighborhoods = insert(Neighborhood, neighborhoods)
    demo.selected = [n for n in demo.neighborhoods if n.is_selected]
    demo.first_phase = demo.neighborhoods[:first_phase]
    demo.count("neighborhoods", neighborhoods)
    demo.log(f"Neighborhoods: {count} ({len(demo.selected)} selected)")


def add_councils(demo: DemoSet) -> None:
    rng = demo.rng("councils")
    roles = [role for role, _ in words.COUNCIL_ROLE_WEIGHTS]
    weights = [weight for _, weight in words.COUNCIL_ROLE_WEIGHTS]
    councils, member_lists = [], []
    for index, neighborhood in enumerate(demo.neighborhoods):
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
                formed_on=jalali(rng.randint(1397, 1400), rng.randint(1, 12), rng.randint(1, 29)),
                description=(
                    f"«{words.DEMO_LABEL}» — شورای {neighborhood.name} با امام جماعت، "
                    "معلمان، دانشجویان و نخبگان محل."
                ),
                **published(),
            )
        )
        chair = rng.randrange(min(size, 3))
        members = []
        for position in range(size):
            role = "imam" if position == 0 else rng.choices(roles, weights)[0]
            female = role == "women" or (role not in ("imam", "cleric") and rng.random() < 0.25)
            name = demo.full_name(rng, female=female)
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
    councils = insert(Council, councils)
    members = []
    for council, council_members in zip(councils, member_lists, strict=True):
        for member in council_members:
            member.council = council
            members.append(member)
    insert(CouncilMember, members)
    demo.count("councils", councils)
    demo.count("council members", members)


def add_profiles(demo: DemoSet) -> None:
    rng = demo.rng("profiles")
    indicators = []
    for neighborhood in demo.neighborhoods:
        for kind, rows in words.INDICATORS.items():
            for title, unit, low, high, change in rows:
                value = rng.uniform(low, high)
                for year in (1400, 1401):
                    if year == 1401:
                        value = max(0.0, value * (1 + change + rng.uniform(-0.03, 0.03)))
                    if unit == "درصد":
                        value = min(value, 100.0)
                    shown = (
                        round(value, 1) if unit == "درصد" or kind == "demography" else round(value)
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
    insert(ProfileIndicator, indicators)
    demo.count("profile indicators", indicators)
    flags = [
        VulnerabilityFlag(
            neighborhood=neighborhood,
            agency=body,
            is_flagged=rng.random() < 0.85,
            year=1396,
            note=f"{words.DEMO_LABEL}: اشتراک آماری پنج دستگاه",
        )
        for neighborhood in demo.first_phase
        for body in demo.selecting_bodies
    ]
    insert(VulnerabilityFlag, flags)
    demo.count("vulnerability flags", flags)


def add_problems(demo: DemoSet) -> None:
    rng = demo.rng("problems")
    every = [(category, title) for category, titles in words.PROBLEMS.items() for title in titles]
    one_per_category = [(category, titles[0]) for category, titles in words.PROBLEMS.items()]
    statuses = list(Problem.Status)
    problems, plan_lists = [], []
    for index, neighborhood in enumerate(demo.neighborhoods):
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
                    **published(rng.random() < 0.02),
                )
            )
            plan_lists.append(_plans(demo, rng, progress, neighborhood))
    problems = insert(Problem, problems)
    plans = []
    for problem, problem_plans in zip(problems, plan_lists, strict=True):
        for plan in problem_plans:
            plan.problem = problem
            plans.append(plan)
    insert(ActionPlan, plans)
    demo.count("problems", problems)
    demo.count("action plans", plans)


def _plans(demo: DemoSet, rng: random.Random, progress: str, neighborhood: Neighborhood) -> list:
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
                due_date=jalali(rng.choice((1401, 1402)), rng.randint(1, 12), rng.randint(1, 29)),
            )
        )
    return plans


def add_initiatives_and_identity(demo: DemoSet) -> None:
    rng = demo.rng("initiatives")
    initiative_kinds = list(words.INITIATIVES)
    progresses = list(Initiative.Progress)
    initiatives = []
    first_start = jalali(1397)
    start_span = (demo.edition.start_date - first_start).days
    for index, neighborhood in enumerate(demo.neighborhoods):
        kinds = initiative_kinds if index == 0 else rng.sample(initiative_kinds, rng.randint(2, 5))
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
                    # Started in the programme's years, before the exhibition opened.
                    started_on=(
                        first_start + datetime.timedelta(days=rng.randrange(start_span))
                        if started
                        else None
                    ),
                    beneficiaries=rng.randrange(10, 400) if started else None,
                    follow_up=(
                        f"{words.DEMO_LABEL}: پیگیری ماهانه در جلسه شورای محله."
                        if rng.random() < 0.5
                        else ""
                    ),
                    **published(rng.random() < 0.02),
                )
            )
    insert(Initiative, initiatives)
    demo.count("initiatives", initiatives)

    rng = demo.rng("identity")
    identity_kinds = list(words.IDENTITY_ELEMENTS)
    elements = []
    for index, neighborhood in enumerate(demo.neighborhoods):
        kinds = identity_kinds if index == 0 else rng.sample(identity_kinds, rng.randint(2, 5))
        for kind in kinds:
            first, last = demo.person(rng)
            title = rng.choice(words.IDENTITY_ELEMENTS[kind]).format(
                name=f"{first} {last}", first=first
            )
            elements.append(
                IdentityElement(
                    neighborhood=neighborhood,
                    kind=kind,
                    title=title,
                    description=f"«{words.DEMO_LABEL}» — از عناصر هویت‌ساز {neighborhood.name}.",
                    **published(rng.random() < 0.02),
                )
            )
    insert(IdentityElement, elements)
    demo.count("identity elements", elements)
