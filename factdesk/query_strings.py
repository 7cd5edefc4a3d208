"""Query strings without control characters, before any view reads them.

PostgreSQL text cannot hold NUL, so a filter or search given one (an admin list filter,
an API filter, the reader search) failed with a database error; the other C0 controls
and DEL are never part of a real search either. They are dropped from the parameters'
names and values here, once for every URL (admin, API and pages alike): a filter with
one is the same filter without it. Tab, line feed and carriage return are whitespace
and stay.
"""

import re

from django.http import QueryDict

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _cleaned(params: QueryDict) -> QueryDict:
    cleaned = QueryDict(mutable=True)
    for key, values in params.lists():
        for value in values:
            cleaned.appendlist(CONTROL_CHARACTERS.sub("", key), CONTROL_CHARACTERS.sub("", value))
    cleaned._mutable = False
    return cleaned


class DropControlCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        params = request.GET
        if any(
            CONTROL_CHARACTERS.search(key) or CONTROL_CHARACTERS.search("".join(values))
            for key, values in params.lists()
        ):
            request.GET = _cleaned(params)
            # The page cache keys on the full address: the same key as without them.
            request.META["QUERY_STRING"] = request.GET.urlencode()
        return self.get_response(request)
