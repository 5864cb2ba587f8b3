"""The public floor plan: the booths drawn from their positions, the entrance and the halls
where the programme is held, as SVG geometry for templates/exhibition/floor_plan.html."""

import dataclasses
from decimal import Decimal

from django.utils.translation import gettext as _

from exhibition.models import Booth, Exhibition, Section
from exhibition.selectors import booths_public, schedule_halls, section_colour
from moqdad import charts

PLAN_SCALE = 20  # SVG units per metre
PLAN_MARGIN = 1  # metres around the booths
PLAN_LOBBY_DEPTH = 7  # metres of the entrance side: the entrance and the programme halls
PLAN_ENTRANCE_WIDTH = 6
PLAN_LABEL_CHARS = 9  # a hall's name wraps onto two lines past this many characters


@dataclasses.dataclass(frozen=True)
class PlanBooth:
    booth: Booth
    x: float
    y: float
    width: float
    height: float
    center_x: float
    center_y: float
    font_size: float
    fill: str


@dataclasses.dataclass(frozen=True)
class PlanRoom:
    """A programme hall or the entrance, drawn along the plan's entrance side."""

    name: str
    x: float
    y: float
    width: float
    height: float
    center_x: float
    center_y: float
    lines: list[str]
    place_key: str = ""


@dataclasses.dataclass(frozen=True)
class FloorPlan:
    width: float
    height: float
    booths: list[PlanBooth]
    sections: list[tuple[Section, str, list[Booth]]]
    booth_area_height: float = 0.0
    entrance: PlanRoom | None = None
    halls: list[PlanRoom] = dataclasses.field(default_factory=list)


def floor_plan_public(*, exhibition: Exhibition) -> FloorPlan:
    """The hall drawn from the booths' positions, measured from the hall's top-right corner."""
    booths = list(booths_public(exhibition=exhibition))
    hall_width = max((b.plan_x + b.plan_width for b in booths), default=Decimal(10))
    hall_depth = max((b.plan_y + b.plan_depth for b in booths), default=Decimal(6))
    width = float(hall_width) + 2 * PLAN_MARGIN
    placed = []
    sections: dict[int, tuple[Section, str, list[Booth]]] = {}
    for booth in booths:
        fill = section_colour(booth.section)
        sections.setdefault(booth.section_id, (booth.section, fill, []))[2].append(booth)
        w, h = float(booth.plan_width), float(booth.plan_depth)
        x = width - PLAN_MARGIN - float(booth.plan_x) - w
        y = PLAN_MARGIN + float(booth.plan_y)
        placed.append(
            PlanBooth(
                booth=booth,
                x=round(x * PLAN_SCALE, 1),
                y=round(y * PLAN_SCALE, 1),
                width=round(w * PLAN_SCALE, 1),
                height=round(h * PLAN_SCALE, 1),
                center_x=round((x + w / 2) * PLAN_SCALE, 1),
                center_y=round((y + h / 2) * PLAN_SCALE, 1),
                font_size=round(min(w, h) * PLAN_SCALE * 0.34, 1),
                fill=fill,
            )
        )
    booth_area = float(hall_depth) + 2 * PLAN_MARGIN
    entrance, halls = _plan_entrance_side(exhibition=exhibition, width=width, top=booth_area)
    return FloorPlan(
        width=round(width * PLAN_SCALE, 1),
        height=round((booth_area + PLAN_LOBBY_DEPTH) * PLAN_SCALE, 1),
        booths=placed,
        sections=[sections[key] for key in sorted(sections, key=lambda k: sections[k][0].number)],
        booth_area_height=round(booth_area * PLAN_SCALE, 1),
        entrance=entrance,
        halls=halls,
    )


def _plan_room(name: str, x: float, y: float, width: float, depth: float, key="") -> PlanRoom:
    return PlanRoom(
        name=name,
        x=round(x * PLAN_SCALE, 1),
        y=round(y * PLAN_SCALE, 1),
        width=round(width * PLAN_SCALE, 1),
        height=round(depth * PLAN_SCALE, 1),
        center_x=round((x + width / 2) * PLAN_SCALE, 1),
        center_y=round((y + depth / 2) * PLAN_SCALE, 1),
        lines=charts.label_lines(name, PLAN_LABEL_CHARS),
        place_key=key,
    )


def _plan_entrance_side(
    *, exhibition: Exhibition, width: float, top: float
) -> tuple[PlanRoom, list[PlanRoom]]:
    """The entrance in the middle of the side facing the visitor, and the halls where the
    programme is held on either side of it (a sketch: the plan stores no hall positions)."""
    halls_used = schedule_halls(exhibition=exhibition)
    inner = width - 2 * PLAN_MARGIN
    depth = PLAN_LOBBY_DEPTH - PLAN_MARGIN
    entrance_x = PLAN_MARGIN + (inner - PLAN_ENTRANCE_WIDTH) / 2
    entrance = _plan_room(_("Entrance"), entrance_x, top, PLAN_ENTRANCE_WIDTH, depth)
    halls = []
    side = (inner - PLAN_ENTRANCE_WIDTH) / 2 - PLAN_MARGIN
    half = (len(halls_used) + 1) // 2
    right, left = halls_used[:half], halls_used[half:]
    for names_on_side, start in (
        (right, PLAN_MARGIN),
        (left, entrance_x + PLAN_ENTRANCE_WIDTH + PLAN_MARGIN),
    ):
        if not names_on_side:
            continue
        room = (side - PLAN_MARGIN * (len(names_on_side) - 1)) / len(names_on_side)
        for index, place in enumerate(names_on_side):
            x = start + index * (room + PLAN_MARGIN)
            halls.append(_plan_room(place.label, width - x - room, top, room, depth, key=place.key))
    return entrance, halls
