"""Blocks a later app adds to an earlier app's page, so that the page's app imports nothing of it.

A page marks where contributed blocks go, with what they may read:

    {% load page_blocks %}{% page_blocks "neighborhoods:detail" neighborhood=neighborhood %}

and an app contributes from its `AppConfig.ready()`:

    page_blocks.register("neighborhoods:detail", builder)

`builder(**values)` returns a `Block` (a template and its context) or None for nothing to show.
A block on a public page reads only public rows (`Model.objects.public()`), as the page does.
"""

import dataclasses
from collections.abc import Callable

_BUILDERS: dict[str, list[Callable]] = {}


@dataclasses.dataclass(frozen=True)
class Block:
    template: str
    context: dict


def register(slot: str, builder: Callable) -> None:
    builders = _BUILDERS.setdefault(slot, [])
    if builder not in builders:
        builders.append(builder)


def blocks_for(slot: str, **values) -> list[Block]:
    blocks = (builder(**values) for builder in _BUILDERS.get(slot, ()))
    return [block for block in blocks if block is not None]
