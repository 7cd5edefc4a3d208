"""Geometry of the event page's charts, drawn as inline SVG by the server: the coverage
timeline here, the agreement chart in agreement_chart.

Readers without JavaScript see the same chart; the numbers behind each chart are also
on the page as text. Functions here only compute positions and labels; the SVG markup
lives in templates/public/charts/.
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

# Charts are drawn narrow enough to stay legible when a phone scales them down to about
# three quarters; below that they scroll sideways instead (see min_width).
SMALLEST_SCALE = 0.72

# Coverage timeline: a bar per publication day, and one for undated articles.
TIMELINE_WIDTH = 480
TIMELINE_HEIGHT = 190
PLOT_LEFT, PLOT_RIGHT_PAD, UNDATED_WIDTH = 16, 16, 100
PLOT_TOP, BASELINE = 40, 140
BAR_MIN, BAR_MAX = 8, 28
# More bars than this would overlap in the plot's width: coverage over a longer span is
# drawn a bar per few days, so the chart's size does not grow with the span either.
MAX_BARS = 60


def clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def wrap(text: str, width: int, lines: int) -> list[str]:
    """Words on at most `lines` lines of `width` characters; long words are cut."""
    out: list[str] = []
    current = ""
    for word in text.split():
        while len(word) > width:  # unspaced scripts and long names
            if current:
                out.append(current)
                current = ""
            out.append(word[:width])
            word = word[width:]
        candidate = f"{current} {word}".strip()
        if len(candidate) <= width:
            current = candidate
        else:
            out.append(current)
            current = word
    if current:
        out.append(current)
    if len(out) > lines:
        out = out[:lines]
        out[-1] = clip(out[-1] + " …", width)
    return out


@dataclass
class Bar:
    x: float
    y: float
    width: float
    height: float
    count: int
    label: str

    def __post_init__(self):
        self.x, self.y = round(self.x, 1), round(self.y, 1)
        self.width, self.height = round(self.width, 1), round(self.height, 1)

    @property
    def middle(self) -> float:
        return round(self.x + self.width / 2, 1)

    @property
    def count_y(self) -> float:
        return round(self.y - 6, 1)


@dataclass
class Timeline:
    width: float = TIMELINE_WIDTH
    height: int = TIMELINE_HEIGHT
    baseline: int = BASELINE
    plot_left: int = PLOT_LEFT
    plot_right: float = 0
    bars: list[Bar] = field(default_factory=list)
    undated: Bar | None = None
    axis_labels: list[tuple[float, str, str]] = field(default_factory=list)
    event_marks: list[tuple[float, str]] = field(default_factory=list)
    summary: str = ""

    @property
    def axis_label_y(self) -> int:
        return self.baseline + 22

    @property
    def min_width(self) -> int:
        return round(self.width * SMALLEST_SCALE)

    @property
    def undated_axis(self) -> tuple[float, float]:
        """A baseline of its own under the undated bar: it is not a point in time."""
        middle = self.undated.middle if self.undated else 0
        return (middle - UNDATED_WIDTH / 2 + 12, middle + UNDATED_WIDTH / 2 - 12)


def _day(d: date) -> str:
    return date_format(d, "DATE_FORMAT")


def _bar_label(first: date, last: date, count: int) -> str:
    if first == last:
        return _("%(day)s: %(count)s") % {"day": _day(first), "count": count}
    return _("%(first)s – %(last)s: %(count)s") % {
        "first": _day(first),
        "last": _day(last),
        "count": count,
    }


def coverage_timeline(*, event, articles) -> Timeline:
    """Articles by publication day, the event's own dates marked, undated ones apart."""
    per_day = Counter(a.published_on for a in articles if a.published_on)
    undated = sum(1 for a in articles if not a.published_on)
    marks = [d for d in (event.starts_on, event.ends_on) if d]
    chart = Timeline()
    chart.plot_right = TIMELINE_WIDTH - PLOT_RIGHT_PAD - (UNDATED_WIDTH if undated else 0)
    tallest = max([*per_day.values(), undated, 1])
    plot_height = BASELINE - PLOT_TOP

    def bar(x_middle: float, width: float, count: int, label: str) -> Bar:
        height = count / tallest * plot_height
        return Bar(x_middle - width / 2, BASELINE - height, width, height, count, label)

    days = sorted({*per_day, *marks})
    if days:
        first, last = days[0], days[-1]
        span = max((last - first).days, 1)
        plot_width = chart.plot_right - PLOT_LEFT - BAR_MAX

        def x(d: date) -> float:
            if first == last:
                return (PLOT_LEFT + chart.plot_right) / 2
            return round(PLOT_LEFT + BAR_MAX / 2 + (d - first).days / span * plot_width, 1)

        step = -(-(span + 1) // MAX_BARS)  # days per bar: one unless the span is long
        per_bar = Counter()
        for d, n in per_day.items():
            per_bar[first + timedelta(days=(d - first).days // step * step)] += n
        tallest = max([*per_bar.values(), undated, 1])
        width = max(BAR_MIN, min(BAR_MAX, plot_width / (span + 1) * step * 0.8))
        chart.bars = [
            bar(
                x(d) + (step - 1) / 2 * plot_width / span,
                width,
                n,
                _bar_label(d, min(d + timedelta(days=step - 1), last), n),
            )
            for d, n in sorted(per_bar.items())
        ]
        if first == last:
            chart.axis_labels = [(x(first), "middle", _day(first))]
        else:
            chart.axis_labels = [
                (PLOT_LEFT, "start", _day(first)),
                (chart.plot_right, "end", _day(last)),
            ]
        names = {event.starts_on: _("Event"), event.ends_on: _("Event ends")}
        if event.starts_on == event.ends_on:
            names[event.starts_on] = _("Event")
        chart.event_marks = [(x(d), names[d]) for d in dict.fromkeys(marks)]
    if undated:
        middle = TIMELINE_WIDTH - PLOT_RIGHT_PAD - UNDATED_WIDTH / 2
        chart.undated = bar(middle, BAR_MAX, undated, _("No date"))
    chart.summary = timeline_summary(event=event, per_day=per_day, undated=undated)
    return chart


def timeline_summary(*, event, per_day: Counter, undated: int) -> str:
    dated = sum(per_day.values())
    sentences = [
        ngettext(
            "%(count)s article has a publication date.",
            "%(count)s articles have a publication date.",
            dated,
        )
        % {"count": dated}
    ]
    if len(per_day) == 1:
        sentences.append(_("Published on %(day)s.") % {"day": _day(min(per_day))})
    elif per_day:
        sentences.append(
            _("Published from %(first)s to %(last)s.")
            % {"first": _day(min(per_day)), "last": _day(max(per_day))}
        )
    if undated:
        sentences.append(
            ngettext("%(count)s article has no date.", "%(count)s articles have no date.", undated)
            % {"count": undated}
        )
    if event.starts_on:
        sentences.append(_("The event began on %(day)s.") % {"day": _day(event.starts_on)})
    return " ".join(sentences)
