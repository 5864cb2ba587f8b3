from neighborhoods.models import Neighborhood


def neighborhood_list_public():
    return Neighborhood.objects.published().select_related("phase").order_by("name")


def neighborhood_get_public(*, slug: str) -> Neighborhood | None:
    return neighborhood_list_public().filter(slug=slug).first()
