from django.urls import path

from exhibition.schedule_urls import IsoDateConverter  # noqa: F401 (registers "isodate")
from guests.views import door, printing, public, rsvp

app_name = "guests"
pdf = {"as_pdf": True}

urlpatterns = [
    path("visits/", public.official_visits, name="official_visits"),
    path("invitation/<str:token>/", rsvp.rsvp, name="rsvp"),
    path("invitation/<str:token>/card.pdf", rsvp.rsvp_card, name="rsvp_card"),
    path("invitation/<str:token>/invitation.ics", rsvp.rsvp_ics, name="rsvp_ics"),
    path("door/", door.door, name="door"),
    path("door/scan/", door.scan, name="door_scan"),
    path("door/sync/", door.sync, name="door_sync"),
    path("door/search/", door.search, name="door_search"),
    path("door/walk-in/", door.walk_in, name="door_walk_in"),
    path("door/counts/", door.counts, name="door_counts"),
    path("door/undo/", door.undo, name="door_undo"),
    path("print/invitations/", printing.cards, name="print_cards"),
    path("print/invitations.pdf", printing.cards, pdf, name="print_cards_pdf"),
    path("print/invitations/<int:pk>/", printing.card, name="print_card"),
    path("print/invitations/<int:pk>.pdf", printing.card, pdf, name="print_card_pdf"),
    path("print/visits/", printing.visits, name="print_visits_today"),
    path("print/visits/<isodate:day>/", printing.visits, name="print_visits"),
    path("print/visits/<isodate:day>.pdf", printing.visits, pdf, name="print_visits_pdf"),
]
