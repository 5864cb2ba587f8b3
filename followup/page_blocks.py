"""The commitments' share of public pages of other apps (moqdad.page_blocks): a neighborhood's
page and the statistics page show how many commitments were made and fulfilled, by kind, and
which published problems they address; nothing else about them."""

from django.utils import translation
from django.utils.translation import gettext as _

from followup.selectors import commitments as selectors
from moqdad import charts, page_blocks


def neighborhood_block(*, neighborhood, **_values):
    summary = selectors.public_summary(neighborhood=neighborhood)
    return page_blocks.Block("followup/_neighborhood_commitments.html", {"summary": summary})


def statistics_block(**_values):
    summary = selectors.public_summary()
    chart = None
    if summary.by_kind:
        chart = charts.bar_chart(
            title=_("Commitments by kind"),
            rows=[(row.label, [row.made, row.fulfilled]) for row in summary.by_kind],
            series_labels=[_("made"), _("fulfilled")],
            rtl=translation.get_language_bidi(),
            stacked=False,
        )
    return page_blocks.Block(
        "followup/_statistics_commitments.html", {"summary": summary, "chart": chart}
    )


def register_blocks() -> None:
    page_blocks.register("neighborhoods:detail", neighborhood_block)
    page_blocks.register("exhibition:statistics", statistics_block)
