"""Long, varied news text for the scaling benchmark (ingest_bench.py --scaling).

A long article here reads like the running coverage of a regional port strike: a cast
of named officials, unions and companies make statements about numbers, dates, places
and plans, in several sentence shapes, between sentences of scene and commentary that
are not claims, and now and then someone repeats an earlier point in other words (as
long pieces do). Everything comes from one seeded random generator, so a given
(sentences, seed) always gives the same text.
"""

import random

FIRST_NAMES = (
    "Elena Tomas Priya Kwame Ingrid Marco Aiko Samuel Leila Pavel Grace Diego Hannah Omar "
    "Sofia Victor Mei Rashid Clara Jonas Nadia Felix Yara Hugo Amara Oskar Lina Tariq "
    "Beatrix Emil Zara Anton Ines Malik Greta Ruben Selma Idris Vera Kofi"
).split()
LAST_NAMES = (
    "Vasquez Lindqvist Raman Osei Haugen Bellini Tanaka Okafor Haddad Novak Mensah Ortega "
    "Becker Farouk Marin Petrov Chen Karimi Dumont Weber Sandoval Ekwueme Rossi Nakamura "
    "Lindgren Moreau Adeyemi Kowalski Brennan Solberg Duarte Iqbal Varga Hoffman Quinn "
    "Abara Castell Ferreira Janssen Oyelaran"
).split()
ROLES = [
    "Transport Minister",
    "Mayor",
    "Finance Minister",
    "Governor",
    "Labour Minister",
    "Harbour Master",
    "Port Director",
    "union leader",
    "council member",
    "chief engineer",
    "police spokesperson",
    "Environment Secretary",
    "chamber of commerce president",
    "shipping analyst",
]
ORGS = [
    "the Port Authority",
    "the Dockworkers' Union",
    "the Ministry of Transport",
    "Northline Shipping",
    "the regional council",
    "Castell Logistics",
    "the Freight Forwarders Association",
    "the coast guard",
    "Meridian Rail",
    "the national customs service",
    "the Chamber of Commerce",
    "Harbor Fuel Ltd",
    "the Seafarers' Federation",
    "the Treasury",
    "Bluewater Terminals",
]
PLACES = (
    "Harwick,Eldport,Marrow Bay,Kestrel Point,Saltby,Varden,Ostmere,Gullhaven,Brackley,"
    "Fennmouth,Thornquay,Rydal,Coldharbour,Ashby,Pellow,Westreach,Dunmore,Calder,Hollin,"
    "Quarry Reach,Lowmarsh"
).split(",")
PROJECTS = [
    "the new container berth",
    "the rail link to the inland depot",
    "the dredging of the north channel",
    "the automated crane yard",
    "the ferry terminal upgrade",
    "the cold-storage warehouse",
    "the harbour wall repairs",
    "the shore power scheme",
    "the customs clearance system",
    "the grain silo expansion",
    "the fuel jetty",
    "the truck holding area",
]
CARGO = [
    "grain",
    "steel coil",
    "timber",
    "fertiliser",
    "car parts",
    "frozen fish",
    "cement",
    "wool",
    "copper cathodes",
    "bananas",
    "wind turbine blades",
    "scrap metal",
]
ISSUES = [
    "noise",
    "diesel fumes",
    "night shifts",
    "unsafe ladders",
    "overtime pay",
    "parking",
    "rats",
    "broken lighting",
]
INCIDENTS = [
    "crane collapse",
    "fuel spill",
    "warehouse fire",
    "gangway accident",
    "power cut",
    "container fall",
    "ammonia leak",
    "tug collision",
]
WORKERS = [
    "crane operators",
    "pilots",
    "customs officers",
    "lorry drivers",
    "engineers",
    "welders",
    "stevedores",
    "security guards",
]
MONTHS = (
    "January February March April May June July August September October November December"
).split()
WEEKDAYS = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()

