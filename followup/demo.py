"""The follow-up's part of the demo data (exhibition.demo.loader.register_demo_part): the
commitments visitors and agencies made at the selected neighborhoods' booths, in every state of
their lifecycle and linked to the neighborhoods' real demo problems, with milestones; the
attendance the organizers counted; and the five bodies' flags of later years for the selection
tool. Every row is synthetic and says so («داده نمایشی»)."""

import datetime
import random

from django.utils import timezone

from exhibition.demo import vocabulary as words
from exhibition.demo.common import DemoSet, delete_with_history, fa, insert
from exhibition.models import Booth, ContactRequest
from followup.models import AttendanceCount, Commitment, Milestone
from neighborhoods.models import ActionPlan, Agency, Problem, VulnerabilityFlag

Status, Kind, Confirmation, Source = (
    Commitment.Status,
    Commitment.Kind,
    Commitment.Confirmation,
    Commitment.Source,
)
# What is committed, by kind: (title, unit, smallest and largest amount, step).
OFFERS = {
    Kind.MONEY: [
        ("کمک مالی برای {problem}", "میلیون ریال", 50, 2000, 50),
        ("تأمین بخشی از هزینه {problem}", "میلیون ریال", 100, 5000, 100),
    ],
    Kind.JOBS: [
        ("اشتغال جوانان محله در طرح {org}", "شغل", 2, 30, 1),
        ("راه‌اندازی کارگاه مشاغل خانگی", "شغل", 5, 40, 1),
    ],
    Kind.SERVICE: [
        ("ارائه خدمات مشاوره رایگان به خانواده‌ها", "جلسه", 10, 120, 10),
        ("برگزاری اردوی جهادی در محله", "روز", 3, 20, 1),
    ],
    Kind.EQUIPMENT: [
        ("اهدای تجهیزات به خانه سبز محله", "قلم", 5, 60, 5),
        ("تجهیز پایگاه محله", "قلم", 3, 25, 1),
    ],
    Kind.EXPERTISE: [
        ("آموزش مهارت‌های فنی به جوانان", "ساعت", 20, 200, 10),
        ("مشاوره حقوقی برای حل {problem}", "ساعت", 10, 80, 10),
    ],
    Kind.DECISION: [
        ("پیگیری مصوبه برای حل {problem}", "", None, None, None),
        ("تخصیص ردیف اعتباری در بودجه سال بعد", "", None, None, None),
    ],
}
# How many commitments of each state, in turn: every state appears, most are under way.
STATE_CYCLE = [
    (Status.IN_PROGRESS, Confirmation.NOT_ASKED),
    (Status.DONE, Confirmation.CONFIRMED),
    (Status.AGREED, Confirmation.NOT_ASKED),
    (Status.OFFERED, Confirmation.NOT_ASKED),
    (Status.IN_PROGRESS, Confirmation.NOT_ASKED),
    (Status.DONE, Confirmation.PENDING),
    (Status.DROPPED, Confirmation.NOT_ASKED),
    (Status.IN_PROGRESS, Confirmation.NOT_ASKED),
    (Status.DONE, Confirmation.CONFIRMED),
    (Status.IN_PROGRESS, Confirmation.DISPUTED),
]
DROP_REASONS = (
    "اعتبار پیش‌بینی‌شده در بودجه دستگاه تصویب نشد.",
    "با تغییر مدیر دستگاه، پیگیری متوقف شد.",
    "محله راه دیگری برای حل مسئله پیدا کرد.",
)
MILESTONES = (
    "جلسه هماهنگی با شورای محله",
    "بازدید میدانی از محله",
    "تأمین اعتبار و تصویب در دستگاه",
    "آغاز اجرا در محله",
    "گزارش پیشرفت به مدیر محله",
)


