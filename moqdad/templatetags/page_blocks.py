"""`{% page_blocks "slot" name=value %}`: the blocks other apps contribute (moqdad.page_blocks)."""

from django import template
from django.template.loader import render_to_string
from django.utils.html import format_html_join

from moqdad import page_blocks as registry

register = template.Library()


@register.simple_tag(takes_context=True)
def page_blocks(context, slot, **values):
    request = context.get("request")
    # Each block is a rendered template (safe); anything else would be escaped.
    return format_html_join(
        "",
        "{}",
        (
            (render_to_string(block.template, block.context, request=request),)
            for block in registry.blocks_for(slot, **values)
        ),
    )
