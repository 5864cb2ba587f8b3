from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.forms.models import BaseInlineFormSet
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from moqdad.admin_base import MoqdadModelAdmin, MoqdadTabularInline
from moqdad.templatetags.persian import fa_digits
from neighborhoods.models import (
    COUNCIL_MIN_MEMBERS,
    ActionPlan,
    Agency,
    Council,
    CouncilMember,
    IdentityElement,
    Initiative,
    Neighborhood,
    Problem,
    ProfileIndicator,
    ProgrammePhase,
    StaffProfile,
    VulnerabilityFlag,
    validate_council_size,
)
from neighborhoods.services import council_check_room, council_member_add, council_member_remove


@admin.register(Agency)
class AgencyAdmin(MoqdadModelAdmin):
    list_display = ["name", "short_name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]


@admin.register(ProgrammePhase)
class ProgrammePhaseAdmin(MoqdadModelAdmin):
    list_display = ["number", "title", "neighborhood_count", "start_year", "end_year"]
    search_fields = ["title"]
    list_filter = ["start_year"]


class ProfileIndicatorInline(MoqdadTabularInline):
    model = ProfileIndicator
    fields = ["year", "kind", "title", "value", "unit"]


class VulnerabilityFlagInline(MoqdadTabularInline):
    model = VulnerabilityFlag
    fields = ["agency", "year", "is_flagged", "note"]
    autocomplete_fields = ["agency"]


@admin.register(Neighborhood)
class NeighborhoodAdmin(MoqdadModelAdmin):
    list_display = ["name", "district", "phase", "is_selected", "manager_name", "status"]
    list_filter = ["status", "is_selected", "phase", "district", "is_synthetic"]
    search_fields = ["name", "search_text", "manager_name"]
    prepopulated_from = {"slug": ["name"]}
    list_select_related = ["phase"]
    filter_horizontal = ["managers"]
    inlines = [ProfileIndicatorInline, VulnerabilityFlagInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "district", "phase", "is_selected", "status"]}),
        (_("Profile"), {"fields": ["summary", "description", "population", "households", "photo"]}),
        (_("Management"), {"fields": ["manager_name", "managers", "is_synthetic"]}),
    ]


class CouncilMemberFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        if any(self.errors):
            return
        kept = [
            form
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE", False)
        ]
        validate_council_size(len(kept))


class CouncilMemberInline(MoqdadTabularInline):
    model = CouncilMember
    formset = CouncilMemberFormSet
    fields = ["full_name", "role", "is_chair", "publish_name", "phone", "address"]
    show_change_link = False

    def get_extra(self, request, obj=None, **kwargs):
        # A new council needs at least six members: offer six empty rows.
        return COUNCIL_MIN_MEMBERS if obj is None else 0


@admin.register(Council)
class CouncilAdmin(MoqdadModelAdmin):
    list_display = ["__str__", "neighborhood", "member_count", "formed_on", "status"]
    list_filter = ["status", "neighborhood__district"]
    search_fields = ["neighborhood__name", "neighborhood__search_text"]
    list_select_related = ["neighborhood"]
    autocomplete_fields = ["neighborhood"]
    inlines = [CouncilMemberInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(_member_count=Count("members"))

    @admin.display(description=_("members"), ordering="_member_count")
    def member_count(self, obj):
        return fa_digits(obj._member_count)


class CouncilMemberAdminForm(forms.ModelForm):
    """The admin builds the fields; this form adds the council-size check."""

    def clean(self):
        cleaned_data = super().clean()
        council = cleaned_data.get("council")
        joining = self.instance.pk is None or self.instance.council_id != getattr(
            council, "pk", None
        )
        if council is not None and joining:
            council_check_room(council=council)
        return cleaned_data


@admin.register(CouncilMember)
class CouncilMemberAdmin(MoqdadModelAdmin):
    form = CouncilMemberAdminForm
    list_display = ["full_name", "council", "role", "is_chair", "publish_name"]
    list_filter = ["role", "is_chair", "publish_name"]
    search_fields = ["full_name", "council__neighborhood__name"]
    list_select_related = ["council__neighborhood"]
    autocomplete_fields = ["council"]

    def save_model(self, request, obj, form, change):
        if change:
            super().save_model(request, obj, form, change)
            return
        fields = ["full_name", "role", "is_chair", "publish_name", "phone", "address"]
        member = council_member_add(
            council=obj.council, **{name: getattr(obj, name) for name in fields}
        )
        obj.pk = member.pk
        obj._state.adding = False

    def delete_model(self, request, obj):
        council_member_remove(member=obj)

    def get_actions(self, request):
        # One by one, so that a council never silently drops below six members.
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def delete_view(self, request, object_id, extra_context=None):
        member = self.get_object(request, unquote(object_id))
        if request.method == "POST" and member is not None:
            remaining = member.council.members.count() - 1
            if remaining < COUNCIL_MIN_MEMBERS:
                try:
                    validate_council_size(remaining)
                except ValidationError as error:
                    self.message_user(request, error.messages[0], messages.ERROR)
                return HttpResponseRedirect(request.path)
        return super().delete_view(request, object_id, extra_context)


class ActionPlanInline(MoqdadTabularInline):
    model = ActionPlan
    fields = ["title", "responsible", "status", "progress_percent", "due_date"]


@admin.register(Problem)
class ProblemAdmin(MoqdadModelAdmin):
    list_display = ["title", "neighborhood", "category", "progress", "status"]
    list_filter = ["status", "category", "progress"]
    search_fields = ["title", "neighborhood__name"]
    list_select_related = ["neighborhood"]
    autocomplete_fields = ["neighborhood"]
    inlines = [ActionPlanInline]


@admin.register(ActionPlan)
class ActionPlanAdmin(MoqdadModelAdmin):
    list_display = ["title", "problem", "status", "progress_percent", "due_date"]
    list_filter = ["status"]
    search_fields = ["title", "problem__title"]
    list_select_related = ["problem"]
    autocomplete_fields = ["problem"]


@admin.register(Initiative)
class InitiativeAdmin(MoqdadModelAdmin):
    list_display = ["title", "neighborhood", "kind", "progress", "started_on", "status"]
    list_filter = ["status", "kind", "progress"]
    search_fields = ["title", "neighborhood__name"]
    list_select_related = ["neighborhood"]
    autocomplete_fields = ["neighborhood"]


@admin.register(IdentityElement)
class IdentityElementAdmin(MoqdadModelAdmin):
    list_display = ["title", "neighborhood", "kind", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "neighborhood__name"]
    list_select_related = ["neighborhood"]
    autocomplete_fields = ["neighborhood"]


@admin.register(ProfileIndicator)
class ProfileIndicatorAdmin(MoqdadModelAdmin):
    list_display = ["title", "neighborhood", "year", "kind", "value", "unit"]
    list_filter = ["kind", "year"]
    search_fields = ["title", "neighborhood__name"]
    list_select_related = ["neighborhood"]
    autocomplete_fields = ["neighborhood"]


@admin.register(VulnerabilityFlag)
class VulnerabilityFlagAdmin(MoqdadModelAdmin):
    list_display = ["neighborhood", "agency", "year", "is_flagged"]
    list_filter = ["agency", "year", "is_flagged"]
    search_fields = ["neighborhood__name", "agency__name"]
    list_select_related = ["neighborhood", "agency"]
    autocomplete_fields = ["neighborhood", "agency"]


@admin.register(StaffProfile)
class StaffProfileAdmin(MoqdadModelAdmin):
    list_display = ["user", "agency"]
    list_filter = ["agency"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user", "agency"]
    autocomplete_fields = ["user", "agency"]
