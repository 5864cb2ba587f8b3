"""The follow-up's admin: commitments (with milestones, the "was it done?" answer and where
each came from), the attendance counts, and the action that makes a visitor's contact request
a commitment."""

import datetime

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from exhibition.models import ContactRequest
from followup import services
from followup.models import AttendanceCount, Commitment, Milestone
from followup.resources import CommitmentResource
from followup.selectors.commitments import SOON_DAYS
from moqdad import rules
from moqdad.access import access_for
from moqdad.admin_base import MoqdadImportExportAdmin, MoqdadModelAdmin, MoqdadTabularInline
from moqdad.persian import display_digits
from moqdad.roles import Role

CONFIRMERS = frozenset({Role.ORGANIZER, Role.NEIGHBORHOOD_MANAGER})


class DueFilter(admin.SimpleListFilter):
    title = _("due")
    parameter_name = "due"

    def lookups(self, request, model_admin):
        return [("overdue", _("Overdue")), ("soon", _("Due within a week"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.open().filter(due_date__lt=today)
        if self.value() == "soon":
            return queryset.open().filter(
                due_date__gte=today, due_date__lte=today + datetime.timedelta(days=SOON_DAYS)
            )
        return queryset


class MilestoneInline(MoqdadTabularInline):
    model = Milestone
    fields = ["date", "title", "progress_percent"]
    show_change_link = False


class CommitmentForm(forms.ModelForm):
    """The lifecycle is checked against the status as stored, before the form changes it."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.stored_status = self.instance.status if self.instance.pk else None

    def clean(self):
        cleaned_data = super().clean()
        status = cleaned_data.get("status")
        if status:
            try:
                services.check_transition(before=self.stored_status, after=status)
            except ValidationError as error:
                self.add_error(None, error.error_dict["status"])
        return cleaned_data


@admin.register(Commitment)
class CommitmentAdmin(MoqdadImportExportAdmin):
    form = CommitmentForm
    resource_classes = [CommitmentResource]
    list_display = [
        "title",
        "neighborhood",
        "kind",
        "status",
        "progress_percent",
        "due_date",
        "confirmation",
        "maker_name",
    ]
    list_filter = [DueFilter, "status", "kind", "confirmation", "source", "neighborhood__district"]
    search_fields = [
        "title",
        "maker_name",
        "maker_organization",
        "neighborhood__name",
        "problem__title",
    ]
    list_select_related = ["neighborhood"]
    autocomplete_fields = ["neighborhood", "problem", "plan", "agency"]
    inlines = [MilestoneInline]
    readonly_fields = [
        "provenance",
        "source",
        "contact_request",
        "booth",
        "done_on",
        "confirmation",
        "confirmation_note",
        "confirmed_by",
        "confirmed_at",
        "last_reminded_on",
    ]
    fieldsets = [
        (_("What"), {"fields": ["title", "kind", ("amount", "unit"), "description"]}),
        (_("For"), {"fields": ["neighborhood", "problem", "plan"]}),
        (
            _("Who"),
            {
                "fields": [
                    "maker_name",
                    "maker_organization",
                    "maker_position",
                    "agency",
                    "maker_phone",
                    "maker_email",
                    "maker_named_publicly",
                    "maker_wants_updates",
                ]
            },
        ),
        (
            _("Follow-up"),
            {
                "fields": [
                    "status",
                    "drop_reason",
                    "progress_percent",
                    "due_date",
                    "done_on",
                    "last_reminded_on",
                ]
            },
        ),
        (
            _("Was it done?"),
            {"fields": ["confirmation", "confirmation_note", "confirmed_by", "confirmed_at"]},
        ),
        (
            _("Where it came from"),
            {"fields": ["provenance", "source", "contact_request", "booth", "exhibition"]},
        ),
    ]
    actions = ["mark_agreed", "mark_in_progress", "mark_done", "confirm_done", "report_not_done"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("neighborhood")

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        roles = access_for(request.user).roles
        if Role.NEIGHBORHOOD_MANAGER in roles and Role.ORGANIZER not in roles:
            initial.setdefault("source", Commitment.Source.MANAGER)
        elif Role.AGENCY_STAFF in roles and Role.ORGANIZER not in roles:
            initial.setdefault("source", Commitment.Source.AGENCY)
        return initial

    def save_model(self, request, obj, form, change):
        services.commitment_save(commitment=obj, user=request.user)

    def save_formset(self, request, form, formset, change):
        instances = formset.save()
        for milestone in instances:
            if isinstance(milestone, Milestone) and milestone.progress_percent is not None:
                milestone.commitment.refresh_from_db()
                services.milestone_applied(milestone=milestone, user=request.user)

    @admin.display(description=_("visitor contact → booth → commitment → problem"))
    def provenance(self, obj):
        steps = []
        if obj.contact_request_id:
            steps.append(str(_("a visitor's contact request")))
        if obj.booth_id:
            steps.append(_("booth %(code)s") % {"code": display_digits(obj.booth.code)})
        steps.append(str(_("this commitment")))
        if obj.problem_id:
            steps.append(_("problem “%(title)s”") % {"title": display_digits(obj.problem.title)})
        return " → ".join(steps)

    # Bulk steps of the lifecycle; each commitment through the service, one by one.

    def _move(self, request, queryset, status):
        moved = 0
        for commitment in queryset:
            try:
                services.commitment_set_status(
                    commitment=commitment, status=status, user=request.user
                )
            except ValidationError as error:
                self.message_user(
                    request, f"{commitment}: {' '.join(error.messages)}", messages.ERROR
                )
            else:
                moved += 1
        if moved:
            self.message_user(
                request,
                ngettext("%(count)s commitment changed.", "%(count)s commitments changed.", moved)
                % {"count": display_digits(moved)},
                messages.SUCCESS,
            )

    @admin.action(description=_("Mark selected commitments as agreed"))
    def mark_agreed(self, request, queryset):
        self._move(request, queryset, Commitment.Status.AGREED)

    @admin.action(description=_("Mark selected commitments as in progress"))
    def mark_in_progress(self, request, queryset):
        self._move(request, queryset, Commitment.Status.IN_PROGRESS)

    @admin.action(description=_("Mark selected commitments as done"))
    def mark_done(self, request, queryset):
        self._move(request, queryset, Commitment.Status.DONE)

    def _answer(self, request, queryset, done: bool):
        if not (access_for(request.user).roles & CONFIRMERS or request.user.is_superuser):
            self.message_user(
                request, _("Only the neighborhood's manager answers this."), messages.ERROR
            )
            return
        answered = 0
        for commitment in queryset.filter(status=Commitment.Status.DONE):
            services.commitment_confirm(commitment=commitment, done=done, user=request.user)
            answered += 1
        if not answered:
            self.message_user(
                request, _("None of the selected commitments is marked as done."), messages.ERROR
            )
            return
        self.message_user(
            request,
            ngettext("%(count)s commitment answered.", "%(count)s commitments answered.", answered)
            % {"count": display_digits(answered)},
            messages.SUCCESS,
        )

    @admin.action(description=_("Was it done? Yes, confirm selected commitments"))
    def confirm_done(self, request, queryset):
        self._answer(request, queryset, True)

    @admin.action(description=_("Was it done? No, it was not done"))
    def report_not_done(self, request, queryset):
        self._answer(request, queryset, False)


@admin.register(Milestone)
class MilestoneAdmin(MoqdadModelAdmin):
    list_display = ["title", "commitment", "date", "progress_percent"]
    search_fields = ["title", "commitment__title"]
    list_select_related = ["commitment__neighborhood"]
    autocomplete_fields = ["commitment"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.milestone_applied(milestone=obj, user=request.user)


@admin.register(AttendanceCount)
class AttendanceCountAdmin(MoqdadModelAdmin):
    list_display = ["day", "starts_at", "ends_at", "visitors", "delegations", "official_visits"]
    list_filter = ["exhibition"]
    search_fields = ["note"]

    def get_changeform_initial_data(self, request):
        from exhibition.models import Exhibition

        initial = super().get_changeform_initial_data(request)
        edition = Exhibition.objects.current()
        if edition is not None:
            initial.setdefault("exhibition", edition.pk)
        return initial


# A visitor's contact request becomes a commitment: an action on the contact requests' list,
# added from here so that the exhibition app needs to know nothing of commitments.


@admin.action(
    description=_("Make commitments of the selected requests"), permissions=["make_commitment"]
)
def make_commitments(modeladmin, request, queryset):
    made, refused = [], []
    for contact_request in queryset.select_related("booth").filter(~Q(status="spam")):
        if contact_request.commitments.exists():
            refused.append(str(contact_request))
            continue
        try:
            commitment = services.commitment_from_contact_request(
                contact_request=contact_request, user=request.user
            )
        except ValidationError as error:
            modeladmin.message_user(request, " ".join(error.messages), messages.ERROR)
            continue
        made.append(commitment)
    if refused:
        modeladmin.message_user(
            request,
            _("Already a commitment: %(requests)s") % {"requests": "، ".join(refused)},
            messages.WARNING,
        )
    if made:
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)s commitment made; complete it (kind, problem, due date).",
                "%(count)s commitments made; complete them (kind, problem, due date).",
                len(made),
            )
            % {"count": display_digits(len(made))},
            messages.SUCCESS,
        )


def _may_make_commitments(request) -> bool:
    return rules.user_can(request.user, "add", Commitment)


contact_request_admin = admin.site.get_model_admin(ContactRequest)
contact_request_admin.actions = [*contact_request_admin.actions, make_commitments]
contact_request_admin.has_make_commitment_permission = _may_make_commitments
