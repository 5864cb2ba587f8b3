"""`{% page_blocks "slot" name=value %}`: the blocks other apps contribute (moqdad.page_blocks)."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from moqdad import page_blocks as registry

register = template.Library()


@register.simple_tag(takes_context=True)
def page_blocks(context, slot, **values):
    request = context.get("request")
    html = [
        render_to_string(block.template, block.context, request=request)
        for block in registry.blocks_for(slot, **values)
    ]
    return mark_safe("".join(html))  # noqa: S308 (each block is a template's escaped output)
