from django import forms
from django.utils.translation import gettext_lazy as _

from followup.selectors.selection import Filters
from moqdad.persian import to_persian_digits


class SelectionFilterForm(forms.Form):
    """The selection tool's filters; a bad value is a form error and the filter is ignored."""

    SELECTED_CHOICES = [("", _("All")), ("yes", _("Selected")), ("no", _("Not selected"))]

    year = forms.TypedChoiceField(label=_("Year of the data"), required=False, coerce=int)
    min_overlap = forms.TypedChoiceField(
        label=_("Flagged by at least"), required=False, coerce=int, empty_value=0
    )
    district = forms.TypedChoiceField(
        label=_("Municipal district"), required=False, coerce=int, empty_value=None
    )
    phase = forms.TypedChoiceField(
        label=_("Joined in phase"), required=False, coerce=int, empty_value=None
    )
    selected = forms.ChoiceField(
        label=_("Selected for the exhibition"), choices=SELECTED_CHOICES, required=False
    )

    def __init__(self, *args, years: list[int], bodies: int, districts: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        fa = to_persian_digits
        self.fields["year"].choices = [(y, fa(y)) for y in years]
        self.fields["min_overlap"].choices = [
            (n, _("%(count)s of %(total)s bodies") % {"count": fa(n), "total": fa(bodies)})
            for n in range(bodies + 1)
        ]
        self.fields["district"].choices = [("", _("All districts"))] + [
            (d, _("District %(number)s") % {"number": fa(d)}) for d in districts
        ]
        self.fields["phase"].choices = [("", _("All phases"))] + [
            (n, _("Phase %(number)s of the programme") % {"number": fa(n)}) for n in (1, 2, 3)
        ]

    def filters(self) -> Filters:
        if not self.is_valid():
            return Filters()
        data = self.cleaned_data
        return Filters(
            year=data.get("year") or None,
            min_overlap=data.get("min_overlap") or 0,
            district=data.get("district"),
            phase=data.get("phase"),
            selected={"yes": True, "no": False}.get(data.get("selected") or ""),
        )