def add_commitments(demo: DemoSet) -> None:
    rng = demo.rng("commitments")
    edition = demo.edition
    partners = list(Agency.objects.exclude(kind=Agency.Kind.SELECTING_BODY).order_by("name"))
    booths = {
        booth.neighborhood_id: booth
        for booth in Booth.objects.filter(is_synthetic=True, neighborhood__isnull=False)
    }
    requests = list(
        ContactRequest.objects.filter(booth__is_synthetic=True, booth__neighborhood__isnull=False)
        .exclude(status=ContactRequest.Status.SPAM)
        .select_related("booth")
        .order_by("pk")
    )
    problems = {}
    for problem in Problem.objects.filter(neighborhood__in=demo.selected).order_by("pk"):
        problems.setdefault(problem.neighborhood_id, []).append(problem)
    plans = {}
    for plan in ActionPlan.objects.filter(problem__neighborhood__in=demo.selected).order_by("pk"):
        plans.setdefault(plan.problem_id, []).append(plan)
    after = edition.end_date
    today = timezone.localdate()
    commitments, milestone_lists = [], []
    position = 0
    for neighborhood in demo.selected:
        for problem in rng.sample(
            problems.get(neighborhood.pk, []), min(3, len(problems.get(neighborhood.pk, [])))
        ):
            request = requests.pop(0) if requests and rng.random() < 0.5 else None
            if request is not None and request.booth.neighborhood_id != neighborhood.pk:
                requests.append(request)
                request = None
            status, confirmation = STATE_CYCLE[position % len(STATE_CYCLE)]
            position += 1
            commitment = _commitment(
                demo,
                rng,
                neighborhood=neighborhood,
                problem=problem,
                plan=rng.choice(plans[problem.pk]) if plans.get(problem.pk) else None,
                request=request,
                booth=booths.get(neighborhood.pk),
                partner=rng.choice(partners) if partners and rng.random() < 0.6 else None,
                status=status,
                confirmation=confirmation,
            )
            commitment.exhibition = edition
            commitment.due_date = (
                today + datetime.timedelta(days=rng.randint(1, 6))
                if status in Commitment.OPEN and rng.random() < 0.15
                else after + datetime.timedelta(days=rng.randrange(30, 400, 7))
            )
            if status == Status.DONE:
                commitment.done_on = after + datetime.timedelta(days=rng.randrange(20, 300))
            commitments.append(commitment)
            milestone_lists.append(_milestones(rng, commitment, after))
    commitments = insert(Commitment, commitments)
    milestones = []
    for commitment, steps in zip(commitments, milestone_lists, strict=True):
        for step in steps:
            step.commitment = commitment
            milestones.append(step)
    insert(Milestone, milestones)
    demo.count("commitments", commitments)
    demo.count("milestones", milestones)
    _add_attendance(demo, rng)
    _add_later_flags(demo)


def _commitment(demo, rng, *, neighborhood, problem, plan, request, booth, partner, status,
                confirmation) -> Commitment:  # fmt: skip
    kind = rng.choice(list(OFFERS))
    template, unit, low, high, step = rng.choice(OFFERS[kind])
    if request is not None:
        name, organization, position = request.name, request.organization, request.position
        phone, email, source = request.phone, request.email, Source.CONTACT
        booth = request.booth
    else:
        name = demo.full_name(rng, female=rng.random() < 0.25)
        organization = partner.name if partner else rng.choice(words.ORGANIZATIONS)
        position = rng.choice(words.POSITIONS)
        phone = f"{rng.choice(words.MOBILE_PREFIXES)}{rng.randrange(10**7):07d}"
        email, source = "", rng.choice([Source.ORGANIZER, Source.MANAGER, Source.AGENCY])
    progress = {
        Status.OFFERED: 0,
        Status.AGREED: 0,
        Status.DONE: 100,
        Status.DROPPED: rng.randrange(0, 40, 10),
    }.get(status, rng.randrange(10, 95, 5))
    return Commitment(
        title=template.format(problem=problem.title, org=organization)[:200],
        description=f"«{words.DEMO_LABEL}» — تعهدی که در نمایشگاه برای این مسئله داده شد.",
        kind=kind,
        amount=rng.randrange(low, high + 1, step) if low is not None else None,
        unit=unit,
        neighborhood=neighborhood,
        problem=problem,
        plan=plan,
        agency=partner if source == Source.AGENCY or (partner and request is None) else None,
        maker_name=name,
        maker_organization=organization,
        maker_position=position,
        maker_phone=phone,
        maker_email=email,
        maker_named_publicly=rng.random() < 0.4,
        maker_wants_updates=rng.random() < 0.7,
        source=source,
        contact_request=request,
        booth=booth,
        status=status,
        drop_reason=rng.choice(DROP_REASONS) if status == Status.DROPPED else "",
        progress_percent=progress,
        confirmation=confirmation,
        confirmation_note=(
            "بازدید شد؛ کار هنوز نیمه‌تمام است." if confirmation == Confirmation.DISPUTED else ""
        ),
        confirmed_at=(
            timezone.now()
            if confirmation in (Confirmation.CONFIRMED, Confirmation.DISPUTED)
            else None
        ),
        is_synthetic=True,
    )


