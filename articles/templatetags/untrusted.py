"""Filters for what outsiders wrote (titles, names, quotes) and the addresses they gave.

- `web_url`: the address if readers may follow it (http or https), else "" — pages
  link an address only through this filter, so no other scheme ever becomes an href.
- `bdi`: the text in a <bdi> element, so right-to-left text or a stray bidi override
  in a title cannot reorder the words around it.
- `isolate`: the same for plain text (a page's <title>, attributes), with the Unicode
  isolate characters FSI ... PDI.
"""

from django import template
from django.utils.html import format_html

from articles.links import is_web_url

register = template.Library()

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"


@register.filter
def web_url(value) -> str:
    return value if is_web_url(value) else ""


@register.filter
def bdi(value) -> str:
    return format_html("<bdi>{}</bdi>", value)


@register.filter
def isolate(value) -> str:
    return f"{FIRST_STRONG_ISOLATE}{value}{POP_DIRECTIONAL_ISOLATE}"
