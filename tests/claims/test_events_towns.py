"""Many short reports of different towns' happenings in one week stay many events."""

import random
from datetime import date, timedelta

from articles.services import ArticleHints
from claims.models import Event
from claims.pipeline import ingest_article

SYLLABLES = [
    "al",
    "bex",
    "cor",
    "dun",
    "el",
    "fen",
    "gar",
    "hol",
    "ist",
    "kel",
    "lom",
    "mar",
    "nor",
    "ost",
    "pen",
    "quin",
    "ros",
    "sel",
    "tor",
    "ul",
    "ven",
    "wick",
    "yar",
    "zan",
]
ENDINGS = ["ton", "bury", "ford", "field", "wick", "stead", "mouth", "ham", "ley", "by"]
FIRST = [
    "Ana",
    "Ben",
    "Carla",
    "David",
    "Elena",
    "Farid",
    "Grace",
    "Hugo",
    "Ines",
    "Jonas",
    "Kemi",
    "Luis",
    "Maya",
    "Nils",
    "Olga",
    "Pavel",
    "Rosa",
    "Sami",
    "Tara",
    "Viktor",
]
LAST = [
    "Abbott",
    "Brandt",
    "Castro",
    "Doyle",
    "Evans",
    "Fischer",
    "Gupta",
    "Horvat",
    "Ito",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Novak",
    "Okafor",
    "Petrov",
    "Quinn",
    "Rossi",
    "Silva",
    "Tanaka",
]
# What happens in a town, told the way local news tells it: (headline, lead, second sentence).
HAPPENINGS = [
    (
        "{town} council approves new library",
        "The {town} town council voted {a}-{b} on {day} to build a new public library,"
        " Mayor {person} said.",
        "The library will cost {n} million dollars and open in {year}, the council said.",
    ),
    (
        "Fire destroys warehouse in {town}",
        "A fire destroyed a warehouse in {town} on {day}, the fire service said.",
        "Fire chief {person} said {a} crews fought the blaze for {b} hours and nobody was hurt.",
    ),
    (
        "{town} festival draws record crowd",
        "The annual {town} harvest festival drew {n},000 visitors on {day}, organisers said.",
        "Organiser {person} said the festival raised {a},000 dollars for local schools.",
    ),
    (
        "Floods close roads around {town}",
        "Heavy rain flooded roads around {town} on {day} and police closed {a} bridges.",
        "Police spokesperson {person} said drivers should avoid the area for {b} days.",
    ),
    (
        "{town} mayor opens new bridge",
        "{town} opened its new river bridge on {day}, {n} years after the old one closed.",
        "Mayor {person} said the bridge cost {a} million dollars and would carry {b},000 cars"
        " a day.",
    ),
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]


def _town(rng: random.Random, taken: set[str]) -> str:
    while True:
        name = (rng.choice(SYLLABLES) + rng.choice(SYLLABLES) + rng.choice(ENDINGS)).title()
        if name not in taken:
            taken.add(name)
            return name


def _reports(count: int, seed: int = 8):
    """count reports, each of a different town's happening, all in one week."""
    rng, taken = random.Random(seed), set()
    monday = date(2024, 6, 3)
    for number in range(count):
        town = _town(rng, taken)
        headline, first, second = rng.choice(HAPPENINGS)
        day = rng.randrange(6)
        values = {
            "town": town,
            "person": f"{rng.choice(FIRST)} {rng.choice(LAST)}",
            "day": DAYS[day],
            "a": rng.randint(2, 9),
            "b": rng.randint(2, 9),
            "n": rng.randint(3, 40),
            "year": rng.choice([2025, 2026]),
        }
        published = monday + timedelta(days=day + rng.randint(0, 1))
        lead = first.format(**values)
        if number % 3 == 0:  # wire style: a dateline, as written by an agency
            lead = f"{town.upper()}, {published:%b} {published.day} (Local Wire) - {lead}"
        text = "\n\n".join(
            [
                headline.format(**values).capitalize().replace(town.lower(), town),
                f"{published:%B} {published.day}, {published.year}",
                lead,
                second.format(**values),
            ]
        )
        hints = ArticleHints(source=f"{town} Gazette", collected_on=published)
        yield f"town_{number:03d}.txt", text, hints


def test_two_hundred_towns_happenings_are_two_hundred_events(db):
    for name, text, hints in _reports(200):
        ingest_article(text=text, file_name=name, hints=hints)
    assert Event.objects.count() == 200
    for event in Event.objects.prefetch_related("articles"):
        (article,) = event.articles.all()
        assert event.title == article.title


# One headline for every town: the town is named only in the body.
TEMPLATES = [
    (
        "Council Approves New Budget",
        "The Council of {town} approved a budget of {n} million dollars on Tuesday, the Mayor"
        " said. It includes money for {a} new teachers.",
    ),
    (
        "Local festival draws crowds",
        "Residents of {town} gathered for the annual summer festival, which drew {n},000"
        " visitors. Organisers said it raised {a},000 dollars for charity.",
    ),
    (
        "Fire Breaks Out At Warehouse",
        "A fire broke out at a warehouse near {town} station, the Fire Service said. Crews"
        " fought the blaze for {a} hours and {n} people were evacuated.",
    ),
]


def test_one_headline_for_many_towns_is_still_one_event_per_town(db):
    rng, taken = random.Random(3), set()
    for number in range(120):
        headline, body = TEMPLATES[number % len(TEMPLATES)]
        values = {"town": _town(rng, taken), "n": rng.randint(2, 90), "a": rng.randint(2, 9)}
        ingest_article(text=f"{headline}\n\n{body.format(**values)}", file_name=f"{number}.txt")
    assert Event.objects.count() == 120
