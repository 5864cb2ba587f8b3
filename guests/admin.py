"""The guests' admin: guest list (import, duplicates and merge), invitations (answers recorded
by phone, sending, reminders, cards), slots, official visits, and the door's records.

Every list goes through the rules (moqdad.admin_base); every write through guests.services.
Check-ins are made only at the door page; an organizer's delete of one is an undo, recorded
in the scan ledger. The ledger itself is read-only.
"""

import uuid

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.db import transaction
from django.db.models import Q, Sum
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from exhibition.admin import CurrentEditionAdminMixin
from guests import selectors, services, tasks
from guests.models import CheckIn, Guest, Invitation, OfficialVisit, Scan, VisitSlot, VisitStop
from guests.printing import invitation_url
from guests.resources import GuestResource
from guests.services.messages import REMINDER
from moqdad import jalali, rules
from moqdad.admin_base import MoqdadImportExportAdmin, MoqdadModelAdmin, MoqdadTabularInline
from moqdad.admin_display import JalaliDateValuesListFilter
from moqdad.messaging import deliveries_for
from moqdad.persian import display_number


class DuplicatesFilter(admin.SimpleListFilter):
    title = _("possible duplicates")
    parameter_name = "duplicates"

    def lookups(self, request, model_admin):
        return [("yes", _("Only possible duplicates"))]

    def queryset(self, request, queryset):
        if self.value() != "yes":
            return queryset
        groups = selectors.guest_duplicates(guests=queryset)
        return queryset.filter(pk__in=[guest.pk for group in groups for guest in group])


@admin.register(Guest)
class GuestAdmin(MoqdadImportExportAdmin):
    resource_classes = [GuestResource]
    list_display = ["name", "title", "organization", "category", "phone", "agency"]
    list_filter = [DuplicatesFilter, "category", "language", "agency"]
    search_fields = ["name", "title", "organization", "phone", "email"]
    list_select_related = ["agency"]
    autocomplete_fields = ["agency"]
    actions = ["merge_guests"]
    fieldsets = [
        (None, {"fields": ["name", "title", "organization", "category", "language"]}),
        (_("Contact (private)"), {"fields": ["phone", "email"]}),
        (_("Invited by"), {"fields": ["agency", "notes", "is_synthetic"]}),
    ]

    def save_model(self, request, obj, form, change):
        services.guest_save(guest=obj, user=request.user)

    @admin.action(description=_("Merge the selected guests into the first one"))
    def merge_guests(self, request, queryset):
        chosen = list(queryset.order_by("created_at", "pk"))
        if len(chosen) < 2:
            self.message_user(request, _("Select two or more guests to merge."), messages.WARNING)
            return
        for guest in chosen[1:]:
            if not rules.user_can(request.user, "delete", guest):
                self.message_user(
                    request, _("You cannot merge guests you may not delete."), messages.ERROR
                )
                return
        keep = services.guests_merge(keep=chosen[0], duplicates=chosen[1:], user=request.user)
        self.message_user(
            request,
            _("%(count)s guests merged into «%(name)s».")
            % {"count": display_number(len(chosen) - 1), "name": keep.name},
        )


class InvitationAdminForm(forms.ModelForm):
    """Staff record an answer received by phone: the slot's capacity still holds."""

    def clean(self):
        cleaned = super().clean()
        slot = cleaned.get("slot")
        if (
            slot is not None
            and cleaned.get("status") == Invitation.Status.ACCEPTED
            and services.slot_places_left(slot=slot, excluding=self.instance)
            < (cleaned.get("party_size") or 1)
        ):
            self.add_error("slot", _("This slot has no room left for this party."))
        return cleaned


class MemberInline(MoqdadTabularInline):
    model = Invitation
    fk_name = "head"
    fields = ["guest", "status"]
    autocomplete_fields = ["guest"]
    verbose_name = _("delegation member")
    verbose_name_plural = _("delegation members")
    show_change_link = True


