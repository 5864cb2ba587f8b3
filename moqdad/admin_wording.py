"""Admin strings Django's own Persian catalogue lacks, so that ours carries them.

Django 5.2's change form says "Please correct the error below." through a plural form that its
Persian catalogue does not translate; naming the same msgids here lets makemessages extract
them into moqdad's catalogue, which Django consults first.
"""

from django.utils.translation import ngettext_lazy

CORRECT_THE_ERRORS = ngettext_lazy(
    "Please correct the error below.", "Please correct the errors below.", "count"
)
