"""Commitments in a sheet (CSV or XLSX): the export and the import have the same columns, so a
partner exports its commitments, updates status, progress and dates, and imports the sheet
back. All or nothing (moqdad.imports), every row under the rules (an agency updates only its
own), every change through `followup.services.commitment_save` (the lifecycle is checked and
the maker and the council are told of a new status). The maker's phone and e-mail are never in
the sheet."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from import_export import fields, widgets

from followup import services
from followup.models import Commitment
from martyrs.resources import (
    ChoiceWidget,
    NeighborhoodWidget,
    PersianHeadersMixin,
    TextWidget,
    cell_text,
    text_field,
)
from moqdad import jalali
from moqdad.imports import AllOrNothingResource
from moqdad.persian import to_latin_digits
from neighborhoods.models import Agency, Problem


class JalaliDateWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        if hasattr(value, "year") and hasattr(value, "month"):
            return value.date() if hasattr(value, "date") else value
        text = cell_text(value)
        if not text:
            return None
        try:
            return jalali.parse(text)[0]
        except jalali.JalaliDateError as exc:
            raise ValueError(str(exc)) from exc

    def render(self, value, obj=None, **kwargs):
        return to_latin_digits(jalali.format_numeric(value)) if value else ""


class NumberWidget(widgets.Widget):
    """A whole number in Persian or Latin digits, with or without thousands separators."""

    def __init__(self, *, maximum: int | None = None):
        self.maximum = maximum
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        text = to_latin_digits(cell_text(value))
        for mark in (",", "٬", "،", " "):
            text = text.replace(mark, "")
        if not text:
            return None
        if not text.isdigit() or (self.maximum is not None and int(text) > self.maximum):
            if self.maximum is not None:
                raise ValueError(
                    _("Write a whole number from 0 to %(max)s.") % {"max": self.maximum}
                )
            raise ValueError(_("Write a whole number, such as 12 or ۱۲."))
        return int(text)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class ByPkWidget(widgets.Widget):
    def __init__(self, model, message: str):
        self.model = model
        self.message = message
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        text = to_latin_digits(cell_text(value))
        if not text:
            return None
        found = self.model.objects.filter(pk=int(text)).first() if text.isdigit() else None
        if found is None:
            raise ValueError(self.message % {"value": text})
        return found

    def render(self, value, obj=None, **kwargs):
        return str(value.pk) if value else ""


class AgencyWidget(widgets.Widget):
    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return None
        found = (
            Agency.objects.filter(name=text).first()
            or Agency.objects.filter(short_name=text).first()
        )
        if found is None:
            raise ValueError(_("There is no agency «%(name)s».") % {"name": text})
        return found

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class CommitmentResource(PersianHeadersMixin, AllOrNothingResource):
    id = fields.Field(attribute="id", column_name="شناسه", widget=widgets.IntegerWidget())
    title = text_field("title", "تعهد")
    kind = fields.Field(attribute="kind", column_name="نوع", widget=ChoiceWidget(Commitment.Kind))
    amount = fields.Field(attribute="amount", column_name="مقدار", widget=NumberWidget())
    unit = text_field("unit", "واحد")
    neighborhood = fields.Field(
        attribute="neighborhood", column_name="محله", widget=NeighborhoodWidget()
    )
    problem = fields.Field(
        attribute="problem",
        column_name="شناسه مسئله",
        widget=ByPkWidget(Problem, _("There is no problem number %(value)s.")),
    )
    problem_title = fields.Field(
        attribute="problem__title", column_name="مسئله", readonly=True, widget=TextWidget()
    )
    agency = fields.Field(attribute="agency", column_name="دستگاه", widget=AgencyWidget())
    maker_name = text_field("maker_name", "متعهد")
    maker_organization = text_field("maker_organization", "سازمان")
    status = fields.Field(
        attribute="status",
        column_name="وضعیت",
        widget=ChoiceWidget(Commitment.Status, default=Commitment.Status.OFFERED),
    )
    drop_reason = text_field("drop_reason", "دلیل کنار گذاشتن")
    progress_percent = fields.Field(
        attribute="progress_percent", column_name="پیشرفت (درصد)", widget=NumberWidget(maximum=100)
    )
    due_date = fields.Field(attribute="due_date", column_name="سررسید", widget=JalaliDateWidget())

    class Meta:
        model = Commitment
        fields = [
            "id",
            "title",
            "kind",
            "amount",
            "unit",
            "neighborhood",
            "problem",
            "problem_title",
            "agency",
            "maker_name",
            "maker_organization",
            "status",
            "drop_reason",
            "progress_percent",
            "due_date",
        ]
        import_id_fields = ["id"]
        clean_model_instances = True
        skip_unchanged = False
        use_transactions = True

    def before_import(self, dataset, **kwargs):
        super().before_import(dataset, **kwargs)
        self.fields["neighborhood"].widget.load()

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.attribute == "progress_percent" and cell_text(row.get(field.column_name)) == "":
            return
        super().import_field(field, instance, row, is_m2m, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        stored = getattr(self, "_stored", None)
        try:
            services.check_transition(
                before=stored.status if stored is not None else None, after=instance.status
            )
        except ValidationError as error:
            raise ValidationError(self.errors_by_column(error.error_dict)) from error
        if stored is None and instance.exhibition_id is None:
            from exhibition.models import Exhibition

            instance.exhibition = Exhibition.objects.current()
            if instance.exhibition is None:
                raise ValidationError({"شناسه": [_("No edition is current.")]})
        super().validate_instance(instance, import_validation_errors, validate_unique)

    def save_instance(self, instance, is_create, row, **kwargs):
        self.before_save_instance(instance, row, **kwargs)
        services.commitment_save(
            commitment=instance,
            user=kwargs.get("user"),
            reason=getattr(instance, "_change_reason", ""),
        )
        self.after_save_instance(instance, row, **kwargs)