@admin.register(Invitation)
class InvitationAdmin(CurrentEditionAdminMixin, MoqdadModelAdmin):
    form = InvitationAdminForm
    list_display = [
        "guest",
        "status",
        "chosen_day",
        "slot",
        "party_size",
        "answered_via",
        "short_code_display",
    ]
    list_filter = [
        "status",
        "exhibition",
        ("chosen_day", JalaliDateValuesListFilter),
        "answered_via",
        "slot",
    ]
    search_fields = ["guest__name", "guest__organization", "short_code"]
    list_select_related = ["guest", "slot", "exhibition"]
    autocomplete_fields = ["guest", "head"]
    inlines = [MemberInline]
    actions = ["print_cards", "send_by_email", "send_by_sms", "remind", "revoke"]
    readonly_fields = [
        "short_code_display",
        "links",
        "answered_at",
        "answered_by",
        "deliveries",
    ]
    fieldsets = [
        (None, {"fields": ["exhibition", "guest", "head", "max_party_size"]}),
        (_("Days"), {"fields": ["first_day", "last_day", "rsvp_deadline"]}),
        (
            _("Answer"),
            {
                "fields": [
                    "status",
                    "chosen_day",
                    "slot",
                    "party_size",
                    "answered_via",
                    "answered_at",
                    "answered_by",
                ],
                "description": _(
                    "To record an answer received by phone, set the status, the day and the "
                    "slot, and choose «By phone»."
                ),
            },
        ),
        (_("Card"), {"fields": ["short_code_display", "links", "is_synthetic"]}),
        (_("Messages sent"), {"fields": ["deliveries"]}),
    ]

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        edition = self._current_edition(request)
        if edition is not None:
            initial.setdefault("first_day", edition.start_date)
            initial.setdefault("last_day", edition.end_date)
        return initial

    def save_model(self, request, obj, form, change):
        if change and "status" in form.changed_data:
            obj.answered_at = timezone.now()
            obj.answered_by = request.user
            if not obj.answered_via or obj.answered_via == Invitation.AnsweredVia.LINK:
                obj.answered_via = Invitation.AnsweredVia.PHONE
        services.invitation_save(invitation=obj, user=request.user)

    @admin.display(description=_("short code"), ordering="short_code")
    def short_code_display(self, obj):
        return format_html("<bdi>{}</bdi>", obj.display_short_code)

    @admin.display(description=_("links"))
    def links(self, obj):
        if obj.pk is None:
            return "-"
        links = format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("guests:print_card", args=[obj.pk]),
            _("Invitation card"),
            invitation_url(obj),
            _("The guest's page"),
        )
        if not obj.is_expired:
            return links
        # An expired link answers like an unknown one (no enumeration): say why here.
        return format_html(
            '{}<p class="help">{}</p>',
            links,
            _(
                "The edition ended on %(day)s: the guest's page now answers as for an unknown "
                "link, and the door refuses the card."
            )
            % {"day": jalali.format_date(obj.exhibition.end_date)},
        )

    @admin.display(description=_("messages"))
    def deliveries(self, obj):
        if obj.pk is None:
            return "-"
        rows = [
            (
                jalali.format_datetime(d.created_at),
                d.get_channel_display(),
                d.get_status_display(),
                _("reminder") if d.kind == REMINDER else _("invitation"),
                d.error,
            )
            for d in deliveries_for(obj)[:20]
        ]
        if not rows:
            return _("Nothing sent yet.")
        return format_html_join(
            "", '<div>{} · {} · {} · {} <span class="errornote">{}</span></div>', rows
        )

    def _enqueue(self, request, queryset, name, *args):
        ids = list(queryset.values_list("pk", flat=True))
        getattr(tasks, name).enqueue(ids, *args)
        self.message_user(
            request,
            _("%(count)s invitations are being sent in the background; see each one's messages.")
            % {"count": display_number(len(ids))},
        )

    @admin.action(description=_("Send the selected invitations by e-mail (with the card)"))
    def send_by_email(self, request, queryset):
        self._enqueue(request, queryset, "send_invitations", "email")

    @admin.action(description=_("Send the selected invitations by text message"))
    def send_by_sms(self, request, queryset):
        self._enqueue(request, queryset, "send_invitations", "sms")

    @admin.action(description=_("Remind those of the selected who have not answered"))
    def remind(self, request, queryset):
        self._enqueue(request, queryset.filter(status=Invitation.Status.PENDING), "remind_pending")

    @admin.action(description=_("Print the cards of the selected invitations"))
    def print_cards(self, request, queryset):
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True)[:500])
        return HttpResponseRedirect(f"{reverse('guests:print_cards')}?ids={ids}")

    print_cards.allowed_permissions = ("view",)

    @admin.action(description=_("Revoke the selected invitations"))
    def revoke(self, request, queryset):
        with transaction.atomic():
            for invitation in queryset:
                services.invitation_revoke(invitation=invitation, user=request.user)
        self.message_user(request, _("The selected invitations are revoked."))


