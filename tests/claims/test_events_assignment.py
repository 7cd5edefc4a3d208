"""Which event a report joins: what its lead is about, where and when, and its happening."""

from datetime import date

from articles.services import ArticleHints
from claims.models import Event
from claims.pipeline import ingest_article
from claims.text.event_finding import describe, is_background

WIRE = """Asian neighbours agree to hold regular summits again

May 27, 2024

SEOUL, May 27 (Wire) - The leaders of South Korea, Japan and China agreed on Monday to hold \
their three-way summit regularly again, after a pause of more than four years.

South Korean President Yoon Suk Yeol, Japanese Prime Minister Fumio Kishida and Chinese \
Premier Li Qiang adopted a joint declaration at the end of their talks.

The eighth summit was held in Chengdu in December 2019.
"""
PREVIEW = """Seoul to host three-way summit with Tokyo and Beijing on Monday

May 26, 2024

President Yoon Suk Yeol will host Chinese Premier Li Qiang and Japanese Prime Minister \
Fumio Kishida in Seoul on Monday for a trilateral summit, his office said.

The previous summit was held in Chengdu in 2019, before the series stalled.
"""
READOUT = """Ninth Japan-China-ROK Trilateral Summit: the Japanese side's account

May 27, 2024

On May 27, Prime Minister Kishida Fumio attended the Ninth Japan-China-ROK Trilateral \
Summit in Seoul with President Yoon Suk Yeol and Premier Li Qiang.

Prime Minister Kishida stated that Japan would host the next summit.
"""
STRIKE = """Seoul bus drivers walk out over pay

May 27, 2024

SEOUL, May 27 (Wire) - Bus drivers in Seoul went on strike on Monday after talks with the \
city's bus operators on a 12.7% pay rise broke down, the drivers' union said.

About 7,000 buses stayed in their depots, and the city ran extra subway trains.
"""
HOLD = """Bank of England holds rates at 5.25% as Bailey warns on inflation

February 1, 2024

LONDON, Feb 1 (Wire) - The Bank of England kept Bank Rate at 5.25% on Thursday, and \
Governor Andrew Bailey said inflation still had to fall further.

The Monetary Policy Committee voted 6-2-1, with Swati Dhingra backing a cut.
"""
CUT = """Bank of England cuts rates to 5% as Bailey urges caution

August 1, 2024

LONDON, Aug 1 (Wire) - The Bank of England cut Bank Rate to 5% on Thursday, and Governor \
Andrew Bailey said it would not lower borrowing costs quickly.

The Monetary Policy Committee voted 5-4, with Swati Dhingra backing the cut.
"""


def _ingest(text: str, name: str, collected: date):
    hints = ArticleHints(source=f"Outlet {name}", collected_on=collected)
    return ingest_article(text=text, file_name=name, hints=hints).article


def test_a_preview_a_wire_story_and_a_readout_are_one_event(db):
    preview = _ingest(PREVIEW, "preview.txt", date(2024, 5, 26))
    wire = _ingest(WIRE, "wire.txt", date(2024, 5, 27))
    readout = _ingest(READOUT, "readout.txt", date(2024, 5, 27))
    assert preview.event == wire.event == readout.event
    event = Event.objects.get()
    assert event.place == "Seoul"
    assert event.title == "Ninth Japan-China-ROK Trilateral Summit"
    assert event.starts_on == date(2024, 5, 27)


def test_background_about_an_earlier_meeting_neither_places_nor_names_the_event(db):
    preview = _ingest(PREVIEW, "preview.txt", date(2024, 5, 26))
    assert preview.event.place == "Seoul"
    assert "Chengdu" not in preview.event.title
    assert "Chengdu" not in describe(preview.title, preview.body).terms
    assert is_background("The previous summit was held in Chengdu in 2019.", 2024)
    assert is_background("The eighth summit was held in Chengdu in December 2019.", 2024)
    assert not is_background("The leaders met in Seoul on Monday.", 2024)
    assert is_background("A festival was also held in Hong Kong in July.", 2024, 12)
    assert not is_background("The talks were held in Hong Kong in December.", 2024, 12)


def test_the_dateline_places_a_wire_story(db):
    wire = _ingest(WIRE, "wire.txt", date(2024, 5, 27))
    assert wire.event.place == "Seoul"
    assert describe(wire.title, wire.body).dateline == "Seoul"


def test_two_happenings_in_one_city_on_one_day_stay_apart(db):
    wire = _ingest(WIRE, "wire.txt", date(2024, 5, 27))
    strike = _ingest(STRIKE, "strike.txt", date(2024, 5, 27))
    assert wire.event != strike.event
    assert Event.objects.count() == 2


def test_the_same_people_months_apart_are_two_events(db):
    hold = _ingest(HOLD, "hold.txt", date(2024, 2, 1))
    cut = _ingest(CUT, "cut.txt", date(2024, 8, 1))
    assert hold.event != cut.event


def test_the_same_people_within_days_are_one_event(db):
    cut = _ingest(CUT, "cut.txt", date(2024, 8, 1))
    follow_up = _ingest(
        CUT.replace("August 1, 2024", "August 2, 2024")
        .replace("LONDON, Aug 1 (Wire) - ", "")
        .replace("cuts rates to 5% as Bailey urges caution", "Bailey defends first rate cut"),
        "follow-up.txt",
        date(2024, 8, 2),
    )
    assert cut.event == follow_up.event


def test_another_edition_of_a_named_series_is_another_event(db):
    ninth = _ingest(READOUT, "ninth.txt", date(2024, 5, 27))
    tenth = _ingest(
        READOUT.replace("Ninth", "Tenth").replace("host the next", "host the eleventh"),
        "tenth.txt",
        date(2024, 5, 30),
    )
    assert ninth.event != tenth.event
