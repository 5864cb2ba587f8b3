from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from martyrs.models import CorrectionSuggestion, Martyr, VeteranTally
from martyrs.resources import ADMIN_IMPORT_MAX_ROWS, MartyrResource, VeteranTallyResource
from moqdad import jalali
from moqdad.admin_base import MoqdadImportExportAdmin, MoqdadModelAdmin
from moqdad.persian import normalize_for_search


class MartyrAdminForm(forms.ModelForm):
    """Birth and martyrdom dates typed in Jalali, known to the day, the month or the year."""

    birth = jalali.PartialJalaliDateField(label=_("birth date"), required=False)
    martyrdom = jalali.PartialJalaliDateField(label=_("martyrdom date"), required=False)

    class Meta:
        model = Martyr
        fields = [
            "first_name",
            "last_name",
            "father_name",
            "neighborhood",
            "category",
            "birth_place",
            "martyrdom_place",
            "burial_place",
            "operation",
            "unit",
            "photo",
            "biography",
            "testament_excerpt",
            "is_prominent",
            "source",
            "is_verified",
            "is_synthetic",
            "status",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["birth"] = jalali.format_numeric(
                self.instance.birth_date, self.instance.birth_date_precision
            )
            self.initial["martyrdom"] = jalali.format_numeric(
                self.instance.martyrdom_date, self.instance.martyrdom_date_precision
            )

    def _post_clean(self):
        for name in ("birth", "martyrdom"):
            value = self.cleaned_data.get(name)
            date, precision = value if value else (None, jalali.DatePrecision.DAY)
            setattr(self.instance, f"{name}_date", date)
            setattr(self.instance, f"{name}_date_precision", precision)
        super()._post_clean()


@admin.register(Martyr)
class MartyrAdmin(MoqdadImportExportAdmin):
    form = MartyrAdminForm
    resource_classes = [MartyrResource]
    list_display = [
        "full_name_display",
        "father_name",
        "neighborhood",
        "category",
        "martyrdom_display",
        "is_prominent",
        "is_verified",
        "status",
    ]
    list_filter = ["status", "category", "is_prominent", "is_verified", "is_synthetic"]
    search_fields = [
        "search_text__contains",
        "father_name_key__contains",
        "operation_key__contains",
    ]
    list_select_related = ["neighborhood"]
    autocomplete_fields = ["neighborhood"]
    fieldsets = [
        (None, {"fields": ["first_name", "last_name", "father_name", "neighborhood", "category"]}),
        (
            _("Dates and places"),
            {"fields": ["birth", "birth_place", "martyrdom", "martyrdom_place", "burial_place"]},
        ),
        (_("Service"), {"fields": ["operation", "unit"]}),
        (_("Memorial"), {"fields": ["photo", "biography", "testament_excerpt", "is_prominent"]}),
        (_("Record"), {"fields": ["source", "is_verified", "is_synthetic", "status"]}),
    ]

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs),
                "max_rows": ADMIN_IMPORT_MAX_ROWS}  # fmt: skip

    def get_search_results(self, request, queryset, search_term):
        """Search on the normalized keys, so «كبيري پور» finds «کبیری‌پور»."""
        return super().get_search_results(
            request, queryset, normalize_for_search(search_term) or search_term
        )

    @admin.display(description=_("full name"), ordering="last_name")
    def full_name_display(self, obj):
        return obj.full_name

    @admin.display(description=_("martyrdom date"), ordering="martyrdom_date")
    def martyrdom_display(self, obj):
        return jalali.format_numeric(obj.martyrdom_date, obj.martyrdom_date_precision) or "-"


@admin.register(VeteranTally)
class VeteranTallyAdmin(MoqdadImportExportAdmin):
    resource_classes = [VeteranTallyResource]
    list_display = ["neighborhood", "kind", "count"]
    list_filter = ["kind"]
    search_fields = ["neighborhood__name"]
    list_select_related = ["neighborhood"]
    autocomplete_fields = ["neighborhood"]


@admin.register(CorrectionSuggestion)
class CorrectionSuggestionAdmin(MoqdadModelAdmin):
    list_display = ["martyr", "name", "relation", "is_handled", "created_at"]
    list_filter = ["is_handled"]
    search_fields = ["martyr__last_name", "name", "message"]
    list_select_related = ["martyr"]
    readonly_fields = ["martyr", "name", "contact", "relation", "message", "created_at"]
