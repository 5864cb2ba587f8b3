"""Django's password reset by email, limited so that it cannot be used to flood a mailbox.

Per visitor address (behind the trusted proxies) a few requests an hour, then the form says to
wait (429 with Retry-After). Per e-mail address fewer still; past that the answer is the same
"sent" page as always, but no mail leaves (the page never tells whether an address exists).
"""

from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from moqdad import ratelimit
from moqdad.client import client_address

WINDOW_SECONDS = 60 * 60
PER_ADDRESS = 10
PER_EMAIL = 3


class ThrottledPasswordResetView(auth_views.PasswordResetView):
    def form_valid(self, form):
        address_key = ratelimit.sender_key(client_address(self.request), purpose="password-reset")
        if ratelimit.limit_exceeded(
            purpose="password-reset",
            key=address_key,
            limit=PER_ADDRESS,
            window_seconds=WINDOW_SECONDS,
        ):
            form.add_error(
                None, _("Too many reset requests from this connection. Try again in an hour.")
            )
            response = self.render_to_response(self.get_context_data(form=form), status=429)
            response["Retry-After"] = str(WINDOW_SECONDS)
            return response
        email = form.cleaned_data["email"].strip().lower()
        email_key = ratelimit.sender_key(email, purpose="password-reset-email")
        if ratelimit.limit_exceeded(
            purpose="password-reset-email",
            key=email_key,
            limit=PER_EMAIL,
            window_seconds=WINDOW_SECONDS,
        ):
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)
