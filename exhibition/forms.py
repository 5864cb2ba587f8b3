import re

from django import forms
from django.utils.translation import gettext_lazy as _

from moqdad.honeypot import HoneypotMixin
from moqdad.persian import clean_user_text, to_latin_digits

_PHONE = re.compile(r"^\+?[0-9][0-9 \-]{6,18}$")
# Bidirectional overrides and isolates can make a name read differently from what it is;
# ZWNJ and ZWJ stay, Persian needs them.
_BIDI_CONTROLS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class ContactRequestForm(HoneypotMixin, forms.Form):
    """A visitor's request to connect with the people of a booth."""

    name = forms.CharField(label=_("Your name"), max_length=120)
    organization = forms.CharField(label=_("Organization"), max_length=150, required=False)
    position = forms.CharField(label=_("Position"), max_length=120, required=False)
    phone = forms.CharField(
        label=_("Phone"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel", "dir": "ltr"}),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=150,
        required=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )
    subject = forms.CharField(label=_("Subject"), max_length=150)
    message = forms.CharField(
        label=_("Message"), max_length=3000, widget=forms.Textarea(attrs={"rows": 5})
    )
    text_fields = ("name", "organization", "position", "subject", "message")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.text_fields:
            self.fields[name].widget.attrs.setdefault("autocomplete", "off")
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["organization"].widget.attrs["autocomplete"] = "organization"
        self.fields["position"].widget.attrs["autocomplete"] = "organization-title"

    def _clean_text(self, name: str) -> str:
        value = _BIDI_CONTROLS.sub("", clean_user_text(self.cleaned_data.get(name, ""))).strip()
        if self.fields[name].required and not value:
            raise forms.ValidationError(
                self.fields[name].error_messages["required"], code="required"
            )
        return value

    def clean_name(self):
        return self._clean_text("name")

    def clean_organization(self):
        return self._clean_text("organization")

    def clean_position(self):
        return self._clean_text("position")

    def clean_subject(self):
        return self._clean_text("subject")

    def clean_message(self):
        return self._clean_text("message")

    def clean_phone(self):
        phone = to_latin_digits(self.cleaned_data.get("phone", "")).strip()
        if phone and not _PHONE.match(phone):
            raise forms.ValidationError(
                _("Enter a phone number such as 0912 123 4567."), code="phone"
            )
        return phone

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("phone") and not cleaned.get("email"):
            raise forms.ValidationError(
                _("Leave a phone number or an e-mail address."), code="no_contact"
            )
        return cleaned
