from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from moqdad.admin_base import MoqdadModelAdmin, MoqdadTabularInline
from neighborhoods.models import (
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


@admin.register(Agency)
class AgencyAdmin(MoqdadModelAdmin):
    scope = {"agency": "pk"}
    list_display = ["name", "short_name", "kind"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]


@admin.register(ProgrammePhase)
class ProgrammePhaseAdmin(MoqdadModelAdmin):
    scope = {}
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
    scope = {"neighborhood": "pk"}
    list_display = ["name", "district", "phase", "is_selected", "manager_name", "status"]
    list_filter = ["status", "is_selected", "phase", "district", "is_synthetic"]
    search_fields = ["name", "search_text", "manager_name"]
    prepopulated_fields = {"slug": ["name"]}
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


@admin.register(Council)
class CouncilAdmin(MoqdadModelAdmin):
    scope = {"neighborhood": "neighborhood"}
    list_display = ["__str__", "neighborhood", "member_count", "formed_on", "status"]
    list_filter = ["status", "neighborhood__district"]
    search_fields = ["neighborhood__name", "neighborhood__search_text"]
    list_select_related = ["neighborhood"]
    autocomplete_fields = ["neighborhood"]
    inlines = [CouncilMemberInline]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(_member_count=Count("members"))

    @admin.display(description=_("members"), ordering="_member_count")
    def member_count(self, obj):
        return obj._member_count


@admin.register(CouncilMember)
class CouncilMemberAdmin(MoqdadModelAdmin):
    scope = {"neighborhood": "council__neighborhood"}
    list_display = ["full_name", "council", "role", "is_chair", "publish_name"]
    list_filter = ["role", "is_chair", "publish_name"]
    search_fields = ["full_name", "council__neighborhood__name"]
    list_select_related = ["council__neighborhood"]
    autocomplete_fields = ["council"]


class ActionPlanInline(MoqdadTabularInline):
    model = ActionPlan
    fields = ["title", "responsible", "status", "progress_percent", "due_date"]


@admin.register(Problem)
class ProblemAdmin(MoqdadModelAdmin):
    scope = {"neighborhood": "neighborhood"}
    list_display = ["title", "neighborhood", "category", "progress", "status"]
    list_filter = ["status", "category", "progress"]
    search_fields = ["title", "neighborhood__name"]
    list_select_related = ["neighborhood"]
    autocomplete_fields = ["neighborhood"]
    inlines = [ActionPlanInline]


@admin.register(ActionPlan)
class ActionPlanAdmin(MoqdadModelAdmin):
    scope = {"neighborhood": "problem__neighborhood"}
    list_display = ["title", "problem", "status", "progress_percent", "due_date"]
    list_filter = ["status"]
    search_fields = ["title", "problem__title"]
    list_select_related = ["problem"]
    autocomplete_fields = ["problem"]


@admin.register(Initiative)
class InitiativeAdmin(MoqdadModelAdmin):
    scope = {"neighborhood": "neighborhood"}
    list_display = ["title", "neighborhood", "kind", "progress", "started_on", "status"]
    list_filter = ["status", "kind", "progress"]
    search_fields = ["title", "neighborhood__name"]
    list_select_related = ["neighborhood"]
    autocomplete_fields = ["neighborhood"]


@admin.register(IdentityElement)
class IdentityElementAdmin(MoqdadModelAdmin):
    scope = {"neighborhood": "neighborhood"}
    list_display = ["title", "neighborhood", "kind", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "neighborhood__name"]
    list_select_related = ["neighborhood"]
    autocomplete_fields = ["neighborhood"]


@admin.register(ProfileIndicator)
class ProfileIndicatorAdmin(MoqdadModelAdmin):
    scope = {"neighborhood": "neighborhood"}
    list_display = ["title", "neighborhood", "year", "kind", "value", "unit"]
    list_filter = ["kind", "year"]
    search_fields = ["title", "neighborhood__name"]
    list_select_related = ["neighborhood"]
    autocomplete_fields = ["neighborhood"]


@admin.register(VulnerabilityFlag)
class VulnerabilityFlagAdmin(MoqdadModelAdmin):
    scope = {"agency": "agency"}
    list_display = ["neighborhood", "agency", "year", "is_flagged"]
    list_filter = ["agency", "year", "is_flagged"]
    search_fields = ["neighborhood__name", "agency__name"]
    list_select_related = ["neighborhood", "agency"]
    autocomplete_fields = ["neighborhood", "agency"]


@admin.register(StaffProfile)
class StaffProfileAdmin(MoqdadModelAdmin):
    scope = {}
    list_display = ["user", "agency"]
    list_filter = ["agency"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    list_select_related = ["user", "agency"]
    autocomplete_fields = ["user", "agency"]
