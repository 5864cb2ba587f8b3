"""The door page: a phone at the entrance checks guests in (camera, typed code, USB scanner,
name search, delegation list, walk-ins) and sees the day's live counts.

Open to whoever may add check-ins (moqdad.rules: door staff and organizers). The JSON answers
carry names and titles only, never a phone or an e-mail. Scans made while the network was
down are queued by the page and sent to `sync` with their nonce and time.
"""

import datetime
import json
import uuid

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.views.decorators.http import require_GET, require_POST

from exhibition.models import Exhibition
from guests import codes, selectors, services
from guests.forms import WalkInForm
from guests.models import CheckIn, Scan
from moqdad import caching, rules
from moqdad.request_hygiene import PERMISSIONS_POLICY

MAX_SYNC = 500
_METHODS = {choice.value for choice in Scan.Method}


def _door_user(request):
    if not rules.user_can(request.user, "add", CheckIn):
        raise PermissionDenied
    return request.user


def _edition() -> Exhibition:
    # Kept until any content changes: the doors' own writes change none (check-ins and the
    # ledger are on no public page), so 32 doors read it from the cache, not the database.
    edition = caching.cached_under_content_version("door-edition", Exhibition.objects.current)
    if edition is None:
        raise Http404
    return edition


def _payload(request) -> dict:
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def _text(data: dict, name: str, limit: int) -> str:
    value = data.get(name, "")
    return str(value)[:limit] if isinstance(value, str | int) else ""


def _id(data: dict, name: str) -> int | None:
    value = _text(data, name, 12)
    return int(value) if value.isdigit() else None


def _nonce(data: dict) -> str:
    nonce = "".join(ch for ch in _text(data, "nonce", 64) if ch.isalnum() or ch in "-_")
    return nonce if len(nonce) >= 16 else uuid.uuid4().hex


def _scanned_at(data: dict) -> datetime.datetime | None:
    value = parse_datetime(_text(data, "scanned_at", 40)) if data.get("scanned_at") else None
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


@staff_member_required
@require_GET
def door(request):
    _door_user(request)
    edition = _edition()
    context = {
        "exhibition": edition,
        "counts": selectors.door_counts(exhibition=edition),
        # The card key lets the page tell a forged card from a genuine one while offline.
        "door_key": codes.door_key().hex(),
        "walk_in_form": WalkInForm(),
        "can_undo": rules.user_can(request.user, "delete", CheckIn),
    }
    response = render(request, "guests/door.html", context)
    # The site denies the camera to every page (moqdad.request_hygiene); this one scans cards.
    response["Permissions-Policy"] = PERMISSIONS_POLICY.replace("camera=()", "camera=(self)")
    return response


def _scan(request, data: dict, *, offline: bool) -> dict:
    edition = _edition()
    method = _text(data, "method", 10)
    invitation = None
    if data.get("invitation_id"):
        invitation = (
            selectors.door_invitations()
            .filter(pk=_id(data, "invitation_id"), exhibition=edition)
            .first()
        )
        if invitation is None:
            raise Http404
    answer = services.door_scan(
        exhibition=edition,
        code=_text(data, "code", 300),
        invitation=invitation,
        nonce=_nonce(data),
        method=method if method in _METHODS else Scan.Method.TYPED,
        door=_text(data, "door", 40),
        device=_text(data, "device", 60),
        user=request.user,
        scanned_at=_scanned_at(data),
        offline=offline,
    )
    return answer.as_json()


# A scan is its own transaction (services.door_scan), not a savepoint in the request's: one
# BEGIN and COMMIT, and a synced queue keeps the scans stored before a failing one.
@transaction.non_atomic_requests
@staff_member_required
@require_POST
def scan(request):
    _door_user(request)
    return JsonResponse(_scan(request, _payload(request), offline=False))


@transaction.non_atomic_requests
@staff_member_required
@require_POST
def sync(request):
    """Scans a door queued while offline, each with its nonce and time; each answered once."""
    _door_user(request)
    scans = _payload(request).get("scans", [])
    if not isinstance(scans, list):
        scans = []
    answers = [
        _scan(request, item, offline=True) for item in scans[:MAX_SYNC] if isinstance(item, dict)
    ]
    return JsonResponse({"answers": answers})


@staff_member_required
@require_GET
def search(request):
    _door_user(request)
    edition = _edition()
    today = timezone.localdate()
    found = selectors.door_search(exhibition=edition, query=request.GET.get("q", "")[:100])
    checked = set(
        CheckIn.objects.filter(day=today, invitation__in=found).values_list("invitation", flat=True)
    )
    return JsonResponse(
        {
            "results": [
                {
                    "invitation_id": invitation.pk,
                    "name": invitation.guest.name,
                    "title": invitation.guest.title,
                    "organization": invitation.guest.organization,
                    "status": invitation.get_status_display(),
                    "checked_in": invitation.pk in checked,
                }
                for invitation in found
            ]
        }
    )


@staff_member_required
@require_POST
def walk_in(request):
    user = _door_user(request)
    data = _payload(request)
    form = WalkInForm(data)
    if not form.is_valid():
        return JsonResponse({"errors": form.errors}, status=400)
    try:
        answer = services.walk_in_register(
            exhibition=_edition(),
            nonce=_nonce(data),
            door=_text(data, "door", 40),
            device=_text(data, "device", 60),
            user=user,
            **form.cleaned_data,
        )
    except ValidationError as error:
        return JsonResponse({"errors": {"__all__": error.messages}}, status=400)
    return JsonResponse(answer.as_json())


@staff_member_required
@require_GET
def counts(request):
    _door_user(request)
    data = selectors.door_counts(exhibition=_edition())
    return JsonResponse(
        {
            "total": data["total"],
            "expected": data["expected"],
            "refused": data["refused"],
            "by_door": data["by_door"],
            "by_slot": [
                {"slot": str(slot), "checked_in": slot.checked_in, "capacity": slot.capacity}
                for slot in data["by_slot"]
            ],
        }
    )


@staff_member_required
@require_POST
def undo(request):
    """A supervisor takes back today's check-in of an invitation's guest."""
    data = _payload(request)
    check_in = rules.get_or_refuse(
        request.user,
        "delete",
        CheckIn.objects.select_related("invitation"),
        invitation_id=_id(data, "invitation_id"),
        day=timezone.localdate(),
    )
    services.check_in_undo(check_in=check_in, user=request.user, nonce=_nonce(data))
    return JsonResponse({"undone": True})
