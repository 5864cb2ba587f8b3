"""Attendance the organizers count by hand: a day and a time slot, when no door check-in
covers it (the report reads check-ins where the guests app recorded them)."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from exhibition.models import Exhibition
from moqdad.jalali import format_date, format_time
from moqdad.publishing import Timestamped


class AttendanceCount(Timestamped):
    exhibition = models.ForeignKey(
        Exhibition,
        verbose_name=_("exhibition edition"),
        on_delete=models.CASCADE,
        related_name="attendance_counts",
    )
    day = models.DateField(_("day"))
    starts_at = models.TimeField(_("from"))
    ends_at = models.TimeField(_("to"))
    visitors = models.PositiveIntegerField(_("visitors"))
    delegations = models.PositiveIntegerField(_("delegations"), default=0)
    official_visits = models.PositiveIntegerField(_("official visits"), default=0)
    note = models.CharField(_("note"), max_length=200, blank=True)
    is_synthetic = models.BooleanField(_("synthetic demo record"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance count")
        verbose_name_plural = _("attendance counts")
        ordering = ["exhibition", "day", "starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["exhibition", "day", "starts_at"],
                name="attendance_count_unique_slot",
                violation_error_message=_("This time slot of that day is already counted."),
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="attendance_count_ends_after_start",
                violation_error_message=_("A time slot must end after it starts."),
            ),
        ]

    def __str__(self):
        return f"{format_date(self.day)} {format_time(self.starts_at)}–{format_time(self.ends_at)}"

    def clean(self):
        super().clean()
        if self.exhibition_id and self.day and self.day not in self.exhibition.days:
            raise ValidationError(
                {"day": _("This day is not one of the edition's days.")}, code="day"
            )
