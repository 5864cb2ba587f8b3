"""The RSVP form (the guest's page) and the door's walk-in form."""

from django import forms
from django.utils.translation import gettext_lazy as _

from guests.models import Guest, Invitation
from moqdad import jalali
from moqdad.honeypot import HoneypotMixin
from moqdad.persian import clean_user_text, display_digits, to_latin_digits

ACCEPT, DECLINE, SUBSTITUTE = "accept", "decline", "substitute"


class PersianIntegerField(forms.IntegerField):
    """A number typed in Persian, Arabic-Indic or Latin digits."""

    def to_python(self, value):
        return super().to_python(to_latin_digits(str(value)) if value not in (None, "") else value)


class RsvpForm(HoneypotMixin, forms.Form):
    answer = forms.ChoiceField(
        label=_("Your answer"),
        choices=[
            (ACCEPT, _("I will come")),
            (DECLINE, _("I cannot come")),
            (SUBSTITUTE, _("Someone else will come instead of me")),
        ],
        widget=forms.RadioSelect,
    )
    day = forms.TypedChoiceField(label=_("Day"), required=False, coerce=str)
    slot = forms.TypedChoiceField(label=_("Official-visit time"), required=False, coerce=str)
    party_size = PersianIntegerField(
        label=_("How many people are coming (you included)"), min_value=1, initial=1, required=False
    )
    substitute_name = forms.CharField(
        label=_("Full name of the person who comes"), max_length=150, required=False
    )
    substitute_title = forms.CharField(
        label=_("Their title or position"), max_length=200, required=False
    )
    substitute_phone = forms.CharField(
        label=_("Their mobile number (optional)"), max_length=20, required=False
    )

    def __init__(self, *args, invitation: Invitation, slots, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.slots = {str(slot.pk): (slot, left) for slot, left in slots}
        self.fields["day"].choices = [
            (day.isoformat(), jalali.format_date(day, weekday=True)) for day in invitation.days
        ]
        self.fields["slot"].choices = [("", _("No official visit, just the exhibition"))] + [
            (
                key,
                _("%(slot)s (%(left)s places left)") % {"slot": slot, "left": display_digits(left)}
                if left
                else _("%(slot)s (full)") % {"slot": slot},
            )
            for key, (slot, left) in self.slots.items()
        ]
        self.fields["party_size"].max_value = invitation.max_party_size
        self.fields["party_size"].widget.attrs.update(
            {"max": invitation.max_party_size, "inputmode": "numeric"}
        )
        if invitation.max_party_size == 1:
            self.fields.pop("party_size")
        if not self.slots:
            self.fields.pop("slot")
        if len(invitation.days) == 1:
            self.fields["day"].widget = forms.HiddenInput()
            self.fields["day"].initial = invitation.days[0].isoformat()

    def clean_substitute_name(self):
        return clean_user_text(self.cleaned_data["substitute_name"]).strip()

    def clean(self):
        cleaned = super().clean()
        answer = cleaned.get("answer")
        if answer == ACCEPT and not cleaned.get("day"):
            self.add_error("day", _("Choose the day you will come."))
        if answer == SUBSTITUTE and not cleaned.get("substitute_name"):
            self.add_error("substitute_name", _("Write the name of the person who comes."))
        slot_key = cleaned.get("slot")
        cleaned["slot_obj"] = self.slots[slot_key][0] if slot_key in self.slots else None
        day = cleaned.get("day")
        cleaned["day_obj"] = next((d for d in self.invitation.days if d.isoformat() == day), None)
        cleaned["party_size"] = cleaned.get("party_size") or 1
        return cleaned


class WalkInForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=150)
    title = forms.CharField(label=_("Title or position"), max_length=200, required=False)
    organization = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    category = forms.ChoiceField(
        label=_("Category"), choices=Guest.Category.choices, initial=Guest.Category.OTHER
    )
