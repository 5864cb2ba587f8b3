"""Helpers for testing public pages the way a reader sees them: visible text, links, hosts."""

import datetime
import re
from html.parser import HTMLParser
from urllib.parse import urldefrag

from django.conf import settings

from exhibition.tests.factories import (
    BoothFactory,
    ContactRequestFactory,
    ScheduleItemFactory,
    StrataBaseFactory,
)
from martyrs.tests.factories import MartyrFactory, VeteranTallyFactory
from neighborhoods.tests.factories import (
    ActionPlanFactory,
    CouncilFactory,
    CouncilMemberFactory,
    IdentityElementFactory,
    InitiativeFactory,
    NeighborhoodFactory,
    ProblemFactory,
    ProfileIndicatorFactory,
    VulnerabilityFlagFactory,
)

_HIDDEN_TAGS = {"script", "style", "template"}
SVG_NAMESPACE = "http://www.w3.org/2000/svg"


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.links: list[str] = []
        self.html_attrs: dict[str, str] = {}
        self._hidden_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html_attrs = {k: v or "" for k, v in attrs.items()}
        if tag in _HIDDEN_TAGS:
            self._hidden_depth += 1
        for name in ("href", "src"):
            if attrs.get(name):
                self.links.append(attrs[name])
        if (
            tag == "form"
            and (attrs.get("method") or "get").lower() == "get"
            and attrs.get("action")
        ):
            self.links.append(attrs["action"])

    def handle_endtag(self, tag):
        if tag in _HIDDEN_TAGS and self._hidden_depth:
            self._hidden_depth -= 1

    def handle_data(self, data):
        if not self._hidden_depth:
            self.text.append(data)


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def visible_text(html: str) -> str:
    """The text a reader sees: no tags, no attributes, no scripts or styles."""
    return " ".join(" ".join(parse(html).text).split())


def latin_digits(html: str) -> list[str]:
    """Runs of Latin digits in the visible text, with a little context for the message."""
    text = visible_text(html)
    return [text[max(0, m.start() - 20) : m.end() + 20] for m in re.finditer(r"[0-9]+", text)]


def foreign_hosts(html: str) -> list[str]:
    """Every absolute or protocol-relative address that is not on the app's own public host."""
    found = re.findall(r"https?://[^\s\"'<>)]+", html)
    found += re.findall(r"(?:src|href|action|content|srcset)\s*=\s*[\"'](//[^\"']+)", html)
    found += re.findall(r"url\(\s*[\"']?(//[^)\"']+)", html)
    own = _own_base_url()
    allowed = (own + "/", SVG_NAMESPACE)
    return [
        url for url in found if not (url == own or url.startswith(allowed) or url == SVG_NAMESPACE)
    ]


def _own_base_url() -> str:
    """The address absolute links name in tests: PUBLIC_BASE_URL, else the test client's host."""
    return settings.PUBLIC_BASE_URL or "http://testserver"


def internal_links(html: str) -> list[str]:
    """Site-relative addresses a page links to or loads, without fragments."""
    links = []
    for link in parse(html).links:
        own = _own_base_url()
        if link.startswith(own + "/"):
            link = link[len(own) :]
        if link.startswith("/") and not link.startswith("//"):
            links.append(urldefrag(link)[0])
    return links


PRIVATE_PHONE = "09351112233"
PRIVATE_ADDRESS = "کوچه محرمانه، پلاک ۹۹"
VISITOR_EMAIL = "visitor-private@example.org"
HOLDER_PHONE = "09187776655"
SOCIAL_HARM_TITLE = "آمار محرمانه اعتیاد"
FLAG_NOTE = "یادداشت محرمانه دستگاه"
NEIGHBORHOOD_NAMES = ["نیروگاه", "شهرک قدس", "سالاریه", "زنبیل‌آباد", "پردیسان", "یزدان‌شهر"]
SURNAMES = ["کبیری‌پور", "احمدی", "رضایی", "موسوی", "حسینی", "کاظمی"]


def build_public_data(edition, *, neighborhoods: int = 3) -> dict:
    """A small, complete data set: every kind of public content, and private data beside it."""
    made = {"neighborhoods": [], "booths": [], "martyrs": []}
    for index in range(neighborhoods):
        # Real neighborhood names carry no digits (test_public_pages checks a name that does).
        neighborhood = NeighborhoodFactory(
            name=NEIGHBORHOOD_NAMES[index],
            district=index + 1,
            population=12500,
            households=3100,
            is_synthetic=index == 0,
        )
        council = CouncilFactory(neighborhood=neighborhood)
        for number in range(6):
            CouncilMemberFactory(
                council=council,
                is_chair=number == 0,
                publish_name=number % 2 == 0,
                phone=PRIVATE_PHONE,
                address=PRIVATE_ADDRESS,
            )
        problem = ProblemFactory(neighborhood=neighborhood)
        ActionPlanFactory(problem=problem, progress_percent=35, due_date=edition.end_date)
        InitiativeFactory(
            neighborhood=neighborhood, started_on=edition.start_date, beneficiaries=1200
        )
        IdentityElementFactory(neighborhood=neighborhood)
        ProfileIndicatorFactory(neighborhood=neighborhood, value="87.50", unit="درصد")
        ProfileIndicatorFactory(
            neighborhood=neighborhood, kind="social_harm", title=SOCIAL_HARM_TITLE, value=4321
        )
        VulnerabilityFlagFactory(neighborhood=neighborhood, note=FLAG_NOTE)
        # Names without digits, as real names are: the martyr pages are checked for digits
        # in dates and counts, not for a factory's numbered names.
        martyr = MartyrFactory(
            neighborhood=neighborhood,
            last_name=SURNAMES[index % len(SURNAMES)],
            is_prominent=True,
            is_synthetic=True,
        )
        MartyrFactory(neighborhood=neighborhood, last_name=SURNAMES[-1 - index % len(SURNAMES)])
        VeteranTallyFactory(neighborhood=neighborhood, count=17)
        booth = BoothFactory(neighborhood=neighborhood, summary="دستاوردهای شورای محله 3")
        booth.holders.create(full_name="غرفه‌دار", phone=HOLDER_PHONE)
        ContactRequestFactory(booth=booth, email=VISITOR_EMAIL)
        ScheduleItemFactory(
            place_kind="booth",
            booth=booth,
            hall="",
            day=edition.start_date,
            title=f"گفتگو با شورای {neighborhood.name}",
        )
        ScheduleItemFactory(
            hall="سالن اجتماعات",
            day=edition.start_date + datetime.timedelta(days=1 + index),
            title=f"رونمایی از کتاب {neighborhood.name}",
        )
        made["neighborhoods"].append(neighborhood)
        made["booths"].append(booth)
        made["martyrs"].append(martyr)
    strata = StrataBaseFactory(description="پایگاه 12 ساله")
    made["booths"].append(
        BoothFactory(
            neighborhood=None,
            strata_base=strata,
            section=edition.sections.get(number=3),
            is_synthetic=True,
        )
    )
    ScheduleItemFactory(
        day=edition.days[1],
        start_time=edition.daily_opens_at,
        hall="سالن اصلی",
        title="سخنرانی آغاز روز",
    )
    return made
