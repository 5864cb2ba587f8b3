"""Bulk import and export of schedule items (CSV and XLSX) through django-import-export.

Every row goes through the model's full_clean(), so a row outside the edition's days or
hours, or clashing with another item in the same place, is reported in Persian with the
clashing item's title. Rows are saved one after another inside one transaction, so a clash
between two rows of the same file is caught too. A file with any bad row writes nothing.
"""

import datetime
import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from import_export import fields, widgets

from exhibition.models import Booth, Exhibition, Hall, ScheduleItem
from moqdad import jalali
from moqdad.imports import AllOrNothingResource
from moqdad.persian import to_latin_digits
from moqdad.publishing import PublicationStatus
from neighborhoods.models import Agency, Neighborhood


def _text(value) -> str:
    return "" if value is None else str(value).strip()


class JalaliDayWidget(widgets.Widget):
    """A day typed as Jalali (۱۴۰۱/۰۸/۰۹, 1401-8-9) or ISO (2022-10-31), or a spreadsheet date."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        text = to_latin_digits(_text(value))
        if not text:
            raise ValueError(_("The day is missing."))
        if re.fullmatch(r"(19|20)\d\d-\d{1,2}-\d{1,2}", text):
            try:
                return datetime.date.fromisoformat(
                    "-".join(part.zfill(2) for part in text.split("-"))
                )
            except ValueError as exc:
                raise ValueError(_("This date does not exist.")) from exc
        try:
            return jalali.parse(text)[0]
        except jalali.JalaliDateError as exc:
            raise ValueError(str(exc)) from exc

    def render(self, value, obj=None, **kwargs):
        return jalali.format_numeric(value) if value else ""


class TimeWidget(widgets.Widget):
    """A time as HH:MM in any digits, or a spreadsheet time."""

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.datetime):
            return value.time().replace(second=0, microsecond=0)
        if isinstance(value, datetime.time):
            return value.replace(second=0, microsecond=0)
        text = to_latin_digits(_text(value))
        match = re.fullmatch(r"(\d{1,2})[:٫.](\d{2})(?::\d{2})?", text)
        if not match:
            raise ValueError(_("Enter a time such as 18:00."))
        try:
            return datetime.time(int(match[1]), int(match[2]))
        except ValueError as exc:
            raise ValueError(_("Enter a time such as 18:00.")) from exc

    def render(self, value, obj=None, **kwargs):
        return value.strftime("%H:%M") if value else ""


class ChoiceWidget(widgets.Widget):
    """A choice given by its code (panel) or its label in Persian or English (پنل, Panel)."""

    def __init__(self, choices, *, default=None, **kwargs):
        self.choices = choices
        self.default = default
        super().__init__(**kwargs)

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text and self.default is not None:
            return self.default
        for code, label in self.choices.choices:
            if text.lower() == code or text == str(label):
                return code
        allowed = "، ".join(str(label) for _code, label in self.choices.choices)
        raise ValueError(
            _("«%(value)s» is not one of: %(allowed)s.") % {"value": text, "allowed": allowed}
        )

    def render(self, value, obj=None, **kwargs):
        return value or ""


class LookupWidget(widgets.Widget):
    """A related record named by one field (a booth by its code, an agency by its name)."""

    def __init__(self, queryset, field: str, message: str, **kwargs):
        self.queryset = queryset
        self.field = field
        self.message = message
        super().__init__(**kwargs)

    def queryset_for(self, row):
        return self.queryset.all()

    def clean(self, value, row=None, **kwargs):
        text = _text(value)
        if not text:
            return None
        found = self.queryset_for(row).filter(**{self.field: text}).first()
        if found is None:
            raise ValueError(str(self.message) % {"value": text})
        return found

    def render(self, value, obj=None, **kwargs):
        return getattr(value, self.field, "") if value else ""


class EditionWidget(LookupWidget):
    """The edition by its Jalali year; the current edition when the column is left empty."""

    def clean(self, value, row=None, **kwargs):
        text = to_latin_digits(_text(value))
        if not text:
            current = Exhibition.objects.current()
            if current is None:
                raise ValueError(_("Give the edition's year: there is no current edition."))
            return current
        return super().clean(text, row, **kwargs)


class EditionRowWidget(LookupWidget):
    """A record of the row's edition (given by its year, or the current edition), by one field."""

    def queryset_for(self, row):
        year = to_latin_digits(_text((row or {}).get("edition")))
        if year.isdigit():
            return self.queryset.filter(exhibition__jalali_year=int(year))
        return self.queryset.filter(exhibition=Exhibition.objects.current())


class ScheduleItemResource(AllOrNothingResource):
    edition = fields.Field(
        attribute="exhibition",
        column_name="edition",
        widget=EditionWidget(
            Exhibition.objects, "jalali_year", gettext_lazy("No edition of year %(value)s.")
        ),
    )
    day = fields.Field(attribute="day", column_name="day", widget=JalaliDayWidget())
    start_time = fields.Field(attribute="start_time", column_name="start_time", widget=TimeWidget())
    end_time = fields.Field(attribute="end_time", column_name="end_time", widget=TimeWidget())
    place_kind = fields.Field(
        attribute="place_kind",
        column_name="place_kind",
        widget=ChoiceWidget(ScheduleItem.PlaceKind, default=ScheduleItem.PlaceKind.HALL),
    )
    booth = fields.Field(
        attribute="booth",
        column_name="booth",
        widget=EditionRowWidget(
            Booth.objects, "code", gettext_lazy("No booth with code %(value)s.")
        ),
    )
    hall = fields.Field(
        attribute="hall",
        column_name="hall",
        widget=EditionRowWidget(
            Hall.objects,
            "name",
            gettext_lazy(
                "This edition has no hall named «%(value)s»; add it to the edition's halls first."
            ),
        ),
    )
    kind = fields.Field(
        attribute="kind",
        column_name="kind",
        widget=ChoiceWidget(ScheduleItem.Kind, default=ScheduleItem.Kind.OTHER),
    )
    status = fields.Field(
        attribute="status",
        column_name="status",
        widget=ChoiceWidget(PublicationStatus, default=PublicationStatus.DRAFT),
    )
    neighborhood = fields.Field(
        attribute="neighborhood",
        column_name="neighborhood",
        widget=LookupWidget(
            Neighborhood.objects, "name", gettext_lazy("No neighborhood named %(value)s.")
        ),
    )
    agency = fields.Field(
        attribute="agency",
        column_name="agency",
        widget=LookupWidget(Agency.objects, "name", gettext_lazy("No agency named %(value)s.")),
    )

    class Meta:
        model = ScheduleItem
        fields = [
            "id", "edition", "day", "start_time", "end_time", "place_kind", "hall", "booth",
            "kind", "title", "speakers", "description", "neighborhood", "agency", "status",
        ]  # fmt: skip
        export_order = fields
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = False

    def before_import(self, dataset, **kwargs):
        # Optional columns: a file of new items for the current edition needs neither.
        for column in ("id", "edition"):
            if column not in (dataset.headers or []):
                dataset.append_col([""] * len(dataset), header=column)
