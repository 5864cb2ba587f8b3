"""Bulk import and export of martyrs and veteran tallies (django-import-export).

Sheets (CSV or XLSX) have Persian column headers; English field names and spelling variants
of the headers are accepted too. Dates are Jalali, known to the day, the month or the year
(`1360/07/05`, `1360/07`, `1360`, `-/-/1360`), in Persian or Latin digits.

Every import is all or nothing: it runs in one transaction that is rolled back if any row
is invalid (`import_data` forces `rollback_on_validation_errors`), so a sheet with one bad
row writes no row. Rows are saved one by one through the model's `full_clean()` and
`save()`, so the search keys are filled, the database constraints give their Persian
messages (two prominent martyrs in one neighborhood), and every row is in the change
history. In the admin each row also passes the account's row rules (a neighborhood
manager imports only their neighborhood's martyrs). A martyr already recorded, or repeated within the sheet, with the same names,
father's name and martyrdom date, is reported as an error rather than written twice.
"""

import datetime

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from import_export import fields, widgets

from martyrs.models import Martyr, VeteranTally
from moqdad import jalali
from moqdad.imports import AllOrNothingResource
from moqdad.persian import (
    clean_user_text,
    normalize_for_search,
    to_latin_digits,
    to_persian_digits,
)
from moqdad.publishing import PublicationStatus
from neighborhoods.models import Neighborhood

# Bigger sheets go through `manage.py import_martyrs`, which streams them.
ADMIN_IMPORT_MAX_ROWS = 20_000

YES = {"1", "true", "yes", "y", "x", "بله", "آری", "اری", "دارد", "هست", "✓", "✔"}
NO = {"", "0", "false", "no", "n", "خیر", "نه", "ندارد", "نیست"}


