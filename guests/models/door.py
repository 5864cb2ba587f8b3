"""Door check-in: one check-in per guest and day, and the ledger of every scan."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from exhibition.models import Exhibition
from guests.models.guests import Guest, Invitation
from moqdad import jalali


class CheckIn(models.Model):
    """A guest came in on a day. The database refuses a second one for the same guest and day,
    whichever door, device or replayed offline queue it comes from."""

    exhibition = models.ForeignKey(
        Exhibition, verbose_name=_("exhibition edition"), on_delete=models.CASCADE
    )
    invitation = models.ForeignKey(
        Invitation,
        verbose_name=_("invitation"),
        on_delete=models.CASCADE,
        related_name="check_ins",
    )
    guest = models.ForeignKey(
        Guest, verbose_name=_("guest"), on_delete=models.CASCADE, related_name="check_ins"
    )
    day = models.DateField(_("day"))
    at = models.DateTimeField(_("checked in at"))
    door = models.CharField(_("door"), max_length=40, blank=True)
    device = models.CharField(_("device"), max_length=60, blank=True)
    slot = models.ForeignKey(
        "guests.VisitSlot",
        verbose_name=_("official-visit slot"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="check_ins",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checked in by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_walk_in = models.BooleanField(_("walk-in"), default=False)

    # No history table: a check-in is written once by a scan and taken back only by an undo,
    # and the scan ledger (Scan) records both, with who, when, door and device.

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-at"]
        constraints = [
            models.UniqueConstraint(
                fields=["guest", "day"],
                name="one_check_in_per_guest_and_day",
                violation_error_message=_("This guest is already checked in today."),
            )
        ]
        indexes = [models.Index(fields=["exhibition", "day"])]

    def __str__(self):
        return f"{self.guest.name} · {jalali.format_datetime(self.at)}"


class Scan(models.Model):
    """One scan at a door, whatever it answered: the ledger organizers audit."""

    class Outcome(models.TextChoices):
        WELCOME = "welcome", _("Welcome: checked in")
        ALREADY = "already", _("Already checked in")
        OTHER_DAY = "other_day", _("Invited for another day")
        DECLINED = "declined", _("Declined the invitation")
        REVOKED = "revoked", _("Invitation revoked")
        SUBSTITUTED = "substituted", _("Someone else comes instead")
        UNKNOWN = "unknown", _("Unknown code")
        FORGED = "forged", _("Forged code")
        DELEGATION = "delegation", _("Delegation: members listed")
        UNDONE = "undone", _("Check-in undone")

    class Method(models.TextChoices):
        CAMERA = "camera", _("Camera")
        TYPED = "typed", _("Typed code")
        SCANNER = "scanner", _("USB scanner")
        SEARCH = "search", _("Name search")
        LIST = "list", _("Delegation list")
        WALK_IN = "walk_in", _("Walk-in")
        SUPERVISOR = "supervisor", _("Supervisor")

    exhibition = models.ForeignKey(
        Exhibition, verbose_name=_("exhibition edition"), on_delete=models.CASCADE
    )
    nonce = models.CharField(_("scan id"), max_length=64, unique=True)
    code = models.CharField(_("code read"), max_length=64, blank=True)
    method = models.CharField(_("how"), max_length=10, choices=Method.choices)
    outcome = models.CharField(_("answer"), max_length=12, choices=Outcome.choices, db_index=True)
    invitation = models.ForeignKey(
        Invitation,
        verbose_name=_("invitation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="scans",
    )
    guest = models.ForeignKey(
        Guest,
        verbose_name=_("guest"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="scans",
    )
    door = models.CharField(_("door"), max_length=40, blank=True)
    device = models.CharField(_("device"), max_length=60, blank=True)
    scanned_at = models.DateTimeField(_("scanned at"))
    received_at = models.DateTimeField(_("received at"), auto_now_add=True)
    was_offline = models.BooleanField(_("scanned offline"), default=False)
    needs_attention = models.BooleanField(
        _("needs attention"),
        default=False,
        help_text=_("A double entry found when an offline door synced its scans."),
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door staff"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    # No history table: the ledger is written once per scan and never changed (its admin is
    # read-only), so a historical copy of each row would only double the door's writes.

    class Meta:
        verbose_name = _("scan")
        verbose_name_plural = _("scans (ledger)")
        ordering = ["-scanned_at"]
        indexes = [models.Index(fields=["exhibition", "scanned_at"])]

    def __str__(self):
        return f"{self.get_outcome_display()} · {jalali.format_datetime(self.scanned_at)}"
