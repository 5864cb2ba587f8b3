"""Official visits and booth tours: who comes when, and which booths they stop at."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from exhibition.models import Booth, Exhibition
from guests.models.guests import Invitation
from moqdad import jalali
from moqdad.publishing import Timestamped


class OfficialVisitQuerySet(models.QuerySet):
    def public(self):
        """Visits the organizers chose to announce on the public site."""
        return self.filter(is_public=True, exhibition__status="published")


class OfficialVisit(Timestamped):
    """A guest's or a delegation's visit on one day, with a route of booths (VisitStop)."""

    exhibition = models.ForeignKey(
        Exhibition, verbose_name=_("exhibition edition"), on_delete=models.CASCADE
    )
    invitation = models.ForeignKey(
        Invitation,
        verbose_name=_("invitation (guest or delegation head)"),
        on_delete=models.SET_NULL,
        related_name="visits",
        null=True,
        blank=True,
    )
    title = models.CharField(
        _("title"), max_length=200, help_text=_("Such as: visit of the governor's delegation.")
    )
    day = models.DateField(_("day"))
    arrives_at = models.TimeField(_("arrives at"))
    leaves_at = models.TimeField(_("leaves at"), null=True, blank=True)
    host = models.CharField(_("received by"), max_length=150, blank=True)
    notes = models.TextField(_("notes for staff"), blank=True)
    is_public = models.BooleanField(
        _("announce on the public site"),
        default=False,
        help_text=_("Official visits are for staff only unless this is ticked."),
    )
    is_synthetic = models.BooleanField(_("synthetic demo record"), default=False)

    history = HistoricalRecords()

    objects = OfficialVisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("official visit")
        verbose_name_plural = _("official visits")
        ordering = ["day", "arrives_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(leaves_at__isnull=True)
                | models.Q(leaves_at__gt=models.F("arrives_at")),
                name="official_visit_leaves_after_arriving",
                violation_error_message=_("A visit must end after it begins."),
            )
        ]

    def __str__(self):
        return (
            f"{self.title} · {jalali.format_date(self.day)} {jalali.format_time(self.arrives_at)}"
        )

    def clean(self):
        super().clean()
        if self.exhibition_id and self.day and self.day not in self.exhibition.days:
            raise ValidationError({"day": _("This day is not a day of the edition.")})


class VisitStop(models.Model):
    """One booth on a visit's route, and when the visit reaches it."""

    visit = models.ForeignKey(
        OfficialVisit,
        verbose_name=_("official visit"),
        on_delete=models.CASCADE,
        related_name="stops",
    )
    booth = models.ForeignKey(
        Booth, verbose_name=_("booth"), on_delete=models.CASCADE, related_name="visit_stops"
    )
    at = models.TimeField(_("at"))
    minutes = models.PositiveSmallIntegerField(_("minutes"), default=10)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("booth on a visit's route")
        verbose_name_plural = _("booths on visits' routes")
        ordering = ["visit", "at"]
        constraints = [
            models.UniqueConstraint(
                fields=["visit", "booth"],
                name="visit_stop_once_per_booth",
                violation_error_message=_("This booth is already on the visit's route."),
            )
        ]

    def __str__(self):
        return f"{self.booth} · {jalali.format_time(self.at)}"

    def clean(self):
        super().clean()
        if self.visit_id and self.booth_id and self.booth.exhibition_id != self.visit.exhibition_id:
            raise ValidationError({"booth": _("This booth belongs to another edition.")})
