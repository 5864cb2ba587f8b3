"""Stored images in templates, always with their pixel size so the page does not jump.

{% load images %}
{% responsive_image martyr.photo alt=martyr sizes="(min-width: 60rem) 40rem, 100vw" %}
{% with thumb=booth.photo|variant:400 %}
  {% if thumb %}<img src="{{ thumb.url }}" width="{{ thumb.width }}" height="{{ thumb.height }}" alt="">{% endif %}
{% endwith %}
"""

from django import template
from django.utils.html import format_html

from moqdad.images import VARIANT_WIDTHS, image_variant

register = template.Library()


@register.filter
def variant(field_file, width):
    """The WebP variant of `field_file` at most `width` pixels wide (400 or 1200), or None."""
    try:
        width = int(width)
    except (TypeError, ValueError):
        return None
    if width not in VARIANT_WIDTHS:
        return None
    return image_variant(field_file, width)


@register.simple_tag
def responsive_image(field_file, alt="", sizes="100vw", css_class="", width=VARIANT_WIDTHS[0]):
    """An `<img>` with both variants in `srcset`, `width`/`height` set, loaded lazily."""
    variants = [image_variant(field_file, target) for target in VARIANT_WIDTHS]
    if not all(variants):
        return ""
    default = next((v for v in variants if v.width >= int(width)), variants[-1])
    srcset = ", ".join(f"{v.url} {v.width}w" for v in variants)
    return format_html(
        '<img src="{}" srcset="{}" sizes="{}" width="{}" height="{}" alt="{}" class="{}" '
        'loading="lazy" decoding="async">',
        default.url,
        srcset,
        sizes,
        default.width,
        default.height,
        alt,
        css_class,
    )
