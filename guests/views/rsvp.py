"""The guest's invitation page: no account, only the link's token.

A wrong token, a forged one, a revoked invitation and one of an edition that is over all get
the same answer (the same page, status and headers): the page tells nothing about which
tokens exist. Every answer is private (never in the page cache or a shared cache), not
indexed, sends no referrer to other sites, and is rate limited per visitor address. The page shows only what
the organizers wrote on the card and what the guest typed: no phone, no e-mail.
"""

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control

from guests import printing, selectors, services
from guests.forms import ACCEPT, DECLINE, SUBSTITUTE, RsvpForm
from guests.models import Invitation
from moqdad import ratelimit
from moqdad.client import client_address

# Per visitor address. Mobile networks put many phones behind one address, so the limit on
# every request is generous; links that lead nowhere (a guesser's) have a tight one of their own.
RSVP_LIMIT, MISS_LIMIT, RSVP_WINDOW = 300, 20, 10 * 60


def _private(response):
    patch_cache_control(response, private=True, no_store=True, max_age=0)
    response["X-Robots-Tag"] = "noindex, nofollow"
    # Not "no-referrer": the browser would then send "Origin: null" with the form, which the
    # CSRF check refuses. Same-origin keeps the token off every other site all the same.
    response["Referrer-Policy"] = "same-origin"
    return response


def _limited(request, purpose: str, limit: int) -> bool:
    key = ratelimit.sender_key(client_address(request), purpose=purpose)
    return ratelimit.limit_exceeded(
        purpose=purpose, key=key, limit=limit, window_seconds=RSVP_WINDOW
    )


def _unknown(request):
    if _limited(request, "rsvp-miss", MISS_LIMIT):
        return _too_many(request)
    return _private(render(request, "guests/rsvp_unknown.html", status=404))


def _too_many(request):
    return _private(render(request, "guests/rsvp_unknown.html", {"too_many": True}, status=429))


def _invitation_or_answer(request, token):
    if _limited(request, "rsvp", RSVP_LIMIT):
        return None, _too_many(request)
    invitation = selectors.invitation_for_token(token)
    if invitation is None:
        return None, _unknown(request)
    return invitation, None


def rsvp(request, token):
    invitation, response = _invitation_or_answer(request, token)
    if response is not None:
        return response
    slots = selectors.slots_for(invitation)
    status = 200
    if request.method == "POST" and invitation.is_open_for_answers:
        form = RsvpForm(request.POST, invitation=invitation, slots=slots)
        if form.is_valid():
            try:
                _record(invitation, form.cleaned_data)
            except ValidationError as error:
                for field, errors in getattr(error, "error_dict", {None: error}).items():
                    form.add_error(field if field in form.fields else None, errors)
                status = 400
            else:
                return _private(redirect(f"{request.path}?saved=1"))
        else:
            status = 400
    else:
        form = RsvpForm(
            invitation=invitation,
            slots=slots,
            initial={
                "answer": ACCEPT if invitation.status != Invitation.Status.DECLINED else DECLINE,
                "day": (invitation.chosen_day or invitation.first_day).isoformat(),
                "slot": str(invitation.slot_id or ""),
                "party_size": invitation.party_size,
            },
        )
    context = {
        "invitation": invitation,
        "guest": invitation.guest,
        "exhibition": invitation.exhibition,
        "form": form,
        "saved": request.GET.get("saved") == "1" and request.method == "GET",
        "open": invitation.is_open_for_answers,
        "substitute": getattr(invitation, "substitute", None),
    }
    return _private(render(request, "guests/rsvp.html", context, status=status))


def _record(invitation: Invitation, data: dict) -> None:
    answer = data["answer"]
    if answer == SUBSTITUTE:
        services.invitation_substitute(
            invitation=invitation,
            name=data["substitute_name"],
            title=data.get("substitute_title", ""),
            phone=data.get("substitute_phone", ""),
        )
    else:
        services.invitation_answer(
            invitation=invitation,
            accept=answer == ACCEPT,
            day=data["day_obj"],
            slot=data["slot_obj"],
            party_size=data["party_size"],
        )


def rsvp_card(request, token):
    invitation, response = _invitation_or_answer(request, token)
    if response is not None:
        return response
    if invitation.status not in (Invitation.Status.ACCEPTED, Invitation.Status.PENDING):
        return _unknown(request)
    document = printing.cards_document(invitations=[invitation], request=request)
    response = HttpResponse(document.pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{document.filename}"'
    return _private(response)


def rsvp_ics(request, token):
    invitation, response = _invitation_or_answer(request, token)
    if response is not None:
        return response
    if invitation.status != Invitation.Status.ACCEPTED:
        return _unknown(request)
    response = HttpResponse(
        printing.invitation_ics(invitation, request), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="invitation.ics"'
    return _private(response)
