"""Bulk import and export of the guest list (CSV and XLSX, Persian headers).

All or nothing (moqdad.imports): a sheet with one bad row writes none, and each bad row is
named with its Persian error. A row that repeats a guest already on the list, or an earlier
row of the same sheet (same mobile number, or same name and organisation in any spelling), is
an error: merge or fix it rather than adding the person twice. In the admin every row also
passes the importing account's rules (agency staff import only guests of their own agency).
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _
from import_export import fields, widgets

from guests.models import Guest, phone_key
from martyrs.resources import ChoiceWidget, PersianHeadersMixin, TextWidget, cell_text, text_field
from moqdad.imports import AllOrNothingResource
from moqdad.persian import normalize_for_search, to_persian_digits
from neighborhoods.models import Agency


class AgencyWidget(widgets.Widget):
    """An agency by its name or short name, in any spelling."""

    def __init__(self):
        self._by_key = None
        super().__init__()

    def clean(self, value, row=None, **kwargs):
        text = cell_text(value)
        if not text:
            return None
        if self._by_key is None:
            self._by_key = {}
            for agency in Agency.objects.only("pk", "name", "short_name"):
                for name in (agency.name, agency.short_name):
                    if name:
                        self._by_key[normalize_for_search(name)] = agency
        found = self._by_key.get(normalize_for_search(text))
        if found is None:
            raise ValueError(_("There is no agency «%(name)s».") % {"name": text})
        return found

    def render(self, value, obj=None, **kwargs):
        return value.name if value else ""


class GuestResource(PersianHeadersMixin, AllOrNothingResource):
    name = text_field("name", "نام و نام خانوادگی")
    title = text_field("title", "سمت")
    organization = text_field("organization", "سازمان")
    category = fields.Field(
        attribute="category",
        column_name="دسته",
        widget=ChoiceWidget(Guest.Category, default=Guest.Category.OTHER),
    )
    phone = fields.Field(attribute="phone", column_name="تلفن همراه", widget=TextWidget())
    email = text_field("email", "ایمیل")
    language = fields.Field(
        attribute="language",
        column_name="زبان",
        widget=ChoiceWidget(Guest.Language, default=Guest.Language.PERSIAN),
    )
    agency = fields.Field(attribute="agency", column_name="دستگاه دعوت‌کننده", widget=AgencyWidget())
    notes = text_field("notes", "یادداشت")

    class Meta:
        model = Guest
        fields = [
            "name",
            "title",
            "organization",
            "category",
            "phone",
            "email",
            "language",
            "agency",
            "notes",
        ]
        import_id_fields = []
        clean_model_instances = True
        skip_unchanged = False
        use_transactions = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.seen: dict[tuple, int] = {}
        self.row_number = None

    def import_instance(self, instance, row, **kwargs):
        self.row_number = kwargs.get("row_number")
        super().import_instance(instance, row, **kwargs)

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        try:
            instance.full_clean(exclude=list(errors), validate_unique=False)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if not errors:
            problem = self.duplicate_of(instance)
            if problem:
                errors.setdefault(NON_FIELD_ERRORS, []).append(problem)
        if errors:
            raise ValidationError(self.errors_by_column(errors))

    def duplicate_of(self, instance: Guest) -> str | None:
        keys = [("name", normalize_for_search(f"{instance.name} {instance.organization}"))]
        if phone := phone_key(instance.phone):
            keys.append(("phone", phone))
        for key in keys:
            earlier = self.seen.get(key)
            if earlier is not None:
                return _("Row %(row)s of this sheet already has this guest.") % {
                    "row": to_persian_digits(earlier)
                }
        for key in keys:
            self.seen[key] = self.row_number
        lookup = {f"{kind}_key": value for kind, value in keys[1:]}
        existing = Guest.objects.filter(name_key=keys[0][1])
        if lookup:
            existing = existing | Guest.objects.filter(**lookup)
        found = existing.exclude(pk=instance.pk).first()
        if found is None:
            return None
        return _(
            "This guest is already on the list as «%(name)s» (same mobile number, or same name "
            "and organisation)."
        ) % {"name": found.name}