# What someone states: slots in braces are filled with fresh values each time.
STATEMENTS = [
    "{org} would spend {money} on {project} over the next {small} years",
    "{big} tonnes of {cargo} had been stranded at {place} since {date}",
    "{project} was {pct} percent complete and would open in {month} {year}",
    "{org} had received {small} complaints about {issue} at {place} this year",
    "talks with {org} would resume on {weekday} at {place}",
    "the {place} terminal handled {big} containers in {month}, down {pct} percent",
    "{small} people were moved out of {place} after the {incident}",
    "the government had approved a {money} loan for {project}",
    "{org} planned to hire {small} {workers} before {month}",
    "the inquiry into the {incident} at {place} would report by {month} {year}",
    "{small} ships were waiting outside {place} on {weekday} morning",
    "{org} lost about {money} for every day the strike lasted",
    "the pay offer had risen to {pct} percent over {small} years",
    "{org} had filed {small} claims for damaged {cargo} since {date}",
    "{small} {workers} had joined the walkout at {place} by {weekday}",
    "freight rates to {place} had climbed {pct} percent since {date}",
    "{project} would cost {money} more than planned",
    "the night ban on lorries in {place} would end on {date}",
    "{org} signed a {small}-year contract with {org2} on {date}",
    "the {incident} at {place} had injured {small} people",
    "the emergency fund for {place} held {money} at the end of {month}",
    "inspectors found {small} faults on {project} during the {month} survey",
    "{org} expected {big} passengers through {place} over the holiday weekend",
    "the ballot on the new offer would close on {weekday} {date}",
    "{pct} percent of the {cargo} bound for {place} had been diverted by rail",
    "the harbour pilots' contract expires in {month} {year}",
    "{org} closed its {place} depot after {small} years",
    "a court in {place} fined {org} {money} over the {incident}",
    "insurers have paid out {money} since the {incident}",
    "the average crane driver earns {big} a year before overtime",
    "{small} apprentices started at {place} in {month}",
    "the dredger from {place} ran aground on {date}",
    "school buses in {place} were rerouted around the picket lines",
    "{org} has asked the Treasury for an emergency grant of {money}",
    "the last time the port closed was in {year}, for {small} days",
    "bread prices in {place} rose {pct} percent during the dispute",
    "the {project} contract went to {org} without a tender",
    "electricity for the reefer stacks at {place} costs {money} a month",
    "mediators from {org} will sit in on {weekday}'s session",
    "exports of {cargo} fell by {pct} percent in the first quarter",
    "the strike fund pays each member {small} pounds a day",
    "{small} families were rehoused after the {incident} at {place}",
    "the ferry to {place} will run twice a day until {date}",
    "customs staff at {place} cleared {big} declarations by hand",
    "a second ballot in {month} could widen the strike to {place}",
    "the ministry's audit of {org} found {small} unpaid invoices",
    "overtime bans at {place} have cut night traffic by half",
    "{org} wants the {project} delayed until {year}",
    "the union's membership in {place} doubled to {big} in {year}",
    "rail freight from {place} to the capital now takes {small} hours",
]
# How a statement is attributed (A is the speaker, S the statement).
FRAMES = [
    "{A} said {S}.",
    "{A} said {S}.",
    "{A} told reporters {S}.",
    "According to {A}, {S}.",
    "{S_cap}, {A} said.",
    "{A} announced that {S}.",
    "On {weekday}, {A} confirmed {S}.",
    "{A} warned that {S}.",
]
# Restating an earlier point, as long articles do.
REPEATS = [
    "{A} repeated that {S}.",
    "As {A} had said earlier, {S}.",
    "{A} again stressed that {S}.",
]
SCENE = [
    "Rain fell on the quay at {place} all {weekday}.",
    "The union hall in {place} was full by {hour}.",
    "Lorries queued on the coast road to {place}.",
    "Gulls circled over the empty berths at {place}.",
    "Reporters waited in the corridor until {hour}.",
    "Pickets at {place} brought tea and folding chairs.",
    "It is a crucial week for {place}.",
    "The mood in the room on {weekday} was tense.",
    "A brass band played outside the offices in {place}.",
    "Few shops near the {place} harbour opened before {hour}.",
    "The talks are a testament to what {org} has at stake.",
    "Many families in {place} depend on the port.",
    "The {weekday} session ended at {hour}.",
    "Fog closed the {place} channel until {hour}.",
]
MONEY_UNITS = ["million", "billion"]


class _Cast:
    """The people of one article: full title and name on first mention, surname after."""

    def __init__(self, rng: random.Random, size: int):
        firsts = rng.sample(FIRST_NAMES, size)
        lasts = rng.sample(LAST_NAMES, size)
        self.people = [(rng.choice(ROLES), f, s) for f, s in zip(firsts, lasts, strict=True)]
        self.named: set[int] = set()

    def mention(self, rng: random.Random) -> str:
        index = rng.randrange(len(self.people))
        role, first, last = self.people[index]
        if index in self.named:
            return last
        self.named.add(index)
        return f"{role} {first} {last}"


def _fill(template: str, rng: random.Random) -> str:
    values = {
        "org": rng.choice(ORGS),
        "org2": rng.choice(ORGS),
        "place": rng.choice(PLACES),
        "project": rng.choice(PROJECTS),
        "cargo": rng.choice(CARGO),
        "issue": rng.choice(ISSUES),
        "incident": rng.choice(INCIDENTS),
        "workers": rng.choice(WORKERS),
        "month": rng.choice(MONTHS),
        "weekday": rng.choice(WEEKDAYS),
        "hour": f"{rng.randint(6, 11)}.{rng.choice(['00', '15', '30', '45'])} pm",
        "year": str(rng.randint(2024, 2029)),
        "date": f"{rng.choice(MONTHS)} {rng.randint(1, 28)}",
        "small": str(rng.randint(2, 60)),
        "big": f"{rng.randint(1, 400) * 250:,}",
        "pct": str(rng.randint(2, 95)),
        "money": f"${rng.randint(2, 900)} {rng.choice(MONEY_UNITS)}",
    }
    return template.format(**values)


def _sentence(rng: random.Random, cast: _Cast, said: list[str]) -> str:
    roll = rng.random()
    if roll < 0.35:
        return _fill(rng.choice(SCENE), rng)
    if roll < 0.4 and said:
        frame, statement = rng.choice(REPEATS), rng.choice(said)
    else:
        frame, statement = rng.choice(FRAMES), _fill(rng.choice(STATEMENTS), rng)
        said.append(statement)
    speaker = cast.mention(rng)
    text = _fill(
        frame.replace("{A}", speaker)
        .replace("{S_cap}", statement[0].upper() + statement[1:])
        .replace("{S}", statement),
        rng,
    )
    return text[0].upper() + text[1:]


def long_article(sentences: int, seed: int = 0) -> str:
    """A headline, a date line and `sentences` sentences in paragraphs of two to five."""
    rng = random.Random(f"longform:{sentences}:{seed}")
    cast = _Cast(rng, 30)
    said: list[str] = []
    place = rng.choice(PLACES)
    lines = [
        f"Port strike at {place}: the talks, the pickets and the cost, day by day",
        f"{rng.choice(MONTHS)} {rng.randint(1, 28)}, 2024",
        "",
    ]
    written = 0
    while written < sentences:
        size = min(rng.randint(2, 5), sentences - written)
        lines.append(" ".join(_sentence(rng, cast, said) for _ in range(size)))
        lines.append("")
        written += size
    return "\n".join(lines)
