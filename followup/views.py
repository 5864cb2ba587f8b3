"""Staff views of the follow-up: the problems book, the selection tool and the report. Each
passes the rules (moqdad.rules) as the admin would."""

from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import reverse

from exhibition.models import Exhibition
from exhibition.printing import pdf_response
from followup import printing
from moqdad import rules
from neighborhoods.models import Problem


def _current_edition() -> Exhibition:
    edition = Exhibition.objects.current()
    if edition is None:
        raise Http404
    return edition


def may_print_book(user) -> bool:
    """The book is built from published problems: whoever may print problems prints it."""
    return rules.user_can(user, "print", Problem)


@staff_member_required
def book(request, as_pdf: bool = False):
    if not may_print_book(request.user):
        raise PermissionDenied
    document = printing.book_document(exhibition=_current_edition())
    if as_pdf:
        return pdf_response(document)
    document.context["pdf_url"] = reverse("followup:book_pdf")
    return HttpResponse(document.html(request=request))
