"""The exhibition itself: editions, sections, booths, the floor plan, the schedule, visitors.

The schedule (halls and items) lives in `schedule.py`; everything is imported from here.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from exhibition.models.schedule import Hall as Hall
from exhibition.models.schedule import ScheduleItem as ScheduleItem
from moqdad.images import SafeImageField
from moqdad.persian import display_digits, in_active_language, normalize_for_search
from moqdad.publishing import Publishable, PublishableQuerySet, Timestamped, public_queryset
from neighborhoods.models import Agency, Neighborhood


class ExhibitionQuerySet(PublishableQuerySet):
    def current(self):
        """The edition the public site shows: the published one marked current (one at most)."""
        return self.public().filter(is_current=True).first()


class Exhibition(Publishable, Timestamped):
    """One edition of the Meqdad exhibition."""

    slug = models.SlugField(_("slug"), max_length=40, unique=True)
    title = models.CharField(_("title"), max_length=120)
    title_en = models.CharField(_("title in English"), max_length=120, blank=True)
    full_title = models.CharField(_("full title"), max_length=250)
    full_title_en = models.CharField(_("full title in English"), max_length=250, blank=True)
    jalali_year = models.PositiveSmallIntegerField(_("year (Jalali)"), unique=True)
    start_date = models.DateField(_("first day"))
    end_date = models.DateField(_("last day"))
    daily_opens_at = models.TimeField(_("opens daily at"))
    daily_closes_at = models.TimeField(_("closes daily at"))
    first_day_opens_at = models.TimeField(
        _("first day opens at"),
        null=True,
        blank=True,
        help_text=_(
            "When the first day opens to visitors, if not at the daily opening time; it closes "
            "at the daily closing time."
        ),
    )
    opening_ceremony_at = models.DateTimeField(_("opening ceremony at"), null=True, blank=True)
    venue = models.CharField(_("venue"), max_length=250)
    venue_en = models.CharField(_("venue in English"), max_length=250, blank=True)
    description = models.TextField(_("description"), blank=True)
    umbrella_programme = models.CharField(_("held under"), max_length=250, blank=True)
    announced_selected_neighborhoods = models.PositiveSmallIntegerField(
        _("selected neighborhoods (announced)"),
        null=True,
        blank=True,
        help_text=_("How many neighborhoods the announcement says the edition shows."),
    )
    is_current = models.BooleanField(
        _("current edition"), default=False, help_text=_("The edition the public site shows.")
    )
    partners = models.ManyToManyField(
        Agency, through="Partnership", verbose_name=_("partners"), related_name="exhibitions"
    )

    history = HistoricalRecords()

    objects = ExhibitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("exhibition edition")
        verbose_name_plural = _("exhibition editions")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")),
                name="exhibition_ends_after_start",
                violation_error_message=_("The last day cannot be before the first day."),
            ),
            models.CheckConstraint(
                condition=models.Q(daily_closes_at__gt=models.F("daily_opens_at")),
                name="exhibition_closes_after_opening",
                violation_error_message=_("The daily closing time must be after the opening time."),
            ),
            models.CheckConstraint(
                condition=models.Q(first_day_opens_at__isnull=True)
                | models.Q(first_day_opens_at__lt=models.F("daily_closes_at")),
                name="exhibition_first_day_opens_before_closing",
                violation_error_message=_("The first day must open before the daily closing time."),
            ),
            models.UniqueConstraint(
                fields=["is_current"],
                condition=models.Q(is_current=True),
                name="one_current_exhibition",
                violation_error_message=_("Only one edition can be the current one."),
            ),
        ]

    def __str__(self):
        return f"{self.title} {display_digits(self.jalali_year)}"

    @property
    def localized_title(self) -> str:
        return in_active_language(self.title, self.title_en)

    @property
    def localized_full_title(self) -> str:
        return in_active_language(self.full_title, self.full_title_en)

    @property
    def localized_venue(self) -> str:
        return in_active_language(self.venue, self.venue_en)

    def get_absolute_url(self):
        return reverse("exhibition:home")

    @property
    def days(self) -> list[datetime.date]:
        count = (self.end_date - self.start_date).days + 1
        return [self.start_date + datetime.timedelta(days=i) for i in range(count)]

    def hours_on(self, day: datetime.date) -> tuple[datetime.time, datetime.time]:
        """When the doors open and close on `day`: the first day may open later than the rest."""
        if day == self.start_date and self.first_day_opens_at is not None:
            return self.first_day_opens_at, self.daily_closes_at
        return self.daily_opens_at, self.daily_closes_at


class Partnership(models.Model):
    class Role(models.TextChoices):
        HOST = "host", _("Host")
        ORGANIZER = "organizer", _("Organizing partner")
        SELECTING_BODY = "selecting_body", _("Selecting body")

    exhibition = models.ForeignKey(
        Exhibition, verbose_name=_("exhibition edition"), on_delete=models.CASCADE
    )
    agency = models.ForeignKey(Agency, verbose_name=_("agency"), on_delete=models.PROTECT)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["exhibition", "role", "agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["exhibition", "agency", "role"],
                name="partnership_unique",
                violation_error_message=_("This agency already has this role in this edition."),
            )
        ]

    def __str__(self):
        return f"{self.agency} ({self.get_role_display()})"


class Section(Publishable, Timestamped):
    exhibition = models.ForeignKey(
        Exhibition,
        verbose_name=_("exhibition edition"),
        on_delete=models.CASCADE,
        related_name="sections",
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    title_en = models.CharField(_("title in English"), max_length=200, blank=True)
    description = models.TextField(_("description"), blank=True)
    color = models.CharField(
        _("floor-plan colour"),
        max_length=7,
        default="#1b6b5a",
        help_text=_("A hex colour such as #1b6b5a."),
    )

    history = HistoricalRecords()

    objects = public_queryset("exhibition").as_manager()

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["exhibition", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["exhibition", "number"],
                name="section_number_unique",
                violation_error_message=_("This edition already has a section with this number."),
            )
        ]

    def __str__(self):
        return self.title

    @property
    def localized_title(self) -> str:
        return in_active_language(self.title, self.title_en)


class StrataBase(Publishable, Timestamped):
    """A specialised Basij base of one stratum (students, teachers, medical, ...)."""

    class Stratum(models.TextChoices):
        STUDENTS = "students", _("University students")
        PUPILS = "pupils", _("School pupils")
        TEACHERS = "teachers", _("Teachers")
        MEDICAL = "medical", _("Medical community")
        ENGINEERS = "engineers", _("Engineers")
        GUILDS = "guilds", _("Guilds and bazaar")
        WORKERS = "workers", _("Workers")
        WOMEN = "women", _("Women")
        CLERGY = "clergy", _("Seminary and clergy")
        LAWYERS = "lawyers", _("Lawyers")
        ARTISTS = "artists", _("Artists")
        ATHLETES = "athletes", _("Athletes")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=150, unique=True)
    stratum = models.CharField(_("stratum"), max_length=20, choices=Stratum.choices)
    description = models.TextField(_("description"), blank=True)
    role_toward_neighborhoods = models.TextField(_("role toward the neighborhoods"), blank=True)
    is_synthetic = models.BooleanField(_("synthetic demo record"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("strata base")
        verbose_name_plural = _("strata bases")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Booth(Publishable, Timestamped):
    exhibition = models.ForeignKey(
        Exhibition,
        verbose_name=_("exhibition edition"),
        on_delete=models.CASCADE,
        related_name="booths",
    )
    section = models.ForeignKey(
        Section, verbose_name=_("section"), on_delete=models.PROTECT, related_name="booths"
    )
    code = models.CharField(
        _("booth code"),
        max_length=12,
        validators=[
            RegexValidator(
                r"^[A-Za-z0-9][A-Za-z0-9-]*$",
                _("Use Latin letters, digits and hyphens only, such as B-12."),
                code="booth_code",
            )
        ],
    )
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220, allow_unicode=True)
    neighborhood = models.ForeignKey(
        Neighborhood,
        verbose_name=_("neighborhood"),
        on_delete=models.PROTECT,
        related_name="booths",
        null=True,
        blank=True,
    )
    strata_base = models.ForeignKey(
        StrataBase,
        verbose_name=_("strata base"),
        on_delete=models.PROTECT,
        related_name="booths",
        null=True,
        blank=True,
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name=_("owning agency"),
        on_delete=models.SET_NULL,
        related_name="booths",
        null=True,
        blank=True,
    )
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("what the booth shows"), blank=True)
    photo = SafeImageField(_("photo"), upload_to="booths/", blank=True)
    # Floor-plan position in metres from the hall's top-right corner (the plan reads RTL).
    plan_x = models.DecimalField(
        _("plan position x (m)"), max_digits=6, decimal_places=2, default=0
    )
    plan_y = models.DecimalField(
        _("plan position y (m)"), max_digits=6, decimal_places=2, default=0
    )
    plan_width = models.DecimalField(_("width (m)"), max_digits=5, decimal_places=2, default=3)
    plan_depth = models.DecimalField(_("depth (m)"), max_digits=5, decimal_places=2, default=3)
    is_synthetic = models.BooleanField(_("synthetic demo record"), default=False)
    search_text = models.TextField(editable=False, default="")

    history = HistoricalRecords(excluded_fields=["search_text"])

    objects = public_queryset("exhibition", "section").as_manager()

    class Meta:
        verbose_name = _("booth")
        verbose_name_plural = _("booths")
        ordering = ["exhibition", "section__number", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["exhibition", "code"],
                name="booth_code_unique_per_edition",
                violation_error_message=_("Another booth of this edition already uses this code."),
            ),
            models.UniqueConstraint(
                fields=["exhibition", "slug"],
                name="booth_slug_unique_per_edition",
                violation_error_message=_("Another booth of this edition already uses this slug."),
            ),
            models.CheckConstraint(
                condition=models.Q(plan_width__gt=0) & models.Q(plan_depth__gt=0),
                name="booth_has_size",
                violation_error_message=_("A booth's width and depth must be more than zero."),
            ),
        ]

    def __str__(self):
        return f"{display_digits(self.code)} · {self.name}"

    def save(self, *args, **kwargs):
        self.search_text = normalize_for_search(f"{self.code} {self.name}")
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("exhibition:booth", kwargs={"code": self.code})

    def clean(self):
        super().clean()
        if (
            self.section_id
            and self.exhibition_id
            and self.section.exhibition_id != self.exhibition_id
        ):
            raise ValidationError(
                {"section": _("This section belongs to another edition.")}, code="section_edition"
            )


class BoothHolder(Timestamped):
    booth = models.ForeignKey(
        Booth, verbose_name=_("booth"), on_delete=models.CASCADE, related_name="holders"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="booth_holdings",
    )
    full_name = models.CharField(_("full name"), max_length=120)
    role = models.CharField(_("role at the booth"), max_length=120, blank=True)
    phone = models.CharField(_("phone (private)"), max_length=20, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("booth holder")
        verbose_name_plural = _("booth holders")
        ordering = ["booth", "full_name"]

    def __str__(self):
        return self.full_name


class BoothPhoto(Timestamped):
    booth = models.ForeignKey(
        Booth, verbose_name=_("booth"), on_delete=models.CASCADE, related_name="photos"
    )
    image = SafeImageField(_("image"), upload_to="booths/gallery/")
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    objects = public_queryset(
        "booth", "booth__exhibition", "booth__section", own_status=False
    ).as_manager()

    class Meta:
        verbose_name = _("booth photo")
        verbose_name_plural = _("booth photos")
        ordering = ["booth", "position", "id"]

    def __str__(self):
        return self.caption or str(self.booth)


class ContactRequest(Timestamped):
    """A visitor's request to connect with a booth holder or neighborhood manager. Private."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        HANDLED = "handled", _("Handled")
        SPAM = "spam", _("Spam")

    booth = models.ForeignKey(
        Booth,
        verbose_name=_("booth"),
        on_delete=models.CASCADE,
        related_name="contact_requests",
    )
    name = models.CharField(_("name"), max_length=120)
    organization = models.CharField(_("organization"), max_length=150, blank=True)
    position = models.CharField(_("position"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    email = models.EmailField(_("e-mail"), max_length=150, blank=True)
    subject = models.CharField(_("subject"), max_length=150)
    message = models.TextField(_("message"), max_length=3000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.NEW, db_index=True
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    sender_key = models.CharField(max_length=64, editable=False, blank=True, db_index=True)

    history = HistoricalRecords(excluded_fields=["sender_key"])

    class Meta:
        verbose_name = _("contact request")
        verbose_name_plural = _("contact requests")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(phone="") | ~models.Q(email=""),
                name="contact_request_has_phone_or_email",
                violation_error_message=_("Leave a phone number or an e-mail address."),
            )
        ]

    def __str__(self):
        return f"{self.subject} ({display_digits(self.booth.code)})"
