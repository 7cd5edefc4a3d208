"""Web addresses the desk stores and links to: http and https only.

A `javascript:` or `data:` address in an href runs in the reader's browser. So an
address is checked when it comes in (validate_web_url, on the models and in the
services) and again whenever a page or the API hands it out (is_web_url, the
`web_url` template filter), which also covers rows stored before the check existed.
"""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

WEB_SCHEMES = ["http", "https"]
MAX_URL_LENGTH = 1000  # the models' URL columns

_web_url_validator = URLValidator(schemes=WEB_SCHEMES)


def is_web_url(value) -> bool:
    """Whether value is an absolute http(s) address (no other scheme, no relative path)."""
    if not isinstance(value, str) or not value or len(value) > MAX_URL_LENGTH:
        return False
    try:
        _web_url_validator(value)
    except ValidationError:
        return False
    return True


def validate_web_url(value: str) -> None:
    """Field validator: an empty value or a web address readers can safely follow."""
    if value and not is_web_url(value):
        raise ValidationError(
            "Enter a web address starting with http:// or https://.", code="web_url"
        )


def web_url_or_none(value) -> str | None:
    return value if is_web_url(value) else None
