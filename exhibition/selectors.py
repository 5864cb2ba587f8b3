from exhibition.models import Booth, Exhibition


def exhibition_current() -> Exhibition | None:
    return Exhibition.objects.filter(is_current=True).first()


def booth_get_public(*, exhibition: Exhibition, code: str) -> Booth | None:
    return (
        Booth.objects.published()
        .filter(exhibition=exhibition, code=code)
        .select_related("section", "neighborhood", "strata_base")
        .first()
    )
