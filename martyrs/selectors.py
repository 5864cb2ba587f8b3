"""Reads of the memorial: search, a martyr's page, a neighborhood's martyrs, and figures.

Every public read starts from published martyrs; a martyr's neighborhood is shown only when
it is published too. Each selector owns its joins, so a page's number of queries does not
grow with the number of martyrs it lists.
"""

from dataclasses import dataclass, field

from django.contrib.postgres.lookups import TrigramWordSimilar
from django.contrib.postgres.search import TrigramWordSimilarity
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Case, F, Q, QuerySet, Sum, Value, When
from django.urls import reverse
from django.utils.functional import cached_property

from martyrs.models import Martyr, VeteranTally
from moqdad.caching import cached_under_content_version
from moqdad.persian import normalize_for_search
from neighborhoods.models import Neighborhood
from neighborhoods.selectors import martyr_count_by_neighborhood, martyr_counts

# Long texts a list of names never shows.
LIST_DEFERRED = ["biography", "testament_excerpt", "source", "search_text"]


def martyr_list_public() -> QuerySet[Martyr]:
    return Martyr.objects.public().select_related("neighborhood")


def martyr_search(
    *,
    query: str = "",
    father_name: str = "",
    neighborhood: Neighborhood | None = None,
    category: str | None = None,
    operation: str | None = None,
    year_from: int | None = None,
    year_to: int | None = None,
    near: bool = False,
) -> QuerySet[Martyr]:
    """Published martyrs matching a name and filters, best match first.

    The name is matched on its search key (`normalize_for_search`), so every spelling
    variant finds the same martyr on every database: a martyr whose key contains the
    query's key is found, names starting with it first. With `near` (PostgreSQL only),
    names within trigram distance of the query are found instead (a typo, a letter left
    out), most similar first; `martyr_search_page` asks for them when nothing matches
    exactly. Without a name, martyrs come in alphabetical order.
    """
    martyrs = martyr_list_public().defer(*LIST_DEFERRED)
    if neighborhood is not None:
        martyrs = martyrs.filter(neighborhood=neighborhood)
    if category:
        martyrs = martyrs.filter(category=category)
    operation_key = normalize_for_search(operation)
    if operation_key:
        martyrs = martyrs.filter(operation_key__contains=operation_key)
    father_key = normalize_for_search(father_name)
    if father_key:
        martyrs = martyrs.filter(father_name_key__contains=father_key)
    if year_from is not None:
        martyrs = martyrs.filter(martyrdom_year__gte=year_from)
    if year_to is not None:
        martyrs = martyrs.filter(martyrdom_year__lte=year_to)

    key = normalize_for_search(query)
    if not key:
        return martyrs.order_by("last_name", "first_name", "id")
    if near:
        if not supports_near_search():
            return martyrs.none()
        return (
            martyrs.filter(TrigramWordSimilar(F("search_text"), Value(key)))
            .annotate(similarity=TrigramWordSimilarity(Value(key), "search_text"))
            .order_by("-similarity", "last_name", "first_name", "id")
        )
    # A name that starts with the query (a surname typed whole, a first name) comes before
    # one that only contains it.
    starts = Q(search_text__startswith=key) | Q(search_text__contains=f" {key}")
    return (
        martyrs.filter(search_text__contains=key)
        .annotate(starts=Case(When(starts, then=Value(1)), default=Value(0)))
        .order_by("-starts", "last_name", "first_name", "id")
    )


def supports_near_search() -> bool:
    """Typo-tolerant search needs PostgreSQL's pg_trgm (migration 0002 enables it)."""
    return connection.vendor == "postgresql"


class CappedPaginator(Paginator):
    """Counts at most `cap` results and says when there are more.

    Beyond a thousand names a visitor adds to the name or a filter rather than page on, and
    counting tens of thousands of matches («محمد») would cost more than the page itself.
    """

    cap = 1000

    @cached_property
    def count(self) -> int:
        counted = self.object_list.order_by().values("pk")[: self.cap + 1].count()
        self.capped = counted > self.cap
        return min(counted, self.cap)


def martyr_search_page(*, page: str | int | None, per_page: int, **criteria) -> Page:
    """One page of `martyr_search`; when no name matches exactly, the names nearest to it.

    The page's `near` attribute says which it is, and its paginator's `capped` whether
    there were more results than it counted. An exact search costs two queries (count and
    page); a fruitless one on PostgreSQL two more for the near names.
    """
    found = CappedPaginator(martyr_search(**criteria), per_page).get_page(page)
    found.near = False
    if found.paginator.count == 0 and criteria.get("query") and supports_near_search():
        near = CappedPaginator(martyr_search(**criteria, near=True), per_page).get_page(page)
        if near.paginator.count:
            near.near = True
            return near
    return found


def martyr_get_public(*, pk: int) -> Martyr | None:
    return martyr_list_public().filter(pk=pk).first()


def martyr_prominent(*, neighborhood: Neighborhood) -> Martyr | None:
    """The martyr a neighborhood's booth presents: published, of a published neighborhood."""
    if not neighborhood.is_published:
        return None
    return martyr_list_public().filter(neighborhood=neighborhood, is_prominent=True).first()


