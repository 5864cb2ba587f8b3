"""Print-ready documents: the programme, booth signs, the booth directory, neighborhood profiles.

Each document is one HTML template under templates/print/ styled by static/moqdad/print.css
(A4, right to left, Vazirmatn embedded). The browser prints the HTML page as it is; the server
makes the same page into a PDF with WeasyPrint. WeasyPrint reads the stylesheet, fonts and
images from the filesystem through `LocalFilesFetcher`: a document never makes a network request.
"""

import dataclasses
import datetime
import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import timezone
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from exhibition import selectors
from exhibition.models import Booth, Exhibition
from exhibition.qr import booth_public_url, booth_qr_svg
from moqdad.public_address import is_local_address, public_base_url
from neighborhoods.models import Neighborhood


@dataclasses.dataclass(frozen=True)
class Document:
    template: str
    context: dict
    filename: str

    def html(self, request=None) -> str:
        return render_to_string(self.template, self.context, request=request)

    def pdf(self) -> bytes:
        return html_to_pdf(self.html())


class LocalFilesFetcher(URLFetcher):
    """Serves static files and media from disk and refuses every other address."""

    def fetch(self, url, headers=None):
        if url.startswith("data:"):
            return super().fetch(url, headers)
        path = _local_path(unquote(urlsplit(url).path))
        if path is None:
            raise ValueError(f"Printing only reads local files; refused {url}")
        mime_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime_type})


def _local_path(url_path: str) -> Path | None:
    for prefix, find in (
        (settings.STATIC_URL, _static_file),
        (settings.MEDIA_URL, _media_file),
    ):
        if prefix.startswith("/") and url_path.startswith(prefix):
            name = url_path.removeprefix(prefix)
            if ".." in Path(name).parts:
                return None
            return find(name)
    return None


def _static_file(name: str) -> Path | None:
    found = finders.find(name)
    if found:
        return Path(found)
    collected = Path(settings.STATIC_ROOT) / name
    return collected if collected.is_file() else None


def _media_file(name: str) -> Path | None:
    path = Path(settings.MEDIA_ROOT) / name
    return path if path.is_file() else None


def pdf_response(document: Document) -> HttpResponse:
    response = HttpResponse(document.pdf(), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{document.filename}"'
    return response


def html_to_pdf(html: str) -> bytes:
    # The base address only resolves relative URLs; LocalFilesFetcher never goes to it.
    return HTML(
        string=html, base_url=f"{public_base_url()}/", url_fetcher=LocalFilesFetcher()
    ).write_pdf()


def print_stamp(exhibition: Exhibition, request=None) -> dict:
    """What every printed document shows: the edition, when it was printed, the last change,
    and the address its QR codes and links point to (the request's unless PUBLIC_BASE_URL)."""
    base_url = public_base_url(request)
    return {
        "exhibition": exhibition,
        "printed_at": timezone.now(),
        "schedule_changed_at": selectors.schedule_last_changed(exhibition=exhibition),
        "public_base_url": base_url,
        "public_address_is_local": is_local_address(base_url),
    }


def programme_document(
    *, exhibition: Exhibition, day: datetime.date | None = None, request=None
) -> Document:
    """The programme of one day, or of the whole edition with each day on a new page."""
    days = selectors.schedule_by_day(exhibition=exhibition)
    if day is not None:
        days = [(d, items) for d, items in days if d.date == day]
    name = f"programme-{exhibition.slug}" + (f"-{day.isoformat()}" if day else "")
    return Document(
        "print/programme.html",
        {**print_stamp(exhibition, request), "days": days, "single_day": day},
        f"{name}.pdf",
    )


def booth_signs_document(*, exhibition: Exhibition, booths: list[Booth], request=None) -> Document:
    signs = [
        {
            "booth": booth,
            "url": booth_public_url(booth, request),
            "qr": booth_qr_svg(booth, request=request),
        }
        for booth in booths
    ]
    single = len(booths) == 1
    name = f"booth-sign-{booths[0].pk}" if single else f"booth-signs-{exhibition.slug}"
    return Document(
        "print/booth_signs.html",
        {**print_stamp(exhibition, request), "signs": signs},
        f"{name}.pdf",
    )


def booth_directory_document(*, exhibition: Exhibition, request=None) -> Document:
    by_section, by_neighborhood, others = selectors.booth_directory(exhibition=exhibition)
    return Document(
        "print/booth_directory.html",
        {
            **print_stamp(exhibition, request),
            "by_section": by_section,
            "by_neighborhood": by_neighborhood,
            "without_neighborhood": others,
        },
        f"booth-directory-{exhibition.slug}.pdf",
    )


def neighborhood_profile_document(
    *, exhibition: Exhibition, neighborhood: Neighborhood, request=None
) -> Document:
    profile = selectors.neighborhood_print_profile(exhibition=exhibition, neighborhood=neighborhood)
    return Document(
        "print/neighborhood_profile.html",
        {**print_stamp(exhibition, request), "profile": profile},
        f"neighborhood-profile-{neighborhood.pk}.pdf",
    )
