"""Neighborhoods of Qom, their councils, profiles, problems, initiatives and identity elements.

This app imports neither `martyrs` nor `exhibition`: they build on it.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from moqdad.images import SafeImageField
from moqdad.jalali import lazy_digits
from moqdad.persian import display_digits, normalize_for_search
from moqdad.publishing import Publishable, Timestamped, public_queryset

COUNCIL_MIN_MEMBERS = 6
COUNCIL_MAX_MEMBERS = 40


class Agency(Timestamped):
    """An organization: an organizer, a partner, the host, or one of the five selecting bodies."""

    class Kind(models.TextChoices):
        ORGANIZER = "organizer", _("Organizing partner")
        HOST = "host", _("Host")
        SELECTING_BODY = "selecting_body", _("Selecting body")
        OTHER = "other", _("Other agency")

    name = models.CharField(_("name"), max_length=200, unique=True)
    short_name = models.CharField(_("short name"), max_length=60, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ProgrammePhase(models.Model):
    """A step in the growth of neighborhood-centred work: 15, then 60, then 116 neighborhoods."""

    number = models.PositiveSmallIntegerField(_("phase number"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    neighborhood_count = models.PositiveIntegerField(_("number of neighborhoods"))
    start_year = models.PositiveSmallIntegerField(
        _("start year (Jalali)"),
        null=True,
        blank=True,
        help_text=_("Leave empty when the source does not give the year."),
    )
    end_year = models.PositiveSmallIntegerField(_("end year (Jalali)"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("programme phase")
        verbose_name_plural = _("programme phases")
        ordering = ["number"]

    def __str__(self):
        return self.title


class Neighborhood(Publishable, Timestamped):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=140, unique=True, allow_unicode=True)
    district = models.PositiveSmallIntegerField(
        _("municipal district"), null=True, blank=True, db_index=True
    )
    phase = models.ForeignKey(
        ProgrammePhase,
        verbose_name=_("joined in phase"),
        on_delete=models.PROTECT,
        related_name="neighborhoods",
        null=True,
        blank=True,
    )
    is_selected = models.BooleanField(
        _("selected for the exhibition"), default=False, db_index=True
    )
    is_synthetic = models.BooleanField(
        _("synthetic demo record"),
        default=False,
        help_text=_("Made up by the demo data command; not a real neighborhood."),
    )
    manager_name = models.CharField(_("manager's name"), max_length=120, blank=True)
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("manager accounts"),
        related_name="managed_neighborhoods",
        blank=True,
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    households = models.PositiveIntegerField(_("households"), null=True, blank=True)
    photo = SafeImageField(_("photo"), upload_to="neighborhoods/", blank=True)
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords(excluded_fields=["search_text"])

    class Meta:
        verbose_name = _("neighborhood")
        verbose_name_plural = _("neighborhoods")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = normalize_for_search(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("neighborhoods:detail", kwargs={"slug": self.slug})


class ProfileIndicatorQuerySet(public_queryset("neighborhood", own_status=False)):
    def public(self):
        # Social-harm figures are never public (moqdad.rules keeps them to their readers).
        return super().public().exclude(kind="social_harm")


class ProfileIndicator(Timestamped):
    """One figure of a neighborhood's profile (شناسنامه) for one Jalali year.

    Social-harm figures are sensitive: they never reach a public page or export.
    """

    class Kind(models.TextChoices):
        EDUCATION = "education", _("Education")
        EMPLOYMENT = "employment", _("Employment")
        SOCIAL_HARM = "social_harm", _("Social harm")
        DEMOGRAPHY = "demography", _("Demography")
        OTHER = "other", _("Other")

    neighborhood = models.ForeignKey(
        Neighborhood,
        verbose_name=_("neighborhood"),
        on_delete=models.CASCADE,
        related_name="indicators",
    )
    year = models.PositiveSmallIntegerField(_("year (Jalali)"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("indicator"), max_length=150)
    value = models.DecimalField(_("value"), max_digits=12, decimal_places=2)
    unit = models.CharField(pgettext_lazy("measure", "unit"), max_length=30, blank=True)

    history = HistoricalRecords()

    objects = ProfileIndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("profile indicator")
        verbose_name_plural = _("profile indicators")
        ordering = ["neighborhood", "-year", "kind", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["neighborhood", "year", "kind", "title"],
                name="indicator_unique_per_year",
                violation_error_message=_("This indicator is already recorded for that year."),
            )
        ]

    def __str__(self):
        return f"{self.title} ({display_digits(self.year)})"

    @property
    def is_sensitive(self) -> bool:
        return self.kind == self.Kind.SOCIAL_HARM


class VulnerabilityFlag(Timestamped):
    """Whether one of the five selecting bodies marked a neighborhood as vulnerable. Sensitive."""

    neighborhood = models.ForeignKey(
        Neighborhood,
        verbose_name=_("neighborhood"),
        on_delete=models.CASCADE,
        related_name="vulnerability_flags",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("selecting body"),
        on_delete=models.PROTECT,
        related_name="vulnerability_flags",
        limit_choices_to={"kind": Agency.Kind.SELECTING_BODY},
    )
    is_flagged = models.BooleanField(_("flagged as vulnerable"), default=True)
    year = models.PositiveSmallIntegerField(_("year (Jalali)"))
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("vulnerability flag")
        verbose_name_plural = _("vulnerability flags")
        ordering = ["neighborhood", "agency"]
        constraints = [
            models.UniqueConstraint(
                fields=["neighborhood", "agency", "year"],
                name="flag_unique_per_body_year",
                violation_error_message=_(
                    "This body has already flagged this neighborhood that year."
                ),
            )
        ]

    def __str__(self):
        return f"{self.neighborhood} / {self.agency}"


class Council(Publishable, Timestamped):
    neighborhood = models.OneToOneField(
        Neighborhood,
        verbose_name=_("neighborhood"),
        on_delete=models.CASCADE,
        related_name="council",
    )
    formed_on = models.DateField(_("formed on"), null=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    objects = public_queryset("neighborhood").as_manager()

    class Meta:
        verbose_name = _("council")
        verbose_name_plural = _("councils")
        ordering = ["neighborhood__name"]

    def __str__(self):
        return str(_("Council of %(name)s") % {"name": self.neighborhood})


class CouncilMember(Timestamped):
    class Role(models.TextChoices):
        IMAM = "imam", _("Congregation imam")
        CLERIC = "cleric", _("Cleric")
        TEACHER = "teacher", _("Teacher")
        STUDENT = "student", _("University student")
        ELITE = "elite", _("Local elite")
        ACTIVIST = "activist", _("Social activist")
        BASIJ = "basij", _("Basij member")
        WOMEN = "women", _("Women's representative")
        YOUTH = "youth", _("Youth representative")
        OTHER = "other", _("Other")

    council = models.ForeignKey(
        Council, verbose_name=_("council"), on_delete=models.CASCADE, related_name="members"
    )
    full_name = models.CharField(_("full name"), max_length=120)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    is_chair = models.BooleanField(_("chair"), default=False)
    publish_name = models.BooleanField(
        _("show name publicly"),
        default=False,
        help_text=_("Only the name and role are ever shown; never the phone or address."),
    )
    phone = models.CharField(_("phone (private)"), max_length=20, blank=True)
    address = models.CharField(_("address (private)"), max_length=300, blank=True)

    history = HistoricalRecords()

    objects = public_queryset("council", "council__neighborhood", own_status=False).as_manager()

    class Meta:
        verbose_name = _("council member")
        verbose_name_plural = _("council members")
        ordering = ["council", "-is_chair", "role", "full_name"]

    def __str__(self):
        return self.full_name


def validate_council_size(count: int) -> None:
    if count < COUNCIL_MIN_MEMBERS or count > COUNCIL_MAX_MEMBERS:
        raise ValidationError(
            _(
                "A neighborhood council has between %(min)s and %(max)s members; "
                "this one would have %(count)s."
            ),
            code="council_size",
            params={
                "min": lazy_digits(COUNCIL_MIN_MEMBERS),
                "max": lazy_digits(COUNCIL_MAX_MEMBERS),
                "count": lazy_digits(count),
            },
        )


class Problem(Publishable, Timestamped):
    """One entry of «نظام مسائل محلات»: a problem of a neighborhood, sorted into a category."""

    class Category(models.TextChoices):
        SOCIAL = "social", _("Social")
        CULTURAL = "cultural", _("Cultural and religious")
        ECONOMIC = "economic", _("Economic and employment")
        EDUCATION = "education", _("Education")
        HEALTH = "health", _("Health")
        FAMILY = "family", _("Family")
        URBAN = "urban", _("Urban services and environment")
        SECURITY = "security", _("Public safety")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        IDENTIFIED = "identified", _("Identified")
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        SOLVED = "solved", _("Solved")

    neighborhood = models.ForeignKey(
        Neighborhood,
        verbose_name=_("neighborhood"),
        on_delete=models.CASCADE,
        related_name="problems",
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    progress = models.CharField(
        _("progress"), max_length=20, choices=Status.choices, default=Status.IDENTIFIED
    )

    history = HistoricalRecords()

    objects = public_queryset("neighborhood").as_manager()

    class Meta:
        verbose_name = _("problem")
        verbose_name_plural = _("problems")
        ordering = ["neighborhood", "category", "title"]

    def __str__(self):
        return self.title


class ActionPlan(Timestamped):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        STOPPED = "stopped", _("Stopped")

    problem = models.ForeignKey(
        Problem, verbose_name=_("problem"), on_delete=models.CASCADE, related_name="plans"
    )
    title = models.CharField(_("action"), max_length=200)
    responsible = models.CharField(_("responsible"), max_length=150, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    progress_percent = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    due_date = models.DateField(_("due date"), null=True, blank=True)

    history = HistoricalRecords()

    objects = public_queryset("problem", "problem__neighborhood", own_status=False).as_manager()

    class Meta:
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        ordering = ["problem", "due_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress_percent__lte=100),
                name="plan_progress_at_most_100",
                violation_error_message=_("Progress is a percentage between 0 and 100."),
            )
        ]

    def __str__(self):
        return self.title


class Initiative(Publishable, Timestamped):
    """A workshop or service centre a neighborhood set up from its profile."""

    class Kind(models.TextChoices):
        JOB_CREATION = "job_creation", _("Job creation")
        COUNSELLING = "counselling", _("Counselling office")
        GREEN_HOUSE = "green_house", _("Green house")
        TRUST_HOUSE = "trust_house", _("Trust house")
        JIHADI = "jihadi", _("Link with jihadi groups")
        DIVORCE_PREVENTION = "divorce_prevention", _("Divorce prevention")
        OTHER = "other", _("Other")

    class Progress(models.TextChoices):
        IDENTIFIED = "identified", _("Identified")
        ACTIVE = "active", _("Active")
        COMPLETED = "completed", _("Completed")
        SUSPENDED = "suspended", _("Suspended")

    neighborhood = models.ForeignKey(
        Neighborhood,
        verbose_name=_("neighborhood"),
        on_delete=models.CASCADE,
        related_name="initiatives",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    progress = models.CharField(
        _("progress"), max_length=20, choices=Progress.choices, default=Progress.IDENTIFIED
    )
    started_on = models.DateField(_("started on"), null=True, blank=True)
    beneficiaries = models.PositiveIntegerField(_("beneficiaries"), null=True, blank=True)
    follow_up = models.TextField(_("follow-up notes"), blank=True)

    history = HistoricalRecords()

    objects = public_queryset("neighborhood").as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["neighborhood", "kind", "title"]

    def __str__(self):
        return self.title


class IdentityElement(Publishable, Timestamped):
    """Something that gives a neighborhood its identity: an elite, a shrine, a teacher, a place."""

    class Kind(models.TextChoices):
        ELITE = "elite", _("Elite")
        IMAMZADEH = "imamzadeh", _("Imamzadeh (shrine)")
        TEACHER = "teacher", _("Teacher or professor")
        MARTYR = "martyr", _("Martyr")
        VETERAN = "veteran", _("Veteran")
        PLACE = "place", _("Historic place")
        OTHER = "other", _("Other")

    neighborhood = models.ForeignKey(
        Neighborhood,
        verbose_name=_("neighborhood"),
        on_delete=models.CASCADE,
        related_name="identity_elements",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    photo = SafeImageField(_("photo"), upload_to="identity/", blank=True)

    history = HistoricalRecords()

    objects = public_queryset("neighborhood").as_manager()

    class Meta:
        verbose_name = _("identity element")
        verbose_name_plural = _("identity elements")
        ordering = ["neighborhood", "kind", "title"]

    def __str__(self):
        return self.title


class StaffProfile(models.Model):
    """What a staff account is responsible for: its agency (agency staff).

    Neighborhood managers are linked through `Neighborhood.managers`, booth holders through
    `exhibition.BoothHolder.user`; the role itself is the account's group.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="staff_profile",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("agency"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="staff",
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("staff profile")
        verbose_name_plural = _("staff profiles")

    def __str__(self):
        return str(self.user)
