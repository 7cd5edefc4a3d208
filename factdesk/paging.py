"""Pagination for the desk's big admin lists without counting every row on each page.

The admin's changelist counts its (filtered) rows to draw its page links. On PostgreSQL a
COUNT(*) reads the whole table (or index), so its cost grows with the desk. The planner's
row estimate (EXPLAIN) costs the same at any size; an editor paging through a queue of
thousands of claims does not need the exact figure, and a short list is still counted.
"""

import json

from django.core.exceptions import EmptyResultSet
from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

# Below this many estimated rows the exact count is cheap, and shown.
EXACT_BELOW = 10_000


class EstimatedCountPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        estimate = planner_estimate(self.object_list)
        if estimate is None or estimate < EXACT_BELOW:
            return super().count
        return estimate


def planner_estimate(queryset) -> int | None:
    """PostgreSQL's estimate of the queryset's rows; None elsewhere."""
    connection = connections[queryset.db]
    if connection.vendor != "postgresql":
        return None
    try:
        sql, params = queryset.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # a filter nothing can match ("source_count=-1"): no query
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return int(plan[0]["Plan"]["Plan Rows"])


class CappedCountPaginator(Paginator):
    """Counts at most `cap` rows: "more than 1,000" is all a reader needs of a search.

    Counting every match of a common word reads most of the index whatever the page
    shown; a count that stops at the cap costs the same at any size of the desk. The
    pages past the cap are not offered: a reader narrows the search instead.
    """

    cap = 1_000

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.cap)

    @cached_property
    def _counted(self) -> int:
        return self.object_list.order_by()[: self.cap + 1].count()

    @property
    def capped(self) -> bool:
        return self._counted > self.cap
