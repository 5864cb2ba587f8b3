"""How the admin shows values: Jalali dates, Persian digits, in lists, read-only fields,
filters and the change history."""

import datetime
import decimal

from django.contrib import admin
from django.db import models
from simple_history.template_utils import HistoricalRecordContextHelper

from moqdad import jalali
from moqdad.persian import display_digits, display_number

NUMBER_FIELDS = (models.IntegerField, models.DecimalField, models.FloatField)


def display_value(value) -> str:
    """A date, time or number as a Persian reader expects it; anything else unchanged."""
    if isinstance(value, datetime.datetime):
        return jalali.format_datetime(value)
    if isinstance(value, datetime.date):
        return jalali.format_numeric(value)
    if isinstance(value, datetime.time):
        return jalali.format_time(value)
    if isinstance(value, decimal.Decimal | float):
        return display_number(value)
    if isinstance(value, int) and not isinstance(value, bool):
        # Whole numbers here are mostly years and codes: digits only, never grouped.
        return display_digits(value)
    return value


def is_displayable_field(field) -> bool:
    if isinstance(field, models.DateField | models.TimeField):
        return True
    return isinstance(field, NUMBER_FIELDS) and not field.choices and not field.primary_key


def display_function(field):
    """A read-only field's display: `obj -> text`, labelled with the field's name."""

    def show(obj):
        value = getattr(obj, field.name)
        return "-" if value is None else display_value(value)

    show.short_description = field.verbose_name
    show.__name__ = f"{field.name}_jalali"
    return show


def display_column(field):
    """A changelist column for `field` that keeps the column sortable."""
    column = display_function(field)
    column.admin_order_field = field.name
    return column


class PersianValuesListFilter(admin.AllValuesFieldListFilter):
    """The "by value" filter of a number column, with Persian digits."""

    def choices(self, changelist):
        for choice in super().choices(changelist):
            if isinstance(choice["display"], str):
                choice["display"] = display_digits(choice["display"])
            yield choice


class JalaliDateValuesListFilter(admin.AllValuesFieldListFilter):
    """The dates that occur in a short date column (the days of an edition), in Jalali."""

    def choices(self, changelist):
        for choice in super().choices(changelist):
            if isinstance(choice["display"], str):
                try:
                    day = datetime.date.fromisoformat(choice["display"])
                except ValueError:
                    pass
                else:
                    choice["display"] = jalali.format_date(day, weekday=True)
            yield choice


class JalaliHistoryContextHelper(HistoricalRecordContextHelper):
    """Old and new values on the change-history page, with Jalali dates."""

    def prepare_delta_change_value(self, change, value):
        value = super().prepare_delta_change_value(change, value)
        if value is None or isinstance(value, list):
            return value
        return display_value(value)
