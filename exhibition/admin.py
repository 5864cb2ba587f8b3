from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from exhibition import printing, services
from exhibition.models import (
    Booth,
    BoothHolder,
    BoothPhoto,
    ContactRequest,
    Exhibition,
    Hall,
    Partnership,
    ScheduleItem,
    Section,
    StrataBase,
)
from exhibition.resources import ScheduleItemResource
from moqdad import jalali
from moqdad.admin_base import MoqdadImportExportAdmin, MoqdadModelAdmin, MoqdadTabularInline
from moqdad.admin_display import JalaliDateValuesListFilter
from moqdad.templatetags.persian import fa_digits


class CurrentEditionAdminMixin:
    """New rows start in the current edition, and an empty date opens its calendar there."""

    def _current_edition(self, request):
        if not hasattr(request, "_moqdad_current_edition"):
            request._moqdad_current_edition = Exhibition.objects.current()
        return request._moqdad_current_edition

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        edition = self._current_edition(request)
        if edition is not None:
            initial.setdefault("exhibition", edition.pk)
        return initial

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        is_date = isinstance(db_field, models.DateField) and not isinstance(
            db_field, models.DateTimeField
        )
        edition = self._current_edition(request) if is_date and formfield else None
        if edition is not None:
            formfield.widget.attrs["data-jalali-open-at"] = jalali.format_numeric(
                edition.start_date
            )
        return formfield


class PartnershipInline(MoqdadTabularInline):
    model = Partnership
    autocomplete_fields = ["agency"]


class HallInline(MoqdadTabularInline):
    model = Hall
    fields = ["name"]


class SectionInline(MoqdadTabularInline):
    model = Section
    fields = ["number", "title", "title_en", "color", "status"]


@admin.register(Exhibition)
class ExhibitionAdmin(MoqdadModelAdmin):
    list_display = ["title", "jalali_year", "start_date", "end_date", "is_current", "status"]
    list_filter = ["is_current", "status"]
    search_fields = ["title", "full_title", "venue"]
    inlines = [SectionInline, HallInline, PartnershipInline]


@admin.register(Section)
class SectionAdmin(CurrentEditionAdminMixin, MoqdadModelAdmin):
    list_display = ["number", "title", "exhibition", "status"]
    list_filter = ["exhibition", "status"]
    search_fields = ["title"]
    list_select_related = ["exhibition"]


@admin.register(StrataBase)
class StrataBaseAdmin(MoqdadModelAdmin):
    list_display = ["name", "stratum", "status"]
    list_filter = ["stratum", "status"]
    search_fields = ["name"]


class BoothHolderInline(MoqdadTabularInline):
    model = BoothHolder
    fields = ["full_name", "role", "phone", "user"]
    autocomplete_fields = ["user"]
    show_change_link = False


class BoothPhotoInline(MoqdadTabularInline):
    model = BoothPhoto
    fields = ["image", "caption", "position"]
    show_change_link = False


@admin.register(Booth)
class BoothAdmin(CurrentEditionAdminMixin, MoqdadModelAdmin):
    list_display = [
        "code_display",
        "name",
        "section",
        "neighborhood",
        "strata_base",
        "agency",
        "status",
    ]
    list_filter = ["exhibition", "section", "status", "agency"]
    search_fields = ["code", "name", "search_text", "neighborhood__name"]
    prepopulated_from = {"slug": ["name"]}
    list_select_related = ["section", "neighborhood", "strata_base", "agency"]
    autocomplete_fields = ["neighborhood", "strata_base", "agency"]
    inlines = [BoothHolderInline, BoothPhotoInline]
    actions = ["print_signs"]
    fieldsets = [
        (None, {"fields": ["exhibition", "section", "code", "name", "slug", "status"]}),
        (_("Who presents it"), {"fields": ["neighborhood", "strata_base", "agency"]}),
        (_("Content"), {"fields": ["summary", "description", "photo"]}),
        (_("Floor plan"), {"fields": ["plan_x", "plan_y", "plan_width", "plan_depth"]}),
    ]

    @admin.display(description=_("booth code"), ordering="code")
    def code_display(self, obj):
        return fa_digits(obj.code)

    @admin.action(description=_("Print signs for the selected booths (PDF)"), permissions=["view"])
    def print_signs(self, request, queryset):
        booths = list(
            queryset.select_related("exhibition", "section", "neighborhood", "strata_base")
        )
        # The bulk-action wrapper has kept only booths the user may see, at least one.
        document = printing.booth_signs_document(exhibition=booths[0].exhibition, booths=booths)
        return printing.pdf_response(document)


@admin.register(BoothHolder)
class BoothHolderAdmin(MoqdadModelAdmin):
    list_display = ["full_name", "booth", "role"]
    search_fields = ["full_name", "booth__name", "booth__code"]
    list_filter = ["booth__section"]
    list_select_related = ["booth"]
    autocomplete_fields = ["booth", "user"]


@admin.register(ScheduleItem)
class ScheduleItemAdmin(CurrentEditionAdminMixin, MoqdadImportExportAdmin):
    resource_classes = [ScheduleItemResource]
    change_list_template = "admin/exhibition/scheduleitem/change_list.html"
    list_display = [
        "title",
        "day_display",
        "start_time",
        "end_time",
        "place_display",
        "kind",
        "status",
    ]
    list_filter = [
        "exhibition",
        ("day", JalaliDateValuesListFilter),
        "kind",
        "place_kind",
        "status",
        "agency",
    ]
    search_fields = ["title", "speakers", "hall__name", "booth__name"]
    list_select_related = ["booth", "exhibition", "hall"]
    autocomplete_fields = ["booth", "neighborhood", "agency"]
    fieldsets = [
        (None, {"fields": ["exhibition", "title", "kind", "status"]}),
        (_("When"), {"fields": ["day", "start_time", "end_time"]}),
        (_("Where"), {"fields": ["place_kind", "hall", "booth"]}),
        (_("Details"), {"fields": ["speakers", "description", "neighborhood", "agency"]}),
    ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        # The halls of the item's edition (a new item: the current one's) to choose from.
        edition = obj.exhibition if obj is not None else Exhibition.objects.current()
        hall = form.base_fields.get("hall")
        if edition is not None and hall is not None:
            hall.queryset = hall.queryset.filter(exhibition=edition)
        return form

    def save_model(self, request, obj, form, change):
        services.schedule_item_save(item=obj)

    @admin.display(description=_("place"))
    def place_display(self, obj):
        return obj.place_label

    @admin.display(description=_("day"), ordering="day")
    def day_display(self, obj):
        return jalali.format_date(obj.day, weekday=True)


@admin.register(ContactRequest)
class ContactRequestAdmin(MoqdadModelAdmin):
    list_display = ["subject", "booth", "name", "organization", "status", "created_at"]
    list_filter = ["status", "booth__section"]
    search_fields = ["subject", "name", "organization", "booth__code", "booth__name"]
    list_select_related = ["booth"]
    readonly_fields = [
        "booth", "name", "organization", "position", "phone", "email", "subject", "message",
        "created_at", "handled_by", "handled_at",
    ]  # fmt: skip
    actions = ["mark_handled"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Mark selected requests as handled"))
    def mark_handled(self, request, queryset):
        # One save per request (not a bulk update) so each keeps its history.
        count = 0
        for contact_request in queryset.exclude(status=ContactRequest.Status.HANDLED):
            services.contact_request_mark_handled(
                contact_request=contact_request, user=request.user
            )
            count += 1
        self.message_user(
            request, _("%(count)s requests marked as handled.") % {"count": fa_digits(count)}
        )