@admin.register(VisitSlot)
class VisitSlotAdmin(CurrentEditionAdminMixin, MoqdadModelAdmin):
    list_display = ["__str__", "capacity", "places_taken"]
    list_filter = ["exhibition", ("day", JalaliDateValuesListFilter)]
    search_fields = ["title"]
    fields = ["exhibition", "day", "starts_at", "ends_at", "capacity", "title"]

    def get_queryset(self, request):
        accepted = Q(invitations__status=Invitation.Status.ACCEPTED)
        return (
            super()
            .get_queryset(request)
            .annotate(taken=Sum("invitations__party_size", filter=accepted))
        )

    @admin.display(description=_("places taken"))
    def places_taken(self, obj):
        return display_number(obj.taken or 0)


class VisitStopInline(MoqdadTabularInline):
    model = VisitStop
    fields = ["booth", "at", "minutes"]
    autocomplete_fields = ["booth"]
    show_change_link = False


@admin.register(OfficialVisit)
class OfficialVisitAdmin(CurrentEditionAdminMixin, MoqdadModelAdmin):
    list_display = ["title", "day", "arrives_at", "invitation", "is_public"]
    list_filter = ["exhibition", ("day", JalaliDateValuesListFilter), "is_public"]
    search_fields = ["title", "invitation__guest__name", "host"]
    list_select_related = ["invitation__guest"]
    autocomplete_fields = ["invitation"]
    inlines = [VisitStopInline]
    fields = [
        "exhibition",
        "title",
        "invitation",
        "day",
        "arrives_at",
        "leaves_at",
        "host",
        "notes",
        "is_public",
        "is_synthetic",
    ]


@admin.register(VisitStop)
class VisitStopAdmin(MoqdadModelAdmin):
    """What booth holders and managers see: the visits that reach their booth."""

    list_display = ["visit", "visit_day", "at", "booth"]
    list_filter = [("visit__day", JalaliDateValuesListFilter)]
    search_fields = ["visit__title", "booth__code", "booth__name"]
    list_select_related = ["visit", "booth"]
    autocomplete_fields = ["booth", "visit"]
    fields = ["visit", "booth", "at", "minutes"]

    @admin.display(description=_("day"), ordering="visit__day")
    def visit_day(self, obj):
        return jalali.format_date(obj.visit.day, weekday=True)


class ReadOnlyRecordAdmin(MoqdadModelAdmin):
    """Records written only by the door page: check-ins and the scan ledger.

    They keep no history table (each row is written once; the ledger records every check-in and
    every undo): their "history" page is Django's own log of admin actions, and there is no
    version to revert to.
    """

    object_history_template = None

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and not self._can(request, "history", obj):
            raise Http404
        return admin.ModelAdmin.history_view(self, request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        raise Http404


@admin.register(CheckIn)
class CheckInAdmin(ReadOnlyRecordAdmin):
    list_display = ["guest", "day", "at", "door", "device", "slot", "is_walk_in", "by"]
    list_filter = [("day", JalaliDateValuesListFilter), "door", "is_walk_in", "slot"]
    search_fields = ["guest__name", "door"]
    list_select_related = ["guest", "slot", "by"]
    actions = ["undo"]

    def delete_model(self, request, obj):
        services.check_in_undo(check_in=obj, user=request.user, nonce=uuid.uuid4().hex)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for check_in in queryset:
                self.delete_model(request, check_in)

    @admin.action(description=_("Undo the selected check-ins"), permissions=["delete"])
    def undo(self, request, queryset):
        self.delete_queryset(request, queryset)
        self.message_user(
            request, _("The selected check-ins are undone and recorded in the ledger.")
        )

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


@admin.register(Scan)
class ScanAdmin(ReadOnlyRecordAdmin):
    list_display = [
        "scanned_at",
        "outcome",
        "guest",
        "method",
        "door",
        "device",
        "was_offline",
        "needs_attention",
        "by",
    ]
    list_filter = ["needs_attention", "outcome", "method", "door", "was_offline"]
    search_fields = ["guest__name", "code", "door", "device"]
    list_select_related = ["guest", "by"]
