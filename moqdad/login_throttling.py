"""Log-in throttling: each of django-axes' counting groups gets a limit of its own.

Axes counts failed log-ins within the cool-off in groups (AXES_LOCKOUT_PARAMETERS) and refuses a
request once any group reaches one limit. One limit fits no one here. An account tried from one
address stops soon (AXES_FAILURE_LIMIT); one address trying many accounts stops later
(AXES_ADDRESS_FAILURE_LIMIT: the staff at the venue share one NAT address, and their typos add
up); an account is refused from every address only after many failures from several addresses
(AXES_ACCOUNT_FAILURE_LIMIT, 0 for never), or anyone who read a username could lock its owner
out. A refusal is a Persian 429 page with `Retry-After`.
"""

import math

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off, get_lockout_parameters
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Max, Sum
from django.shortcuts import render
from django.utils import timezone


def _limit(group) -> int:
    group = (group,) if isinstance(group, str) else tuple(group)
    if group == ("ip_address",):
        return settings.AXES_ADDRESS_FAILURE_LIMIT
    if group == ("username",):
        return settings.AXES_ACCOUNT_FAILURE_LIMIT
    return settings.AXES_FAILURE_LIMIT


class ThrottlingHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials=None) -> int:
        """The failures of the group closest to its own limit, on the scale of
        AXES_FAILURE_LIMIT, which is what axes compares them with: AXES_FAILURE_LIMIT or more
        means that some group has reached its limit."""
        groups = get_lockout_parameters(request, credentials)
        closest = 0
        for group, attempts in zip(
            groups, self.get_user_attempts(request, credentials), strict=True
        ):
            failures = attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            closest = max(closest, settings.AXES_FAILURE_LIMIT - _limit(group) + failures)
        return closest

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful log-in clears the failures of that account from that address only: it
        proves nothing about other accounts tried from the address, or the account elsewhere."""
        username = get_client_username(request, credentials)
        attempts = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        )
        count, _ = attempts.delete()
        return count

    def seconds_until_allowed(self, request, credentials=None) -> int:
        """An upper bound: until the last failure counted against this request leaves the window."""
        times = [
            attempts.aggregate(latest=Max("attempt_time"))["latest"]
            for attempts in self.get_user_attempts(request, credentials)
        ]
        cool_off = get_cool_off(request).total_seconds()
        latest = max((moment for moment in times if moment is not None), default=timezone.now())
        return max(1, math.ceil(cool_off - (timezone.now() - latest).total_seconds()))


def lockout_response(request, original_response=None, credentials=None):
    retry_after = ThrottlingHandler().seconds_until_allowed(request, credentials)
    response = render(
        request, "429.html", {"retry_minutes": math.ceil(retry_after / 60)}, status=429
    )
    response["Retry-After"] = str(retry_after)
    return response
