from martyrs.models import Martyr
from moqdad.persian import normalize_for_search


def martyr_search(*, query: str = "", neighborhood=None):
    martyrs = Martyr.objects.published().select_related("neighborhood")
    key = normalize_for_search(query)
    if key:
        martyrs = martyrs.filter(search_text__contains=key)
    if neighborhood is not None:
        martyrs = martyrs.filter(neighborhood=neighborhood)
    return martyrs


def martyr_get_public(*, pk: int) -> Martyr | None:
    return Martyr.objects.published().select_related("neighborhood").filter(pk=pk).first()
