"""A commitment: who takes on what for which neighborhood problem, tracked to done."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from exhibition.models import Booth, ContactRequest, Exhibition
from moqdad.persian import display_digits
from moqdad.publishing import PublicationStatus, Timestamped
from neighborhoods.models import ActionPlan, Agency, Neighborhood, Problem


class CommitmentQuerySet(models.QuerySet):
    def made(self):
        """Commitments actually taken on: agreed, in progress or done (not a bare offer, not
        dropped)."""
        return self.filter(status__in=Commitment.MADE)

    def public(self):
        """What a visitor may count: commitments made, to a published neighborhood, for no
        problem or for a published one. An offer not yet agreed is a draft; a dropped one is
        not counted."""
        published = PublicationStatus.PUBLISHED
        return self.made().filter(
            Q(problem__isnull=True) | Q(problem__status=published),
            neighborhood__status=published,
        )

    def open(self):
        return self.filter(status__in=Commitment.OPEN)


class Commitment(Timestamped):
    class Kind(models.TextChoices):
        MONEY = "money", _("Money")
        JOBS = "jobs", _("Jobs")
        SERVICE = "service", _("A service")
        EQUIPMENT = "equipment", _("Equipment")
        EXPERTISE = "expertise", _("Expertise")
        DECISION = "decision", _("An official decision")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        OFFERED = "offered", _("Offered")
        AGREED = "agreed", _("Agreed")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    class Confirmation(models.TextChoices):
        NOT_ASKED = "", _("Not asked yet")
        PENDING = "pending", _("Waiting for the manager")
        CONFIRMED = "confirmed", _("Confirmed as done")
        DISPUTED = "disputed", _("Reported as not done")

    class Source(models.TextChoices):
        CONTACT = "contact", _("A visitor's contact request")
        ORGANIZER = "organizer", _("Entered by the organizers")
        MANAGER = "manager", _("Entered by the neighborhood manager")
        AGENCY = "agency", _("Entered by a partner agency")

    MADE = (Status.AGREED, Status.IN_PROGRESS, Status.DONE)
    OPEN = (Status.OFFERED, Status.AGREED, Status.IN_PROGRESS)
    # Where a commitment may go next; dropped is possible from every open state.
    NEXT = {
        Status.OFFERED: (Status.AGREED, Status.DROPPED),
        Status.AGREED: (Status.IN_PROGRESS, Status.DONE, Status.DROPPED),
        Status.IN_PROGRESS: (Status.DONE, Status.DROPPED),
        Status.DONE: (Status.IN_PROGRESS,),
        Status.DROPPED: (Status.OFFERED,),
    }

    exhibition = models.ForeignKey(
        Exhibition,
        verbose_name=_("exhibition edition"),
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    title = models.CharField(_("what is committed"), max_length=200)
    description = models.TextField(_("details"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    amount = models.DecimalField(
        _("amount or quantity"), max_digits=16, decimal_places=0, null=True, blank=True
    )
    unit = models.CharField(
        _("unit"), max_length=40, blank=True, help_text=_("Rials, jobs, people, items, hours...")
    )
    neighborhood = models.ForeignKey(
        Neighborhood,
        verbose_name=_("neighborhood"),
        on_delete=models.PROTECT,
        related_name="commitments",
    )
    problem = models.ForeignKey(
        Problem,
        verbose_name=_("problem"),
        on_delete=models.SET_NULL,
        related_name="commitments",
        null=True,
        blank=True,
    )
    plan = models.ForeignKey(
        ActionPlan,
        verbose_name=_("action plan"),
        on_delete=models.SET_NULL,
        related_name="commitments",
        null=True,
        blank=True,
    )
    # Who: an agency where the maker speaks for one, and always a name.
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("committing agency"),
        on_delete=models.PROTECT,
        related_name="commitments",
        null=True,
        blank=True,
    )
    maker_name = models.CharField(_("made by"), max_length=120)
    maker_organization = models.CharField(_("organization"), max_length=150, blank=True)
    maker_position = models.CharField(_("position"), max_length=120, blank=True)
    maker_phone = models.CharField(_("phone (private)"), max_length=20, blank=True)
    maker_email = models.EmailField(_("e-mail (private)"), max_length=150, blank=True)
    maker_named_publicly = models.BooleanField(
        _("the maker agreed to be named publicly"), default=False
    )
    maker_wants_updates = models.BooleanField(
        _("the maker agreed to be told of changes"), default=False
    )
    # Provenance: visitor contact -> booth -> commitment -> problem.
    source = models.CharField(
        _("came from"), max_length=20, choices=Source.choices, default=Source.ORGANIZER
    )
    contact_request = models.ForeignKey(
        ContactRequest,
        verbose_name=_("contact request"),
        on_delete=models.SET_NULL,
        related_name="commitments",
        null=True,
        blank=True,
    )
    booth = models.ForeignKey(
        Booth,
        verbose_name=_("booth"),
        on_delete=models.SET_NULL,
        related_name="commitments",
        null=True,
        blank=True,
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.OFFERED, db_index=True
    )
    drop_reason = models.TextField(_("why it was dropped"), blank=True)
    progress_percent = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    due_date = models.DateField(_("due date"), null=True, blank=True, db_index=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    confirmation = models.CharField(
        _("was it done?"),
        max_length=20,
        choices=Confirmation.choices,
        default=Confirmation.NOT_ASKED,
        blank=True,
    )
    confirmation_note = models.TextField(_("the manager's note"), blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        related_name="+",
        null=True,
        blank=True,
    )
    confirmed_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    last_reminded_on = models.DateField(_("last reminded on"), null=True, blank=True)
    is_synthetic = models.BooleanField(_("synthetic demo record"), default=False)

    history = HistoricalRecords()

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress_percent__lte=100),
                name="commitment_progress_at_most_100",
                violation_error_message=_("Progress is a percentage between 0 and 100."),
            ),
            models.CheckConstraint(
                condition=~Q(status="dropped") | ~Q(drop_reason=""),
                name="commitment_dropped_has_reason",
                violation_error_message=_("Say why the commitment was dropped."),
            ),
        ]

    def __str__(self):
        return f"{display_digits(self.title)} · {self.neighborhood}"

    def clean(self):
        super().clean()
        errors = {}
        if self.status == self.Status.DROPPED and not self.drop_reason.strip():
            errors["drop_reason"] = _("Say why the commitment was dropped.")
        if self.problem_id and self.neighborhood_id:
            if self.problem.neighborhood_id != self.neighborhood_id:
                errors["problem"] = _("This problem belongs to another neighborhood.")
        if self.plan_id:
            if self.problem_id and self.plan.problem_id != self.problem_id:
                errors["plan"] = _("This action plan belongs to another problem.")
            elif self.neighborhood_id and self.plan.problem.neighborhood_id != self.neighborhood_id:
                errors["plan"] = _("This action plan belongs to another neighborhood.")
        if self.amount is not None and self.amount < 0:
            errors["amount"] = _("An amount cannot be negative.")
        if errors:
            raise ValidationError(errors)

    @property
    def maker_public_name(self) -> str:
        """What a visitor may read of who made it: the name only if they agreed."""
        if self.maker_named_publicly:
            return self.maker_name
        if self.agency_id:
            return self.agency.name
        return self.maker_organization

    @property
    def is_overdue(self) -> bool:
        from django.utils import timezone

        return (
            self.status in self.OPEN
            and self.due_date is not None
            and self.due_date < timezone.localdate()
        )


class Milestone(Timestamped):
    """A dated step of a commitment: what happened, and how far it had got."""

    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("commitment"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("what happened"), max_length=200)
    progress_percent = models.PositiveSmallIntegerField(
        _("progress then (%)"), null=True, blank=True
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["commitment", "date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress_percent__lte=100),
                name="milestone_progress_at_most_100",
                violation_error_message=_("Progress is a percentage between 0 and 100."),
            )
        ]

    def __str__(self):
        return self.title
