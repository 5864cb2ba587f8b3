"""Benchmark: martyr name search over 250,000 martyrs in PostgreSQL.

    .venv/bin/python bench/martyrs_search.py [--martyrs 250000] [--queries 200]

Uses its own database (DATABASE_URL, default postgres://postgres@127.0.0.1:5432/bench_martyrs,
created if missing), migrates it, fills it once with synthetic martyrs (kept for the next
run), then times what the search page does for a name: the ranked query's count and its
first page of 30 (and, when nothing matches exactly, the same for the nearest spellings:
what the search page does). Names are drawn with long-tailed (Zipf) frequencies from 2,500 surnames and
63 first names. The ~200 queries are about martyrs picked at random from the data (so common
names are searched more often, as in life): surnames, full names in either order, Arabic
letters, ZWNJ/space/joined compounds, partial names, one-letter typos and bare first names
(the worst case: tens of thousands of matches). Prints the median, p95 and maximum per kind.
Not a test: the figures depend on the machine.
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/bench_martyrs"

FIRST_NAMES = (
    "محمد علی حسین حسن مهدی رضا احمد عباس جواد مجید سعید حمید مرتضی مصطفی ابراهیم اسماعیل "
    "محمدرضا علیرضا محمدعلی غلامرضا غلامحسین قاسم جعفر صادق کاظم هادی اکبر اصغر یوسف یعقوب "
    "ناصر منصور مسعود محمود داود سلمان روح‌الله نعمت‌الله حبیب‌الله عبدالله امیر بهروز "
    "محسن مهران بهزاد فرهاد حمیدرضا محمدحسین محمدمهدی ابوالفضل اسدالله عزیزالله نصرالله "
    "سیدمحمد سیدعلی سیدحسین حجت‌الله ولی‌الله رحمت‌الله ذبیح‌الله کریم رحیم نادر"
).split()
SURNAME_STEMS = (
    "کبیر کریم رحیم احمد محمد حسین حسن رضا اکبر جعفر قاسم صادق کاظم هاشم موسو طباطبا نور "
    "نوروز یزدان فراهان قم تهران اصفهان شیراز کاشان مطهر باهنر رجا بهشت همت باکر خراز "
    "کاوه بروجرد چمران شهباز میرزا شریف عزیز نظر توکل فاضل عابد زارع بیگ سلطان امین "
    "اسد افشار امیر بابا بخشا بهرام پاک تقو ثابت جلال جمال حافظ حبیب حیدر خلیل دهقان "
    "رحمان رستم رسول زمان سبحان ستار سلیم شجاع شفیع صالح صدر صفر ضیا طاهر ظهیر عارف عباس "
    "عطار علو غفار فتح فرج فرهاد قادر قربان کرمان گلپایگان لطف مجید محسن مختار مرتضو "
    "مسعود مظاهر معصوم مقدس منصور مهدو ناصر نجف نصیر نیک وحید هادو یوسف اسلام ایمان "
    "آشت اراک بیدگل جهرم خوانسار دلیجان ساوه سمنان شهرضا فومن کرج گرگان لاهیج محلات نطنز"
).split()
# How a stem becomes a surname; the first forms are far more common than the last.
SURNAME_FORMS = [
    "{}ی", "{}ی", "{}ی", "{}یان", "{}ی‌پور", "{}ی‌زاده", "{}ی‌نژاد", "{}ی‌فر", "{}ی‌راد",
    "{}ی‌نیا", "{} زاده", "حاج{}ی", "میر{}ی", "{}ی مقدم", "{}ی‌تبار", "{}لو", "{}ی‌فرد",
    "{}ی‌کیا", "{}ی‌مهر", "{}ی‌منش",
]  # fmt: skip
OPERATIONS = ["والفجر ۸", "کربلای ۵", "بیت‌المقدس", "فتح‌المبین", "خیبر", "بدر", ""]


def zipf_weights(count: int, exponent: float) -> list[float]:
    """Name frequencies fall off as a power of their rank, as real name frequencies do."""
    return [1 / (rank**exponent) for rank in range(1, count + 1)]


def name_pools(rng: random.Random):
    surnames = [form.format(stem) for stem in SURNAME_STEMS for form in SURNAME_FORMS]
    rng.shuffle(surnames)
    return (
        (FIRST_NAMES, zipf_weights(len(FIRST_NAMES), 1.0)),
        (surnames, zipf_weights(len(surnames), 0.8)),
    )


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "moqdad.settings")
    import django

    django.setup()


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
            print(f"created database {name}")


def fill(count: int, rng: random.Random) -> None:
    import datetime

    from django.db import connection

    from martyrs.models import Martyr
    from moqdad.publishing import PublicationStatus
    from neighborhoods.models import Neighborhood

    have = Martyr.objects.count()
    if have >= count:
        print(f"{have} martyrs already there")
        return
    neighborhoods = [
        Neighborhood.objects.get_or_create(
            slug=f"bench-{i}",
            defaults={"name": f"محله سنجش {i}", "status": PublicationStatus.PUBLISHED},
        )[0]
        for i in range(116)
    ]
    categories = [c for c, _ in Martyr.Category.choices]
    (firsts, first_weights), (lasts, last_weights) = name_pools(rng)
    started = time.perf_counter()
    batch = []
    todo = count - have
    first_names = rng.choices(firsts, first_weights, k=todo)
    last_names = rng.choices(lasts, last_weights, k=todo)
    fathers = rng.choices(firsts, first_weights, k=todo)
    for i in range(todo):
        day = datetime.date(1980, 9, 22) + datetime.timedelta(days=rng.randrange(0, 3200))
        martyr = Martyr(
            first_name=first_names[i],
            last_name=last_names[i],
            father_name=fathers[i],
            martyrdom_date=day,
            category=rng.choice(categories),
            operation=rng.choice(OPERATIONS),
            neighborhood=rng.choice(neighborhoods),
            status=PublicationStatus.PUBLISHED if rng.random() < 0.97 else PublicationStatus.DRAFT,
            is_synthetic=True,
        )
        martyr.fill_derived_fields()
        batch.append(martyr)
        if len(batch) == 5000:
            Martyr.objects.bulk_create(batch)
            batch = []
    Martyr.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE martyrs_martyr")
    print(f"inserted {count - have} martyrs in {time.perf_counter() - started:.0f} s")


def typo(word: str, rng: random.Random) -> str:
    letters = [c for c in word if c not in " \u200c"]
    letters[rng.randrange(1, len(letters))] = rng.choice("بتسشلمنهی")
    return "".join(letters)


def arabic(text: str) -> str:
    return text.replace("ی", "ي").replace("ک", "ك")


def make_queries(total: int, rng: random.Random) -> list[tuple[str, str]]:
    """Queries about martyrs who are in the data, so common names are looked for more often,
    as families' searches are."""
    from martyrs.models import Martyr

    ids = Martyr.objects.values_list("id", flat=True)
    top = ids.order_by("-id")[0]
    people = []
    while len(people) < total:
        found = ids.filter(id=rng.randrange(1, top + 1)).values_list("first_name", "last_name")
        people.extend(found)

    def compound(last):
        return last.replace("\u200c", "") if rng.random() < 0.5 else last.replace("\u200c", " ")

    kinds = {
        "surname": lambda first, last: last,
        "full name": lambda first, last: f"{first} {last}",
        "surname first": lambda first, last: f"{last} {first}",
        "arabic letters": lambda first, last: arabic(f"{first} {last}"),
        "joined/spaced": lambda first, last: compound(f"{first} {last}"),
        "typo": lambda first, last: typo(f"{first}{last}", rng),
        "partial": lambda first, last: f"{first} {last[: max(3, len(last) - 2)]}",
        "first name": lambda first, last: first,
    }
    names = list(kinds)
    return [(names[i % len(names)], kinds[names[i % len(names)]](*people[i])) for i in range(total)]


