"""What a claim keeps of its reports, so that one more report is counted without the others.

A claim's tally (`Claim.tally`, JSON) holds each outlet's copy groups and, for each kind
of value (numbers, codes, dates, stance), which articles give which set of values. From
it follow the claim's source counts and its variants, exactly as if every report were
read again; adding a report changes a few entries of it.
"""

from bisect import insort

from .independence import Report, count_outlets, outlet_key
from .text.variants import KINDS, value_sets, variants_from

# Joins a set of values into one JSON key (a character no value contains).
SEPARATOR = "\x1f"


class Tally:
    def __init__(self, data: dict | None = None):
        data = data or {}
        self.reports: int = data.get("reports", 0)
        self.independent: int = data.get("independent", 0)
        # Copies of the containers (not of the lists, which add() replaces rather than
        # changes), so the stored tally stays as it was and can be compared.
        self.outlets: dict[str, list[int]] = dict(data.get("outlets", {}))
        self.givers: dict[str, dict[str, list[int]]] = {
            kind: dict(data.get("values", {}).get(kind, {})) for kind in KINDS
        }

    @classmethod
    def of(cls, reports: list[Report]) -> "Tally":
        tally = cls()
        for report in reports:
            tally.add(report)
        return tally

    def as_json(self) -> dict:
        return {
            "reports": self.reports,
            "independent": self.independent,
            "outlets": self.outlets,
            "values": self.givers,
        }

    def add(self, report: Report) -> None:
        self.reports += 1
        key, root = outlet_key(report), report.root
        roots = self.outlets.get(key)
        if roots is None or root not in roots:
            # A new outlet with a new copy group is one more independent source; a new
            # outlet or group joins what it is linked to; only a link between an outlet
            # and a group that were both known already may join two independent sources.
            known_root = any(root in held for held in self.outlets.values())
            if roots is None and not known_root:
                self.independent += 1
            self.outlets[key] = _with(roots or [], root)
            if roots is not None and known_root:
                self.independent = count_outlets(self.outlets)[1]
        for kind, values in value_sets(report.quote).items():
            key = SEPARATOR.join(sorted(values))
            articles = self.givers[kind].get(key, [])
            if report.article_id not in articles:
                self.givers[kind][key] = _with(articles, report.article_id)

    def counts(self) -> tuple[int, int]:
        """Outlets reporting the claim, and how many of them are independent."""
        return len(self.outlets), self.independent

    def variants(self) -> list[dict]:
        return variants_from(
            {
                kind: {
                    frozenset(key.split(SEPARATOR)) if key else frozenset(): articles
                    for key, articles in givers.items()
                }
                for kind, givers in self.givers.items()
            }
        )


def _with(numbers: list[int], number: int) -> list[int]:
    """A sorted list with one more number, leaving the given one as it was."""
    numbers = list(numbers)
    insort(numbers, number)
    return numbers
