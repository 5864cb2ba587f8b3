"""Martyrs and veterans of the neighborhoods: the memorial records."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from moqdad.images import SafeImageField
from moqdad.jalali import DatePrecision
from moqdad.persian import normalize_for_search
from moqdad.publishing import Publishable, Timestamped, public_queryset
from neighborhoods.models import Neighborhood


class Martyr(Publishable, Timestamped):
    class Category(models.TextChoices):
        REVOLUTION = "revolution", _("Islamic Revolution")
        SACRED_DEFENCE = "sacred_defence", _("Sacred Defence")
        SHRINE_DEFENDER = "shrine_defender", _("Defenders of the shrine")
        TERRORISM = "terrorism", _("Victims of terrorism")
        SECURITY = "security", _("Security and border duty")
        OTHER = "other", _("Other")

    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80, db_index=True)
    father_name = models.CharField(_("father's name"), max_length=80, blank=True)
    birth_date = models.DateField(_("birth date"), null=True, blank=True)
    birth_date_precision = models.CharField(
        _("birth date precision"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    birth_place = models.CharField(_("place of birth"), max_length=120, blank=True)
    martyrdom_date = models.DateField(_("martyrdom date"), null=True, blank=True, db_index=True)
    martyrdom_date_precision = models.CharField(
        _("martyrdom date precision"),
        max_length=8,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    martyrdom_year = models.PositiveSmallIntegerField(
        _("martyrdom year (Jalali)"), null=True, blank=True, editable=False, db_index=True
    )
    martyrdom_place = models.CharField(_("place of martyrdom"), max_length=120, blank=True)
    category = models.CharField(
        _("category"), max_length=20, choices=Category.choices, db_index=True
    )
    operation = models.CharField(_("operation"), max_length=120, blank=True)
    unit = models.CharField(_("unit"), max_length=120, blank=True)
    burial_place = models.CharField(_("burial place"), max_length=200, blank=True)
    neighborhood = models.ForeignKey(
        Neighborhood,
        verbose_name=_("neighborhood"),
        on_delete=models.PROTECT,
        related_name="martyrs",
        null=True,
        blank=True,
    )
    is_prominent = models.BooleanField(
        _("prominent martyr"),
        default=False,
        help_text=_("The martyr the neighborhood's booth presents; at most one per neighborhood."),
    )
    photo = SafeImageField(_("photo"), upload_to="martyrs/", blank=True)
    biography = models.TextField(_("biography"), blank=True)
    testament_excerpt = models.TextField(_("testament excerpt"), blank=True)
    source = models.CharField(_("source of the record"), max_length=200, blank=True)
    is_verified = models.BooleanField(_("verified"), default=False)
    is_synthetic = models.BooleanField(_("synthetic demo record"), default=False)
    # Search keys (moqdad.persian.normalize_for_search), kept up to date by save(). On
    # PostgreSQL search_text has a trigram GIN index (migration 0002).
    search_text = models.TextField(editable=False, default="", db_index=False)
    father_name_key = models.CharField(editable=False, max_length=200, default="")
    operation_key = models.CharField(editable=False, max_length=200, default="")

    history = HistoricalRecords(excluded_fields=["search_text", "father_name_key", "operation_key"])

    class Meta:
        verbose_name = _("martyr")
        verbose_name_plural = _("martyrs")
        ordering = ["last_name", "first_name", "id"]
        # The lists' orders, so that a page deep in a list (the alphabetical list's last page,
        # a neighborhood's memorial) reads its rows from an index instead of sorting a
        # neighborhood's or the whole country's martyrs by name.
        indexes = [
            models.Index(fields=["last_name", "first_name", "id"], name="martyr_name_order"),
            models.Index(
                "neighborhood",
                models.F("is_prominent").desc(),
                "last_name",
                "first_name",
                "id",
                name="martyr_memorial_order",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["neighborhood"],
                condition=models.Q(is_prominent=True),
                name="one_prominent_martyr_per_neighborhood",
                violation_error_message=_(
                    "This neighborhood already has a prominent martyr; a neighborhood has at most one."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(is_prominent=False) | models.Q(neighborhood__isnull=False),
                name="prominent_martyr_has_neighborhood",
                violation_error_message=_("A prominent martyr must belong to a neighborhood."),
            ),
        ]

    def __str__(self):
        return self.full_name

    def save(self, *args, **kwargs):
        self.fill_derived_fields()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("martyrs:detail", kwargs={"pk": self.pk})

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def fill_derived_fields(self) -> None:
        """The search keys and the Jalali year; bulk writes call this as save() does."""
        self.search_text = self.build_search_text()
        self.father_name_key = normalize_for_search(self.father_name)
        self.operation_key = normalize_for_search(self.operation)
        self.martyrdom_year = self._jalali_year(self.martyrdom_date)

    def build_search_text(self) -> str:
        """The name's key in both orders, so «مهدی کبیری» and «کبیری مهدی» both match.

        Each key is a substring-searchable run with no spaces; the two are separated by a
        space, which no query key contains, so a match never straddles them.
        """
        first, last = self.first_name or "", self.last_name or ""
        keys = [normalize_for_search(f"{first}{last}"), normalize_for_search(f"{last}{first}")]
        return " ".join(dict.fromkeys(k for k in keys if k))

    @staticmethod
    def _jalali_year(value):
        if value is None:
            return None
        from moqdad.jalali import to_jalali

        return to_jalali(value).year


class VeteranTally(Timestamped):
    """How many veterans of each kind a neighborhood counts (figures, not personal records)."""

    class Kind(models.TextChoices):
        VETERAN = "veteran", _("Veteran (isargar)")
        DISABLED = "disabled", _("Disabled veteran (janbaz)")
        FREED_POW = "freed_pow", _("Freed prisoner of war (azadeh)")
        COMBATANT = "combatant", _("Combatant (razmandeh)")

    neighborhood = models.ForeignKey(
        Neighborhood,
        verbose_name=_("neighborhood"),
        on_delete=models.CASCADE,
        related_name="veteran_tallies",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    count = models.PositiveIntegerField(_("count"))

    history = HistoricalRecords()

    objects = public_queryset("neighborhood", own_status=False).as_manager()

    class Meta:
        verbose_name = _("veteran tally")
        verbose_name_plural = _("veteran tallies")
        ordering = ["neighborhood", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["neighborhood", "kind"],
                name="one_tally_per_kind",
                violation_error_message=_("This neighborhood already has a tally of this kind."),
            )
        ]

    def __str__(self):
        return f"{self.neighborhood}: {self.get_kind_display()}"


class CorrectionSuggestion(Timestamped):
    """A visitor's suggested correction to a martyr's record; staff review it by hand."""

    martyr = models.ForeignKey(
        Martyr,
        verbose_name=_("martyr"),
        on_delete=models.CASCADE,
        related_name="corrections",
    )
    name = models.CharField(_("name"), max_length=120)
    contact = models.CharField(_("phone or e-mail (private)"), max_length=150)
    relation = models.CharField(_("relation to the martyr"), max_length=120, blank=True)
    message = models.TextField(_("suggested correction"), max_length=4000)
    is_handled = models.BooleanField(_("handled"), default=False)
    sender_key = models.CharField(max_length=64, editable=False, blank=True)

    history = HistoricalRecords(excluded_fields=["sender_key"])

    class Meta:
        verbose_name = _("correction suggestion")
        verbose_name_plural = _("correction suggestions")
        ordering = ["-created_at"]

    def __str__(self):
        return str(_("Correction to %(martyr)s") % {"martyr": self.martyr})
