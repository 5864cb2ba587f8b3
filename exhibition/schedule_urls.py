"""URLs of the public schedule, its exports, and the staff print documents."""

import datetime

from django.urls import path, register_converter

from exhibition import print_views, schedule_views


class IsoDateConverter:
    regex = r"\d{4}-\d{2}-\d{2}"

    def to_python(self, value: str) -> datetime.date:
        return datetime.date.fromisoformat(value)

    def to_url(self, value: datetime.date) -> str:
        return value.isoformat()


register_converter(IsoDateConverter, "isodate")

pdf = {"as_pdf": True}

urlpatterns = [
    path("schedule/", schedule_views.schedule_edition, name="schedule"),
    path("schedule/now/", schedule_views.schedule_now, name="schedule_now"),
    path("schedule/feed.json", schedule_views.schedule_feed, name="schedule_feed"),
    path("schedule/calendar.ics", schedule_views.schedule_ics_edition, name="schedule_ics"),
    path("schedule/<isodate:day>/", schedule_views.schedule_day, name="schedule_day"),
    path(
        "schedule/<isodate:day>/calendar.ics",
        schedule_views.schedule_ics_day,
        name="schedule_day_ics",
    ),
    path("print/", print_views.centre, name="print_centre"),
    path("print/schedule/", print_views.programme, name="print_programme"),
    path("print/schedule.pdf", print_views.programme, pdf, name="print_programme_pdf"),
    path("print/schedule/<isodate:day>/", print_views.programme, name="print_programme_day"),
    path(
        "print/schedule/<isodate:day>.pdf",
        print_views.programme,
        pdf,
        name="print_programme_day_pdf",
    ),
    path("print/booths/signs/", print_views.booth_signs, name="print_booth_signs"),
    path("print/booths/signs.pdf", print_views.booth_signs, pdf, name="print_booth_signs_pdf"),
    path("print/booths/<str:code>/sign/", print_views.booth_signs, name="print_booth_sign"),
    path(
        "print/booths/<str:code>/sign.pdf",
        print_views.booth_signs,
        pdf,
        name="print_booth_sign_pdf",
    ),
    path("print/booths/directory/", print_views.booth_directory, name="print_booth_directory"),
    path(
        "print/booths/directory.pdf",
        print_views.booth_directory,
        pdf,
        name="print_booth_directory_pdf",
    ),
    path(
        "print/neighborhoods/<str:slug>/profile/",
        print_views.neighborhood_profile,
        name="print_neighborhood_profile",
    ),
    path(
        "print/neighborhoods/<str:slug>/profile.pdf",
        print_views.neighborhood_profile,
        pdf,
        name="print_neighborhood_profile_pdf",
    ),
]
