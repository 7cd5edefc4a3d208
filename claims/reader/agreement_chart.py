"""Geometry of the event page's agreement chart: which outlets report which claims, and
the values they give (SVG markup in templates/public/charts/agreement.html).
"""

from collections import defaultdict
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .charts import SMALLEST_SCALE, clip, wrap

# Agreement chart: a column per outlet; a row per claim, its wording above its cells.
CHART_MIN_WIDTH = 480
PAD = 8
COLUMN_WIDTH = 92
HEADER_LINE = 16
HEADER_HEIGHT = 4 * HEADER_LINE + 12
ROW_HEIGHT = 52
LABEL_CHAR_WIDTH = 8  # average width of a character at the chart's label size
HEADER_CHAR_WIDTH = 7.5  # at the column headers' size
HEADER_GAP = 8  # between two columns' names, so that neighbours never touch
VALUE_CHAR_WIDTH = 8.5  # bold, in the value pills
MAX_ROWS = 20


@dataclass
class Column:
    x: float
    lines: list[str]
    name: str
    paraphrase: bool
    tag: str = ""  # what an unnamed outlet is, under its headline


@dataclass
class Cell:
    x: float
    reports: bool
    value: str = ""
    full_value: str = ""
    pill_width: float = 0

    @property
    def pill_x(self) -> float:
        return round(self.x - self.pill_width / 2, 1)


@dataclass
class Row:
    y: float
    claim: object
    label: str
    cells: list[Cell]
    striped: bool = False

    @property
    def label_y(self) -> float:
        return self.y + 20

    @property
    def middle(self) -> float:
        return self.y + 37

    @property
    def value_y(self) -> float:
        return self.y + 42

    @property
    def pill_y(self) -> float:
        return self.y + 26


@dataclass
class AgreementChart:
    width: float
    height: float
    row_height: int
    pill_width: float
    columns: list[Column]
    rows: list[Row]
    single_outlet: int
    not_shown: int
    outlets_not_shown: int
    summary: str
    column_width: float = COLUMN_WIDTH

    @property
    def min_width(self) -> int:
        return round(self.width * SMALLEST_SCALE)

    # The small rings of "does not report" are one tiled pattern under the rows, not a
    # shape per cell: a desk of 60 outlets and 40 claims would draw 2,400 of them. A
    # report's dot or value pill covers the ring beneath it.
    @property
    def grid_x(self) -> int:
        return PAD

    @property
    def grid_y(self) -> int:
        return HEADER_HEIGHT

    @property
    def grid_width(self) -> float:
        return round(self.column_width * len(self.columns), 1)

    @property
    def grid_height(self) -> int:
        return self.row_height * len(self.rows)

    @property
    def ring_x(self) -> float:
        return round(self.column_width / 2, 1)

    @property
    def ring_y(self) -> int:
        return 37  # Row.middle, from the row's top


def outlet_name(outlet) -> str:
    return outlet.first_article.source_label  # the one rule, in articles.models


def _header_lines(outlet, chars: int) -> list[str]:
    article = outlet.first_article
    if article.outlet_is_named:
        return wrap(outlet_name(outlet), chars, 3)
    # An unnamed outlet: its headline on two lines; the third says what it is (Column.tag).
    return wrap(f"“{article.title}”", chars, 2)


def _cells(claim, keys, columns, pill_width, outlet_key, value_label) -> list[Cell]:
    reported = {outlet_key(a.article) for a in claim.reports}
    values: dict[str, list[str]] = defaultdict(list)
    for variant in claim.variant_list:
        for held in variant.values:
            for article in held.articles:
                values[outlet_key(article)].append(str(value_label(held.value)))
    cells = []
    for key, column in zip(keys, columns, strict=True):
        shown = " / ".join(dict.fromkeys(values.get(key, [])))
        cells.append(
            Cell(
                x=column.x,
                reports=key in reported,
                value=clip(shown, int(pill_width / VALUE_CHAR_WIDTH)),
                full_value=shown,
                pill_width=pill_width,
            )
        )
    return cells


def agreement_chart(
    *, claims, outlets, outlet_key, value_label, all_outlets=None
) -> AgreementChart | None:
    """Which outlet reports which claim, for claims more than one outlet reports.

    claims carry .reports and .variant_list (see views.describe_claim); a cell shows the
    outlet's own value where reports of the claim differ (LUNA in one, LUNC in another).
    outlets are the columns drawn; all_outlets, how many the event has when that is more
    (the page charts a few outlets, whatever the event's size).
    """
    charted = [c for c in claims if c.source_count > 1 or c.variant_list]
    if not charted or len(outlets) < 2:
        return None
    all_outlets = max(all_outlets or 0, len(outlets))
    rows_shown = charted[:MAX_ROWS]
    width = max(CHART_MIN_WIDTH, 2 * PAD + COLUMN_WIDTH * len(outlets))
    column_width = (width - 2 * PAD) / len(outlets)
    pill_width = round(column_width - 10, 1)
    header_chars = int((column_width - HEADER_GAP) / HEADER_CHAR_WIDTH)
    keys = [outlet_key(o.first_article) for o in outlets]
    columns = [
        Column(
            x=round(PAD + column_width * (i + 0.5), 1),
            lines=_header_lines(outlet, header_chars),
            name=outlet_name(outlet),
            paraphrase=all(a.copy_of_id for a in outlet.articles),
            tag="" if outlet.first_article.outlet_is_named else _("unnamed outlet"),
        )
        for i, outlet in enumerate(outlets)
    ]
    label_chars = int((width - 2 * PAD) / LABEL_CHAR_WIDTH) - 2
    rows = [
        Row(
            y=HEADER_HEIGHT + ROW_HEIGHT * r,
            claim=claim,
            label=clip(claim.text, label_chars),
            cells=_cells(claim, keys, columns, pill_width, outlet_key, value_label),
            striped=r % 2 == 1,
        )
        for r, claim in enumerate(rows_shown)
    ]
    return AgreementChart(
        width=width,
        height=HEADER_HEIGHT + ROW_HEIGHT * len(rows) + PAD,
        row_height=ROW_HEIGHT,
        pill_width=pill_width,
        columns=columns,
        rows=rows,
        column_width=column_width,
        single_outlet=len(claims) - len(charted),
        not_shown=len(charted) - len(rows_shown),
        outlets_not_shown=all_outlets - len(outlets),
        summary=_summary(len(outlets), all_outlets, len(rows_shown)),
    )


def _summary(outlets: int, all_outlets: int, claims: int) -> str:
    if outlets == all_outlets:
        return ngettext(
            "Which of the %(outlets)s outlets report each of the %(claims)s claim "
            "that more than one outlet reports.",
            "Which of the %(outlets)s outlets report each of the %(claims)s claims "
            "that more than one outlet reports.",
            claims,
        ) % {"outlets": outlets, "claims": claims}
    return ngettext(
        "Which of the %(outlets)s outlets with the most independent reports (of "
        "%(all)s) report each of the %(claims)s claim that more than one outlet reports.",
        "Which of the %(outlets)s outlets with the most independent reports (of "
        "%(all)s) report each of the %(claims)s claims that more than one outlet reports.",
        claims,
    ) % {"outlets": outlets, "all": all_outlets, "claims": claims}