def martyr_list_for_neighborhood(*, neighborhood: Neighborhood) -> QuerySet[Martyr]:
    """A neighborhood's martyrs, its prominent martyr first (the index `martyr_memorial_order`)."""
    return (
        martyr_list_public()
        .filter(neighborhood=neighborhood)
        .order_by("-is_prominent", "last_name", "first_name", "id")
    )


class CountedPaginator(Paginator):
    """A paginator given its count (from the counts kept under the content version) instead of
    counting the rows again."""

    def __init__(self, object_list, per_page, *, count: int):
        super().__init__(object_list, per_page)
        self.known_count = count

    @cached_property
    def count(self) -> int:
        return self.known_count


# Past this many rows a memorial page reads its rows by id instead of stepping over every
# earlier martyr: the last page of a neighborhood of 24,000 martyrs sorted them all (400 ms).
SEEK_AFTER = 300


class MemorialPaginator(CountedPaginator):
    """Pages past `SEEK_AFTER` rows are read by the ids at their place in the neighborhood's
    order, kept under the content version (one pass over the order index, once per change):
    a page's address stays `?page=N`, and its query reads 30 rows by primary key."""

    def __init__(self, object_list, per_page, *, count: int, neighborhood: Neighborhood):
        super().__init__(object_list, per_page, count=count)
        self.neighborhood = neighborhood

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        if bottom < SEEK_AFTER:
            return super().page(number)
        ids = self._ordered_ids()[bottom : bottom + self.per_page]
        rows = self.object_list.order_by().in_bulk(ids)
        return self._get_page([rows[pk] for pk in ids if pk in rows], number, self)

    def _ordered_ids(self) -> list[int]:
        return cached_under_content_version(
            f"memorial-order:{self.neighborhood.pk}",
            lambda: list(self.object_list.values_list("pk", flat=True)),
        )


def martyr_page_for_neighborhood(
    *, neighborhood: Neighborhood, page: str | int | None, per_page: int
) -> Page:
    """One page of a neighborhood's memorial list: one query for its rows."""
    count = martyr_count_by_neighborhood().get(neighborhood.pk, 0)
    martyrs = martyr_list_for_neighborhood(neighborhood=neighborhood).defer(*LIST_DEFERRED)
    paginator = MemorialPaginator(martyrs, per_page, count=count, neighborhood=neighborhood)
    return paginator.get_page(page)


def neighborhood_choices_public() -> QuerySet[Neighborhood]:
    return Neighborhood.objects.public().only("pk", "name", "slug").order_by("name")


@dataclass
class Figure:
    label: str
    value: int
    url: str = ""


@dataclass
class Figures:
    """Counts for a chart and its table: one row per neighborhood, category or kind."""

    rows: list[Figure] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(row.value for row in self.rows)

    @property
    def maximum(self) -> int:
        return max((row.value for row in self.rows), default=0)


def martyr_figures_by_category(*, neighborhood: Neighborhood | None = None) -> Figures:
    counts: dict[str, int] = {}
    for (neighborhood_id, category), n in martyr_counts().items():
        if neighborhood is None or neighborhood_id == neighborhood.pk:
            counts[category] = counts.get(category, 0) + n
    return Figures(
        [
            Figure(label=str(label), value=counts[value])
            for value, label in Martyr.Category.choices
            if counts.get(value)
        ]
    )


def martyr_figures_by_neighborhood() -> Figures:
    """Published martyrs per published neighborhood, most first."""
    totals = martyr_count_by_neighborhood()
    rows = sorted(
        (
            (totals[pk], name, slug)
            for pk, name, slug in Neighborhood.objects.public().values_list("pk", "name", "slug")
            if totals.get(pk)
        ),
        key=lambda row: (-row[0], row[1]),
    )
    return Figures(
        [Figure(label=name, value=n, url=_neighborhood_url(slug)) for n, name, slug in rows]
    )


def veteran_figures_by_kind(*, neighborhood: Neighborhood | None = None) -> Figures:
    tallies = VeteranTally.objects.public()
    if neighborhood is not None:
        tallies = tallies.filter(neighborhood=neighborhood)
    counts = dict(tallies.values_list("kind").annotate(n=Sum("count")).order_by())
    return Figures(
        [
            Figure(label=str(label), value=counts[value])
            for value, label in VeteranTally.Kind.choices
            if counts.get(value)
        ]
    )


def veteran_figures_by_neighborhood() -> Figures:
    rows = (
        VeteranTally.objects.public()
        .values_list("neighborhood__name", "neighborhood__slug")
        .annotate(n=Sum("count"))
        .filter(n__gt=0)
        .order_by("-n", "neighborhood__name")
    )
    return Figures(
        [Figure(label=name, value=n, url=_neighborhood_url(slug)) for name, slug, n in rows]
    )


def _neighborhood_url(slug: str) -> str:
    return reverse("martyrs:neighborhood", kwargs={"slug": slug})
