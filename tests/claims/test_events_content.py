"""Undated reports are grouped by what they tell: two happenings of one kind stay apart."""

from claims.models import Event
from claims.pipeline import ingest_article
from claims.pipeline.events import joins
from claims.text.crosslingual import read_aloud_keys, skeleton

# Two earthquakes in one region, years apart, told by reports without a date.
QUAKE_A = """Strong earthquake shakes Sumatra's west coast, killing at least 12

A magnitude 7.3 earthquake struck off the west coast of Sumatra, killing at least 12 \
people in Padang and damaging hundreds of houses, the disaster agency said.

The quake hit at a depth of 35 km, and a tsunami warning was lifted after two hours.

Rescue teams searched collapsed shops in Padang for survivors through the night.
"""
QUAKE_A_AGAIN = """Death toll from Sumatra quake rises as rescuers search Padang rubble

Rescuers in Padang pulled more bodies from collapsed shops after the magnitude 7.3 \
earthquake off Sumatra's west coast, raising the death toll to 12, the disaster agency said.

Hundreds of houses were damaged, and the tsunami warning issued after the quake was lifted.
"""
QUAKE_B = """Magnitude 6.1 quake hits Aceh, damaging mosques and schools

A magnitude 6.1 earthquake struck the Aceh province of Sumatra, damaging two mosques and \
four schools in Bener Meriah, the disaster agency said.

Three people were injured by falling debris; no tsunami warning was issued.

Aid lorries reached the villages of the Gayo highlands by road.
"""


def test_a_second_earthquake_in_the_region_is_its_own_event_and_a_report_joins_its_own(db):
    first = ingest_article(text=QUAKE_A).article
    other = ingest_article(text=QUAKE_B).article
    again = ingest_article(text=QUAKE_A_AGAIN).article
    assert first.published_on is None and other.published_on is None
    assert other.event_id != first.event_id
    assert again.event_id == first.event_id
    assert Event.objects.count() == 2


def test_an_undated_report_needs_more_in_common_than_a_dated_one():
    # Content that lets a dated report join a big event does not let an undated one in,
    # and a small event (a mean over one report) asks for more than a big one.
    assert joins(0.0, 0.12, dated=True, size=10)
    assert not joins(0.0, 0.12, dated=False, size=10)
    assert joins(0.0, 0.2, dated=False, size=10)
    assert not joins(0.0, 0.2, dated=False, size=1)


def test_a_korean_name_is_read_with_its_last_consonants_as_they_are_said():
    # 한빛 is "hanbich" letter by letter but said, and romanised, "Hanbit".
    assert skeleton("Hanbit") in read_aloud_keys("한빛모터스는 1분기 영업이익이", "ko")
