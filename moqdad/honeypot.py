"""The public forms' honeypot: a field people never see and form robots fill in.

    class ContactRequestForm(HoneypotMixin, forms.Form): ...

The form adds the field last; a template renders it with `{% include "_honeypot.html" %}`
(hidden by `.field--trap` in site.css, out of the tab order, ignored by screen readers) and
loops over `form.fields_for_people` for the rest. A filled trap makes the form invalid.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "website"


class HoneypotMixin:
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[HONEYPOT_FIELD] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
        )

    @property
    def is_bot(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD))

    @property
    def honeypot(self):
        return self[HONEYPOT_FIELD]

    @property
    def fields_for_people(self):
        return [field for field in self if field.name != HONEYPOT_FIELD]

    def clean(self):
        cleaned = super().clean()
        if self.is_bot:
            raise forms.ValidationError(
                _("Your request could not be sent. Please try again."), code="honeypot"
            )
        cleaned.pop(HONEYPOT_FIELD, None)
        return cleaned
