"""One honeypot for every public form."""

from django import forms

from moqdad.honeypot import HoneypotMixin


class _Form(HoneypotMixin, forms.Form):
    name = forms.CharField()


def test_honeypot_form_left_empty_is_valid_without_the_trap():
    form = _Form({"name": "علی", "website": ""})

    assert form.is_valid()
    assert (form.is_bot, form.cleaned_data) == (False, {"name": "علی"})


def test_honeypot_form_filled_in_is_invalid_and_a_bot():
    form = _Form({"name": "علی", "website": "https://spam.example"})

    assert not form.is_valid()
    assert form.is_bot
    assert [error.code for error in form.non_field_errors().as_data()] == ["honeypot"]


def test_honeypot_field_is_last_and_kept_from_the_visible_fields():
    form = _Form()

    assert list(form.fields) == ["name", "website"]
    assert [field.name for field in form.fields_for_people] == ["name"]
    assert form.honeypot.field.widget.attrs == {"tabindex": "-1", "autocomplete": "off"}
