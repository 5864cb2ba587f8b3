from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from martyrs.models import CorrectionSuggestion, Martyr
from martyrs.selectors import neighborhood_choices_public
from moqdad.honeypot import HoneypotMixin
from moqdad.persian import PersianOptionsSelect, clean_user_text, to_latin_digits

FIRST_YEAR = 1200
LAST_YEAR = 1500


class JalaliYearField(forms.IntegerField):
    """A Jalali year typed with Persian, Arabic-Indic or Latin digits."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "size": "6", "dir": "ltr"})
    default_error_messages = {"invalid": _("Enter a Jalali year such as 1365.")}

    def __init__(self, **kwargs):
        super().__init__(min_value=FIRST_YEAR, max_value=LAST_YEAR, required=False, **kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            value = to_latin_digits(value).strip()
        return super().to_python(value)


def _attributes(attrs: dict) -> str:
    """HTML attributes in their given order, as Django's `attrs.html` writes them."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


class NeighborhoodSelect(PersianOptionsSelect):
    """The choice of every published neighborhood (116 and more), written here the way Django's
    select template writes it: a template per option cost 25 ms a render of the search page."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        options = format_html_join(
            "",
            '\n  <option value="{}"{}>{}</option>\n',
            (
                (str(option["value"]), _attributes(option["attrs"]), option["label"])
                for _group, group_options, _index in widget["optgroups"]
                for option in group_options
            ),
        )
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            widget["name"],
            _attributes(widget["attrs"]),
            options,
        )


class MartyrSearchForm(forms.Form):
    """The search page's filters. A field with a bad value is reported and left out."""

    q = forms.CharField(label=_("Name"), max_length=100, required=False)
    father = forms.CharField(label=_("Father's name"), max_length=80, required=False)
    neighborhood = forms.ModelChoiceField(
        label=_("Neighborhood"),
        queryset=None,
        to_field_name="slug",
        required=False,
        empty_label=_("All neighborhoods"),
        widget=NeighborhoodSelect,
    )
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", _("All categories")), *Martyr.Category.choices],
        required=False,
    )
    operation = forms.CharField(label=_("Operation"), max_length=120, required=False)
    year_from = JalaliYearField(label=_("Martyred from year"))
    year_to = JalaliYearField(label=_("to year"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["neighborhood"].queryset = neighborhood_choices_public()
        self.fields["q"].widget.input_type = "search"
        self.fields["q"].widget.attrs["autocomplete"] = "off"

    def clean(self):
        data = super().clean()
        start, end = data.get("year_from"), data.get("year_to")
        if start is not None and end is not None and start > end:
            self.add_error("year_to", _("The last year must not come before the first year."))
            data.pop("year_to", None)
        return data

    def search_arguments(self) -> dict:
        """The arguments for `martyr_search` from the fields that are valid."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return {
            "query": data.get("q") or "",
            "father_name": data.get("father") or "",
            "neighborhood": data.get("neighborhood"),
            "category": data.get("category") or None,
            "operation": data.get("operation") or None,
            "year_from": data.get("year_from"),
            "year_to": data.get("year_to"),
        }

    @property
    def is_search(self) -> bool:
        """Whether the visitor asked for anything: a name or a filter."""
        return any(value not in (None, "") for value in self.search_arguments().values())

    @property
    def advanced_filter_count(self) -> int:
        """How many filters besides the name are set: the folded filters open when one is."""
        arguments = self.search_arguments()
        arguments.pop("query")
        return sum(value not in (None, "") for value in arguments.values())


class CorrectionSuggestionForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = CorrectionSuggestion
        fields = ["name", "relation", "contact", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 5})}
        help_texts = {
            "contact": _("Only the memorial's staff see it, to ask you about the correction."),
        }

    def clean_message(self):
        return clean_user_text(self.cleaned_data["message"]).strip()
