"""Password rules whose texts count in the active language's digits.

Django's MinimumLengthValidator formats its length with `%d`, which always gives Latin digits
(«۸ حرف» came out as «8 حرف» in the Persian admin); this one formats it with `display_number`.
"""

from django.contrib.auth import password_validation
from django.utils.translation import ngettext

from moqdad.persian import display_number


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return ngettext(
            "This password is too short. It must contain at least %(min_length)s character.",
            "This password is too short. It must contain at least %(min_length)s characters.",
            self.min_length,
        ) % {"min_length": display_number(self.min_length)}

    def get_help_text(self):
        return ngettext(
            "Your password must contain at least %(min_length)s character.",
            "Your password must contain at least %(min_length)s characters.",
            self.min_length,
        ) % {"min_length": display_number(self.min_length)}
