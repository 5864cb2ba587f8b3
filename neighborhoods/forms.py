from django import forms
from django.utils.translation import gettext_lazy as _

from moqdad.persian import PersianOptionsSelect, to_persian_digits
from neighborhoods.models import ProgrammePhase


class NeighborhoodFilterForm(forms.Form):
    """The neighborhood list's filters; a bad value is a form error and the filter is ignored."""

    SELECTED_CHOICES = [("", _("All")), ("yes", _("Selected")), ("no", _("Not selected"))]

    q = forms.CharField(label=_("Name"), max_length=100, required=False)
    district = forms.TypedChoiceField(
        label=_("Municipal district"), required=False, coerce=int, empty_value=None
    )
    phase = forms.ModelChoiceField(
        label=_("Joined in phase"),
        queryset=ProgrammePhase.objects.order_by("number"),
        to_field_name="number",
        required=False,
        empty_label=_("All phases"),
        widget=PersianOptionsSelect,
    )
    selected = forms.ChoiceField(
        label=_("Selected for the exhibition"), choices=SELECTED_CHOICES, required=False
    )

    def __init__(self, *args, districts: list[int], persian: bool, **kwargs):
        super().__init__(*args, **kwargs)
        show = to_persian_digits if persian else str
        self.fields["district"].choices = [("", _("All districts"))] + [
            (d, _("District %(number)s") % {"number": show(d)}) for d in districts
        ]
        # By number: a phase's title can carry a label a neighborhood would find stigmatising.
        self.fields["phase"].label_from_instance = lambda phase: (
            _("Phase %(number)s of the programme") % {"number": show(phase.number)}
        )

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        selected = {"yes": True, "no": False}.get(data.get("selected") or "")
        return {
            "query": data.get("q") or "",
            "district": data.get("district"),
            "phase": data.get("phase"),
            "selected": selected,
        }