def _milestones(rng: random.Random, commitment: Commitment, after: datetime.date) -> list:
    if commitment.status in (Status.OFFERED, Status.AGREED):
        return []
    count = rng.randint(1, 3) if commitment.status != Status.DROPPED else 1
    day = after
    steps = []
    for index in range(count):
        day += datetime.timedelta(days=rng.randint(10, 60))
        share = round(commitment.progress_percent * (index + 1) / count)
        steps.append(
            Milestone(
                date=day, title=f"{MILESTONES[index % len(MILESTONES)]}", progress_percent=share
            )
        )
    return steps


def _add_attendance(demo: DemoSet, rng: random.Random) -> None:
    """What the organizers counted at the door, in three slots a day."""
    counts = []
    for number, day in enumerate(demo.edition.days):
        opens, closes = demo.edition.hours_on(day)
        start = datetime.datetime.combine(day, opens)
        end = datetime.datetime.combine(day, closes)
        slot = (end - start) / 3
        for index in range(3):
            counts.append(
                AttendanceCount(
                    exhibition=demo.edition,
                    day=day,
                    starts_at=(start + slot * index).time().replace(second=0, microsecond=0),
                    ends_at=(start + slot * (index + 1)).time().replace(second=0, microsecond=0),
                    visitors=rng.randrange(60, 420, 5) + number * 20,
                    delegations=rng.randint(0, 4),
                    official_visits=rng.randint(0, 3),
                    note=f"{words.DEMO_LABEL}: شمارش ستاد در ورودی",
                    is_synthetic=True,
                )
            )
    insert(AttendanceCount, counts)
    demo.count("attendance counts", counts)


def _add_later_flags(demo: DemoSet) -> None:
    """The bodies' flags of the later reviews (1399, during COVID-19, and 1400, after it): the
    earlier neighborhoods are flagged by more bodies, as the programme chose them first."""
    rng = demo.rng("later flags")
    flags = []
    for neighborhood in demo.neighborhoods:
        phase = neighborhood.phase.number if neighborhood.phase else 3
        chance = {1: 0.8, 2: 0.6, 3: 0.3}[phase]
        for year in (1399, 1400):
            for body in demo.selecting_bodies:
                flags.append(
                    VulnerabilityFlag(
                        neighborhood=neighborhood,
                        agency=body,
                        is_flagged=rng.random() < chance + (0.05 if year == 1399 else 0),
                        year=year,
                        note=f"{words.DEMO_LABEL}: بازبینی {fa(year)}",
                    )
                )
    insert(VulnerabilityFlag, flags)
    demo.count("vulnerability flags", flags)


def delete_commitments() -> None:
    delete_with_history(Commitment.objects.filter(is_synthetic=True))
    delete_with_history(AttendanceCount.objects.filter(is_synthetic=True))