def cell_text(value) -> str:
    """A cell as text: spreadsheets give numbers for `1360` and floats for `1360.0`."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_user_text(str(value)).strip()


class TextWidget(widgets.CharWidget):
    def clean(self, value, row=None, **kwargs):
        return cell_text(value)


class BooleanWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if isinstance(value, bool):
            return value
        text = normalize_for_search(cell_text(value))
        if text in {normalize_for_search(word) for word in YES}:
            return True
        if text in {normalize_for_search(word) for word in NO}:
            return False
        raise ValueError(_("Write yes or no (بله or خیر)."))

    def render(self, value, obj=None, **kwargs):
        return _("yes") if value else _("no")


class ChoiceWidget(widgets.Widget):
    """A choice given by its code or its label, in Persian or English, in any spelling."""

    def __init__(self, choices_class, default=None):
        self.choices_class = choices_class
        self.default = default
        self._by_key = None
        super().__init__()

    def _lookup(self) -> dict[str, str]:
        if self._by_key is None:
            self._by_key = {}
            for value, label in self.choices_class.choices:
                self._by_key[normalize_for_search(value)] = value
                for language in ("fa", "en"):
                    with translation.override(language):
                        self._by_key[normalize_for_search(str(label))] = value
        return self._by_key

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            if self.default is not None:
                return self.default
            raise ValueError(_("This column must not be empty."))
        choice = self._lookup().get(normalize_for_search(text))
        if choice is None:
            labels = "، ".join(str(label) for _value, label in self.choices_class.choices)
            raise ValueError(
                _("«%(value)s» is not one of: %(choices)s.") % {"value": text, "choices": labels}
            )
        return choice

    def render(self, value, obj=None, **kwargs):
        if not value:
            return ""
        return str(self.choices_class(value).label)


class CountWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = to_latin_digits(cell_text(value)).replace(",", "").replace("٬", "")
        if not text.isdigit():
            raise ValueError(_("Write a whole number, such as 12 or ۱۲."))
        return int(text)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class NeighborhoodWidget(widgets.Widget):
    """A neighborhood by its name (in any spelling) or its slug."""

    def __init__(self):
        self._by_key = None
        super().__init__()

    def load(self) -> None:
        self._by_key = {}
        for neighborhood in Neighborhood.objects.only("pk", "name", "slug", "search_text"):
            self._by_key[normalize_for_search(neighborhood.name)] = neighborhood
            self._by_key[neighborhood.slug.casefold()] = neighborhood

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return None
        if self._by_key is None:
            self.load()
        found = self._by_key.get(normalize_for_search(text)) or self._by_key.get(text.casefold())
        if found is None:
            raise ValueError(_("There is no neighborhood «%(name)s».") % {"name": text})
        return found

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class PartialDateField(fields.Field):
    """A Jalali date known to the day, month or year: one column, two model fields."""

    def __init__(self, prefix: str, **kwargs):
        self.prefix = prefix
        super().__init__(attribute=f"{prefix}_date", widget=widgets.Widget(), **kwargs)

    def clean(self, row, **kwargs):
        value = row.get(self.column_name)
        if isinstance(value, datetime.datetime):
            return value.date(), jalali.DatePrecision.DAY
        if isinstance(value, datetime.date):
            return value, jalali.DatePrecision.DAY
        text = cell_text(value)
        if not text:
            return None, jalali.DatePrecision.DAY
        try:
            return jalali.parse(text, allow_partial=True)
        except jalali.JalaliDateError as exc:
            raise ValueError(str(exc)) from exc

    def save(self, instance, row, is_m2m=False, **kwargs):
        date, precision = self.clean(row, **kwargs)
        setattr(instance, f"{self.prefix}_date", date)
        setattr(instance, f"{self.prefix}_date_precision", precision)

    def export(self, instance, **kwargs):
        date = getattr(instance, f"{self.prefix}_date")
        precision = getattr(instance, f"{self.prefix}_date_precision")
        return to_latin_digits(jalali.format_numeric(date, precision))


def text_field(attribute: str, column: str) -> fields.Field:
    return fields.Field(attribute=attribute, column_name=column, widget=TextWidget())


class PersianHeadersMixin:
    """Headers matched in any spelling, or by the English field name; errors named by column."""

    def before_import(self, dataset, **kwargs):
        aliases = {}
        for name, field in self.fields.items():
            for alias in (name, field.column_name, field.attribute or ""):
                aliases[normalize_for_search(alias)] = field.column_name
        dataset.headers = [
            aliases.get(normalize_for_search(header), header) for header in dataset.headers
        ]
        super().before_import(dataset, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        try:
            super().validate_instance(instance, import_validation_errors, validate_unique)
        except ValidationError as error:
            raise ValidationError(self.errors_by_column(error.error_dict)) from error

    def errors_by_column(self, errors: dict) -> dict:
        columns = {field.attribute: field.column_name for field in self.fields.values()}
        columns.update(self.extra_error_columns())
        by_column = {}
        for name, messages in errors.items():
            by_column.setdefault(columns.get(name, name), []).extend(messages)
        return by_column

    def extra_error_columns(self) -> dict:
        return {}


class MartyrResource(PersianHeadersMixin, AllOrNothingResource):
    id = fields.Field(attribute="id", column_name="شناسه", widget=widgets.IntegerWidget())
    first_name = text_field("first_name", "نام")
    last_name = text_field("last_name", "نام خانوادگی")
    father_name = text_field("father_name", "نام پدر")
    birth = PartialDateField("birth", column_name="تاریخ تولد")
    birth_place = text_field("birth_place", "محل تولد")
    martyrdom = PartialDateField("martyrdom", column_name="تاریخ شهادت")
    martyrdom_place = text_field("martyrdom_place", "محل شهادت")
    category = fields.Field(
        attribute="category", column_name="دسته", widget=ChoiceWidget(Martyr.Category)
    )
    operation = text_field("operation", "عملیات")
    unit = text_field("unit", "یگان")
    burial_place = text_field("burial_place", "محل دفن")
    neighborhood = fields.Field(
        attribute="neighborhood", column_name="محله", widget=NeighborhoodWidget()
    )
    is_prominent = fields.Field(
        attribute="is_prominent", column_name="شهید شاخص", widget=BooleanWidget()
    )
    biography = text_field("biography", "زندگی‌نامه")
    testament_excerpt = text_field("testament_excerpt", "بخشی از وصیت‌نامه")
    source = text_field("source", "منبع")
    is_verified = fields.Field(
        attribute="is_verified", column_name="تأییدشده", widget=BooleanWidget()
    )
    status = fields.Field(
        attribute="status",
        column_name="وضعیت انتشار",
        widget=ChoiceWidget(PublicationStatus, default=PublicationStatus.DRAFT),
    )

    class Meta:
        model = Martyr
        fields = [
            "id",
            "first_name",
            "last_name",
            "father_name",
            "birth",
            "birth_place",
            "martyrdom",
            "martyrdom_place",
            "category",
            "operation",
            "unit",
            "burial_place",
            "neighborhood",
            "is_prominent",
            "biography",
            "testament_excerpt",
            "source",
            "is_verified",
            "status",
        ]
        import_id_fields = ["id"]
        clean_model_instances = True
        skip_unchanged = False
        use_transactions = True

    def __init__(self, *, remember_rows: bool = True, max_rows: int | None = None, **kwargs):
        """`remember_rows` keeps the rows seen across datasets, to name the earlier row a
        duplicate repeats; the streaming command turns it off (memory stays flat) and, as
        each chunk is saved before the next is read, names the recorded martyr instead."""
        super().__init__(**kwargs)
        self.remember_rows = remember_rows
        self.max_rows = max_rows
        self.seen: dict[tuple, int] = {}
        self.recorded: dict[tuple, list[int]] = {}

    def before_import(self, dataset, **kwargs):
        if self.max_rows is not None and len(dataset) > self.max_rows:
            raise ValueError(
                _(
                    "This sheet has %(rows)s rows; the admin imports at most %(max)s. "
                    "Import it with the command: manage.py import_martyrs FILE.csv"
                )
                % {"rows": to_persian_digits(len(dataset)), "max": to_persian_digits(self.max_rows)}
            )
        super().before_import(dataset, **kwargs)
        self.fields["neighborhood"].widget.load()
        if not self.remember_rows:
            self.seen = {}
        self.recorded = self.recorded_matching(dataset)

    def row_key(self, row) -> tuple | None:
        """The duplicate key of a sheet row: names' key, father's name key, martyrdom date."""
        try:
            martyr = Martyr(
                first_name=self.fields["first_name"].clean(row),
                last_name=self.fields["last_name"].clean(row),
                father_name=self.fields["father_name"].clean(row),
            )
            date, _precision = self.fields["martyrdom"].clean(row)
        except (ValueError, KeyError):
            return None
        return (martyr.build_search_text(), normalize_for_search(martyr.father_name), date)

    def recorded_matching(self, dataset) -> dict[tuple, list[int]]:
        """Recorded martyrs with the names of the sheet's rows, looked up in a few queries
        rather than one per row."""
        texts = set()
        for values in dataset:
            key = self.row_key(dict(zip(dataset.headers, values, strict=False)))
            if key and key[0]:
                texts.add(key[0])
        recorded: dict[tuple, list[int]] = {}
        ordered = sorted(texts)
        for start in range(0, len(ordered), 500):
            rows = Martyr.objects.filter(search_text__in=ordered[start : start + 500])
            for pk, *key in rows.values_list(
                "pk", "search_text", "father_name_key", "martyrdom_date"
            ):
                recorded.setdefault(tuple(key), []).append(pk)
        return recorded

    def get_instance(self, instance_loader, row):
        number = cell_text(row.get(self.fields["id"].column_name))
        if not number:
            return None
        instance = super().get_instance(instance_loader, row)
        if instance is None:
            column = self.fields["id"].column_name
            raise ValidationError(
                {column: _("There is no martyr number %(id)s to update.") % {"id": number}}
            )
        return instance

    def import_instance(self, instance, row, **kwargs):
        self.row_number = kwargs.get("row_number")
        super().import_instance(instance, row, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        """The model's validation, a duplicate check and the prominent-martyr rule.

        The model's constraints are checked here by hand rather than by `full_clean()`,
        which asks the database once per constraint for every row: that doubled the time
        of a big import. The messages are the constraints' own.
        """
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(
                exclude=list(errors), validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        problems = [] if errors else [self.duplicate_of(instance), self.prominent_problem(instance)]
        for problem in filter(None, problems):
            errors.setdefault(NON_FIELD_ERRORS, []).append(problem)
        if errors:
            raise ValidationError(self.errors_by_column(errors))

    @staticmethod
    def prominent_problem(instance) -> str | None:
        if not instance.is_prominent:
            return None
        messages = {c.name: c.violation_error_message for c in Martyr._meta.constraints}
        if instance.neighborhood_id is None:
            return str(messages["prominent_martyr_has_neighborhood"])
        others = Martyr.objects.filter(neighborhood_id=instance.neighborhood_id, is_prominent=True)
        if others.exclude(pk=instance.pk).exists():
            return str(messages["one_prominent_martyr_per_neighborhood"])
        return None

    def extra_error_columns(self) -> dict:
        return {
            "birth_date": self.fields["birth"].column_name,
            "martyrdom_date": self.fields["martyrdom"].column_name,
        }

    def duplicate_of(self, instance) -> str | None:
        """Why this row repeats a martyr, or None: same names, father and martyrdom date."""
        instance.fill_derived_fields()
        key = (instance.search_text, instance.father_name_key, instance.martyrdom_date)
        earlier_row = self.seen.get(key)
        if earlier_row is not None:
            return _(
                "Row %(row)s of this sheet already has this martyr "
                "(same names, father's name and martyrdom date)."
            ) % {"row": to_persian_digits(earlier_row)}
        if self.row_number is not None:
            self.seen[key] = self.row_number
        existing = next((pk for pk in self.recorded.get(key, []) if pk != instance.pk), None)
        if existing is None:
            return None
        return _(
            "This martyr is already recorded as number %(id)s "
            "(same names, father's name and martyrdom date)."
        ) % {"id": to_persian_digits(existing)}


class VeteranTallyResource(PersianHeadersMixin, AllOrNothingResource):
    neighborhood = fields.Field(
        attribute="neighborhood", column_name="محله", widget=NeighborhoodWidget()
    )
    kind = fields.Field(attribute="kind", column_name="نوع", widget=ChoiceWidget(VeteranTally.Kind))
    count = fields.Field(attribute="count", column_name="تعداد", widget=CountWidget())

    class Meta:
        model = VeteranTally
        fields = ["neighborhood", "kind", "count"]
        # A sheet sets each neighborhood's tally of a kind: importing it again updates it.
        import_id_fields = ["neighborhood", "kind"]
        clean_model_instances = True
        use_transactions = True

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.fields["neighborhood"].widget.load()

    def get_instance(self, instance_loader, row):
        try:
            neighborhood = self.fields["neighborhood"].clean(row)
            kind = self.fields["kind"].clean(row)
        except ValueError:
            return None  # the row's own validation reports it
        return VeteranTally.objects.filter(neighborhood=neighborhood, kind=kind).first()
