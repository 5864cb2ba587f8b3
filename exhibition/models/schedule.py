"""The schedule of an edition: its halls and the items held in them or at a booth."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from moqdad.jalali import format_date, format_time
from moqdad.publishing import Publishable, Timestamped, public_queryset

# Related models are named by label ("exhibition.Booth"): exhibition.models imports this
# module, so this module imports nothing from there.


class Hall(Timestamped):
    """A place in the venue where programme items are held: the main hall, a talks room, ..."""

    exhibition = models.ForeignKey(
        "exhibition.Exhibition",
        verbose_name=_("exhibition edition"),
        on_delete=models.CASCADE,
        related_name="halls",
    )
    name = models.CharField(_("name"), max_length=120)

    history = HistoricalRecords()

    objects = public_queryset("exhibition", own_status=False).as_manager()

    class Meta:
        verbose_name = _("hall")
        verbose_name_plural = _("halls")
        ordering = ["exhibition", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["exhibition", "name"],
                name="hall_name_unique_per_edition",
                violation_error_message=_("This edition already has a hall with this name."),
            )
        ]

    def __str__(self):
        return self.name


class ScheduleItem(Publishable, Timestamped):
    class Kind(models.TextChoices):
        OPENING = "opening", _("Opening ceremony")
        SPEECH = "speech", _("Speech")
        PANEL = "panel", _("Panel")
        BOOK_UNVEILING = "book_unveiling", _("Book unveiling")
        PERFORMANCE = "performance", _("Performance")
        OFFICIAL_VISIT = "official_visit", _("Official visit")
        OTHER = "other", _("Other")

    class PlaceKind(models.TextChoices):
        HALL = "hall", _("Hall")
        BOOTH = "booth", _("Booth")

    exhibition = models.ForeignKey(
        "exhibition.Exhibition",
        verbose_name=_("exhibition edition"),
        on_delete=models.CASCADE,
        related_name="schedule_items",
    )
    day = models.DateField(_("day"), db_index=True)
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    place_kind = models.CharField(
        _("place"), max_length=8, choices=PlaceKind.choices, default=PlaceKind.HALL
    )
    hall = models.ForeignKey(
        Hall,
        verbose_name=_("hall"),
        # A hall in use cannot be deleted, except with its whole edition.
        on_delete=models.RESTRICT,
        null=True,
        blank=True,
        related_name="schedule_items",
    )
    booth = models.ForeignKey(
        "exhibition.Booth",
        verbose_name=_("booth"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="schedule_items",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    title = models.CharField(_("title"), max_length=200)
    speakers = models.CharField(_("speakers"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    neighborhood = models.ForeignKey(
        "neighborhoods.Neighborhood",
        verbose_name=_("related neighborhood"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="schedule_items",
    )
    agency = models.ForeignKey(
        "neighborhoods.Agency",
        verbose_name=_("owning agency"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="schedule_items",
    )
    is_synthetic = models.BooleanField(_("synthetic demo record"), default=False)

    history = HistoricalRecords()

    objects = public_queryset("exhibition").as_manager()

    class Meta:
        verbose_name = _("schedule item")
        verbose_name_plural = _("schedule items")
        ordering = ["day", "start_time", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="schedule_item_ends_after_start",
                violation_error_message=_("The end time must be after the start time."),
            )
        ]

    def __str__(self):
        return f"{self.title} ({format_date(self.day)} {format_time(self.start_time)})"

    @property
    def place_label(self) -> str:
        """The hall, or the booth as loaded (public listings load only a public booth)."""
        if self.place_kind == self.PlaceKind.BOOTH:
            return str(self.booth) if self.booth_id and self.booth else ""
        return self.hall.name if self.hall_id else ""

    def clean(self):
        super().clean()
        errors = {}
        if self.place_kind == self.PlaceKind.BOOTH and not self.booth_id:
            errors["booth"] = _("Choose the booth where this item is held.")
        if self.place_kind == self.PlaceKind.HALL and not self.hall_id:
            errors["hall"] = _("Choose the hall where this item is held.")
        elif (
            self.place_kind == self.PlaceKind.HALL
            and self.exhibition_id
            and self.hall.exhibition_id != self.exhibition_id
        ):
            errors["hall"] = _("This hall belongs to another edition.")
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            errors["end_time"] = _("The end time must be after the start time.")
        if errors:
            raise ValidationError(errors)
        if not self.exhibition_id or not self.day:
            return
        edition = self.exhibition
        if not edition.start_date <= self.day <= edition.end_date:
            raise ValidationError(
                {
                    "day": _(
                        "The exhibition runs from %(first)s to %(last)s; this day is outside it."
                    )
                    % {
                        "first": format_date(edition.start_date),
                        "last": format_date(edition.end_date),
                    }
                },
                code="outside_edition",
            )
        opens, closes = edition.hours_on(self.day)
        if self.start_time < opens or self.end_time > closes:
            raise ValidationError(
                _(
                    "On %(day)s the exhibition is open from %(opens)s to %(closes)s; this item is "
                    "outside those hours."
                )
                % {
                    "day": format_date(self.day, weekday=True),
                    "opens": format_time(opens),
                    "closes": format_time(closes),
                },
                code="outside_hours",
            )
        clash = self.overlapping_items().first()
        if clash is not None:
            raise ValidationError(
                _("This place is already taken at that time by «%(title)s» (%(start)s–%(end)s).")
                % {
                    "title": clash.title,
                    "start": format_time(clash.start_time),
                    "end": format_time(clash.end_time),
                },
                code="overlap",
            )

    def overlapping_items(self):
        same_place = (
            models.Q(place_kind=self.PlaceKind.BOOTH, booth_id=self.booth_id)
            if self.place_kind == self.PlaceKind.BOOTH
            else models.Q(place_kind=self.PlaceKind.HALL, hall_id=self.hall_id)
        )
        return (
            ScheduleItem.objects.filter(
                same_place,
                exhibition_id=self.exhibition_id,
                day=self.day,
                start_time__lt=self.end_time,
                end_time__gt=self.start_time,
            )
            .exclude(pk=self.pk)
            .order_by("start_time")
        )