def time_search(query: str) -> tuple[float, int]:
    from martyrs.selectors import martyr_search_page

    started = time.perf_counter()
    page = martyr_search_page(query=query, page=1, per_page=30)
    rows = list(page.object_list)
    count = page.paginator.count
    elapsed = (time.perf_counter() - started) * 1000
    assert len(rows) == min(30, count)
    return elapsed, count


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--martyrs", type=int, default=250_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed", type=int, default=1401)
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL") or DEFAULT_URL
    if not url.startswith("postgres"):
        sys.exit("This benchmark needs PostgreSQL: set DATABASE_URL to a postgres:// URL.")
    ensure_database(url)
    setup_django(url)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    rng = random.Random(args.seed)
    fill(args.martyrs, rng)

    queries = make_queries(args.queries, random.Random(args.seed + 1))
    for _, query in queries[:10]:  # warm the cache and the connection
        time_search(query)
    timings: dict[str, list[float]] = {}
    found = 0
    for kind, query in queries:
        elapsed, count = time_search(query)
        timings.setdefault(kind, []).append(elapsed)
        found += count > 0
    every = [t for values in timings.values() for t in values]

    from martyrs.models import Martyr

    print(f"PostgreSQL {connection.pg_version // 10000}, {Martyr.objects.count()} martyrs")
    print(f"{len(every)} name searches (count + first page of 30), {found} found something")
    print(f"{'kind':<16} {'n':>4} {'median ms':>10} {'p95 ms':>8}")
    for kind, values in timings.items():
        print(
            f"{kind:<16} {len(values):>4} {statistics.median(values):>10.1f} "
            f"{percentile(values, 0.95):>8.1f}"
        )
    print(
        f"{'all':<16} {len(every):>4} {statistics.median(every):>10.1f} "
        f"{percentile(every, 0.95):>8.1f}   max {max(every):.1f} ms"
    )


if __name__ == "__main__":
    main()
