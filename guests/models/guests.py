"""The guest list, the invitations and the official-visit slots."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from exhibition.models import Exhibition
from guests import codes
from moqdad import jalali
from moqdad.persian import normalize_for_search, to_latin_digits
from moqdad.publishing import Timestamped
from neighborhoods.models import Agency

MAX_DELEGATION = 40


def phone_key(phone: str) -> str:
    """A phone number as digits only, the Iranian mobile prefix unified (0912…, +98912…, 98912…)."""
    digits = "".join(ch for ch in to_latin_digits(phone or "") if ch.isdigit())
    if digits.startswith("0098"):
        digits = digits[4:]
    elif digits.startswith("98") and len(digits) == 12:
        digits = digits[2:]
    if len(digits) == 10 and digits.startswith("9"):
        digits = "0" + digits
    return digits


class Guest(Timestamped):
    """A person on the guest list. Phone and e-mail are private (guests/rules.py)."""

    class Category(models.TextChoices):
        OFFICIAL = "official", _("Official")
        CLERGY = "clergy", _("Clergy")
        ACADEMIC = "academic", _("Academic")
        AGENCY_HEAD = "agency_head", _("Head of an agency")
        MEDIA = "media", _("Media")
        COUNCIL_OTHER_CITY = "council_other_city", _("Council member of another city")
        ELITE = "elite", _("Local elite")
        OTHER = "other", _("Other")

    class Language(models.TextChoices):
        PERSIAN = "fa", _("Persian")
        ENGLISH = "en", _("English")

    name = models.CharField(_("full name"), max_length=150)
    title = models.CharField(_("title or position"), max_length=200, blank=True)
    organization = models.CharField(_("organisation"), max_length=200, blank=True)
    category = models.CharField(
        _("category"), max_length=24, choices=Category.choices, default=Category.OTHER
    )
    phone = models.CharField(_("mobile phone (private)"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail (private)"), max_length=150, blank=True)
    language = models.CharField(
        _("language"), max_length=2, choices=Language.choices, default=Language.PERSIAN
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("invited by agency"),
        on_delete=models.PROTECT,
        related_name="guests",
        null=True,
        blank=True,
        help_text=_("Empty when the organizers invite the guest themselves."),
    )
    notes = models.TextField(_("notes"), blank=True)
    is_synthetic = models.BooleanField(_("synthetic demo record"), default=False)
    name_key = models.CharField(max_length=400, editable=False, default="", db_index=True)
    phone_key = models.CharField(max_length=20, editable=False, default="", db_index=True)

    history = HistoricalRecords(excluded_fields=["name_key", "phone_key"])

    class Meta:
        verbose_name = _("guest")
        verbose_name_plural = _("guests")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(name=""),
                name="guest_has_name",
                violation_error_message=_("A guest needs a name."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.title})" if self.title else self.name

    def save(self, *args, **kwargs):
        self.name_key = normalize_for_search(f"{self.name} {self.organization}")[:400]
        self.phone_key = phone_key(self.phone)
        super().save(*args, **kwargs)


class VisitSlot(Timestamped):
    """An official-visit slot the organizers offer on one day, for at most `capacity` people."""

    exhibition = models.ForeignKey(
        Exhibition, verbose_name=_("exhibition edition"), on_delete=models.CASCADE
    )
    day = models.DateField(_("day"))
    starts_at = models.TimeField(_("starts at"))
    ends_at = models.TimeField(_("ends at"))
    capacity = models.PositiveSmallIntegerField(
        _("capacity (people)"), validators=[MinValueValidator(1)]
    )
    title = models.CharField(_("title"), max_length=120, blank=True)
    is_synthetic = models.BooleanField(_("synthetic demo record"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("official-visit slot")
        verbose_name_plural = _("official-visit slots")
        ordering = ["day", "starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="visit_slot_ends_after_start",
                violation_error_message=_("A slot must end after it starts."),
            )
        ]

    def __str__(self):
        label = (
            f"{jalali.format_date(self.day, weekday=True)} "
            f"{jalali.format_time(self.starts_at)}–{jalali.format_time(self.ends_at)}"
        )
        return f"{label} · {self.title}" if self.title else label

    def clean(self):
        super().clean()
        if self.exhibition_id and self.day and self.day not in self.exhibition.days:
            raise ValidationError({"day": _("This day is not a day of the edition.")})


def _new_token() -> str:
    return codes.new_token()


def _new_short_code() -> str:
    return codes.new_short_code()


class Invitation(Timestamped):
    """An invitation of one guest (or the head of a delegation) to days of an edition."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        SUBSTITUTED = "substituted", _("Someone else comes instead")
        REVOKED = "revoked", _("Revoked")

    class AnsweredVia(models.TextChoices):
        LINK = "link", _("The invitation link")
        PHONE = "phone", _("By phone (recorded by staff)")
        STAFF = "staff", _("In person (recorded by staff)")

    exhibition = models.ForeignKey(
        Exhibition,
        verbose_name=_("exhibition edition"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    guest = models.ForeignKey(
        Guest, verbose_name=_("guest"), on_delete=models.CASCADE, related_name="invitations"
    )
    head = models.ForeignKey(
        "self",
        verbose_name=_("delegation head's invitation"),
        on_delete=models.CASCADE,
        related_name="members",
        null=True,
        blank=True,
        help_text=_("For a member of a delegation: the invitation of its head."),
    )
    substitute_for = models.OneToOneField(
        "self",
        verbose_name=_("comes instead of"),
        on_delete=models.SET_NULL,
        related_name="substitute",
        null=True,
        blank=True,
    )
    first_day = models.DateField(_("first day invited"))
    last_day = models.DateField(_("last day invited"))
    chosen_day = models.DateField(_("day the guest comes"), null=True, blank=True)
    slot = models.ForeignKey(
        VisitSlot,
        verbose_name=_("official-visit slot"),
        on_delete=models.SET_NULL,
        related_name="invitations",
        null=True,
        blank=True,
    )
    max_party_size = models.PositiveSmallIntegerField(
        _("people invited"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DELEGATION)],
        help_text=_("1 for one person; more for a delegation (its head included)."),
    )
    party_size = models.PositiveSmallIntegerField(
        _("people coming"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_DELEGATION)],
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    rsvp_deadline = models.DateTimeField(
        _("answer by"),
        null=True,
        blank=True,
        help_text=_("After this moment the guest can no longer change the answer online."),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    answered_via = models.CharField(
        _("answered through"), max_length=6, choices=AnsweredVia.choices, blank=True
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answer recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    token = models.CharField(max_length=40, unique=True, editable=False, default=_new_token)
    short_code = models.CharField(
        _("short code"), max_length=12, unique=True, editable=False, default=_new_short_code
    )
    is_synthetic = models.BooleanField(_("synthetic demo record"), default=False)

    history = HistoricalRecords(excluded_fields=["token"])

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["exhibition", "guest__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["exhibition", "guest"],
                name="one_invitation_per_guest_and_edition",
                violation_error_message=_("This guest already has an invitation to this edition."),
            ),
            models.CheckConstraint(
                condition=models.Q(last_day__gte=models.F("first_day")),
                name="invitation_days_in_order",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
            models.CheckConstraint(
                condition=models.Q(party_size__lte=models.F("max_party_size")),
                name="invitation_party_within_invited",
                violation_error_message=_("More people are coming than were invited."),
            ),
        ]

    def __str__(self):
        return str(self.guest)

    def clean(self):
        super().clean()
        errors = {}
        if self.exhibition_id and self.first_day and self.last_day:
            days = self.exhibition.days
            if self.first_day not in days or self.last_day not in days:
                errors["first_day"] = _("The invited days must be days of the edition.")
            if self.chosen_day and not self.first_day <= self.chosen_day <= self.last_day:
                errors["chosen_day"] = _("The guest can only come on a day they are invited to.")
        if self.slot_id and self.chosen_day and self.slot.day != self.chosen_day:
            errors["slot"] = _("This slot is on another day.")
        if self.head_id and self.head_id == self.pk:
            errors["head"] = _("An invitation cannot be its own delegation head.")
        if errors:
            raise ValidationError(errors)

    @property
    def days(self) -> list[datetime.date]:
        count = (self.last_day - self.first_day).days + 1
        return [self.first_day + datetime.timedelta(days=i) for i in range(count)]

    @property
    def is_open_for_answers(self) -> bool:
        return self.rsvp_deadline is None or timezone.now() < self.rsvp_deadline

    @property
    def is_expired(self) -> bool:
        """The edition is over: the link answers as an unknown one."""
        return timezone.localdate() > self.exhibition.end_date

    @property
    def display_short_code(self) -> str:
        return codes.display_short_code(self.short_code)

    def expected_days(self) -> list[datetime.date]:
        """The days the guest may be checked in on: the chosen day, else every invited day."""
        return [self.chosen_day] if self.chosen_day else self.days
