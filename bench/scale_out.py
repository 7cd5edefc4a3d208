"""Scale-out benchmark: do more workers ingest more articles?

    PYTHONPATH=. .venv/bin/python bench/scale_out.py \\
        --server postgres://postgres@127.0.0.1:5432 --broker redis://127.0.0.1:6379/1 \\
        --cache redis://127.0.0.1:6379/2 --workers 1,2 [--queues celery,database]
        [--articles 240 --events 24 --seed 0 --database factdesk_scale_out]

A stream of short articles (--articles over --events events, written by this script's
own generator: each event a different happening in another city, each article a
different outlet's retelling of it) is submitted at once through the background path
(intake.services.submit_text, as the API and the admin do for long texts), and timed
from the first submission to the last job done, with N worker processes of one task
each: `celery -A factdesk worker --pool=solo` through the --broker Redis database (with
--cache as REDIS_URL), and `manage.py intake_worker` (the database queue). Each run
starts from an empty desk and workers that have ingested a few warm-up articles (the
first article of a process loads its models). For each queue it prints the throughput
for each N and its ratio to one worker's, and checks that every article was stored
exactly once and that every run put the same articles together into the same events.
Each run also gives the CPU time per article of the workers and of the PostgreSQL
processes serving them, and how many cores they kept busy (CPU time over wall time,
from /proc): on a machine busy with other work, more workers can only help as far as
they get more of its cores.

It creates the PostgreSQL database --database on --server (dropped at the end) and
empties the --broker Redis database; both must be the benchmark's own. Timings on a
shared machine are noisy: compare the ratios of one run.
"""

import argparse
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent

# --- the stream of articles -------------------------------------------------------------

# Each happening: a headline, then facts (each in two wordings); {city}, {person},
# {other}, {n}, {m} and {day} are filled in per event. The first fact is the lead.
HAPPENINGS = [
    (
        "{city} opens new bridge over the river",
        [
            "{city} opened its new road bridge over the river on {day}, city officials said.",
            "The new river bridge in {city} opened to traffic on {day}.",
        ],
        [
            "The bridge cost {n} million euros and took four years to build.",
            "Building the bridge took four years and cost {n} million euros.",
        ],
        [
            "Mayor {person} said the crossing would cut commuting times by {m} minutes.",
            "Commuters will save {m} minutes a day, Mayor {person} told reporters.",
        ],
        [
            "Engineer {other} said the deck rests on {m} steel piers.",
            "The deck rests on {m} steel piers, according to engineer {other}.",
        ],
        [
            "Cyclists get a separate lane on the upstream side.",
            "A separate cycle lane runs along the upstream side of the deck.",
        ],
    ),
    (
        "Fire destroys warehouse in {city}",
        [
            "A fire destroyed a furniture warehouse in {city} on {day}, the fire service said.",
            "Fire tore through a furniture warehouse in {city} on {day}.",
        ],
        [
            "About {n} firefighters fought the blaze for nine hours.",
            "The blaze took {n} firefighters nine hours to bring under control.",
        ],
        [
            "Fire chief {person} said no one was injured.",
            "No one was hurt, according to fire chief {person}.",
        ],
        [
            "Owner {other} estimated the damage at {m} million euros.",
            "The damage comes to {m} million euros, owner {other} said.",
        ],
        [
            "Smoke forced the closure of the nearby motorway for an afternoon.",
            "The nearby motorway was closed for an afternoon because of the smoke.",
        ],
    ),
    (
        "Dock workers strike at the port of {city}",
        [
            "Dock workers at the port of {city} began a strike on {day}, their union said.",
            "A strike by dock workers halted the port of {city} on {day}.",
        ],
        [
            "The union says {n} members have stopped work over pay.",
            "About {n} union members walked out in a dispute over pay.",
        ],
        [
            "Union leader {person} demanded a raise of {m} percent.",
            "{person}, who leads the union, is asking for {m} percent more pay.",
        ],
        [
            "Port director {other} said container ships were being diverted.",
            "Container ships are being sent to other ports, director {other} said.",
        ],
        [
            "Talks with the port authority are set for next week.",
            "The two sides are due to meet again next week.",
        ],
    ),
    (
        "Floods force evacuations in {city}",
        [
            "Heavy rain flooded low-lying districts of {city} on {day}, the regional council said.",
            "Floodwater covered low-lying streets of {city} on {day} after days of rain.",
        ],
        [
            "Rescuers moved {n} residents to emergency shelters.",
            "Some {n} people spent the night in emergency shelters.",
        ],
        [
            "Governor {person} declared a state of emergency for the province.",
            "A state of emergency was declared by governor {person}.",
        ],
        [
            "Hydrologist {other} said the river rose {m} centimetres in six hours.",
            "The river climbed {m} centimetres in six hours, hydrologist {other} said.",
        ],
        [
            "Schools in the affected districts will stay closed until Monday.",
            "Classes are suspended in the flooded districts until Monday.",
        ],
    ),
    (
        "{city} museum reopens after renovation",
        [
            "The city museum of {city} reopened on {day} after a three-year renovation.",
            "After three years of building work, the {city} museum opened again on {day}.",
        ],
        ["The renovation cost {n} million euros.", "Work on the building cost {n} million euros."],
        [
            "Director {person} said the museum now shows {m} paintings instead of 300.",
            "There is room for {m} paintings now, director {person} said, against 300 before.",
        ],
        [
            "Curator {other} said a restored altarpiece is the centre of the new collection.",
            "The restored altarpiece is the heart of the collection, curator {other} said.",
        ],
        [
            "Entry will be free on the first Sunday of each month.",
            "Visitors pay nothing on the first Sunday of every month.",
        ],
    ),
    (
        "Train derails near {city}",
        [
            "A freight train derailed near {city} on {day}, the rail operator said.",
            "Several wagons of a freight train left the tracks outside {city} on {day}.",
        ],
        [
            "Wagons carrying {n} tonnes of grain overturned.",
            "The train lost wagons loaded with {n} tonnes of grain.",
        ],
        [
            "Rail spokesman {person} said passenger services would resume within {m} days.",
            "Passenger trains should run again within {m} days, spokesman {person} said.",
        ],
        [
            "Investigator {other} said a broken rail was the likely cause.",
            "A broken rail probably caused the accident, investigator {other} said.",
        ],
        [
            "Buses are replacing trains between the two nearest stations.",
            "Replacement buses run between the two closest stations.",
        ],
    ),
    (
        "Marathon in {city} draws record field",
        [
            "A record field of runners took part in the {city} marathon on {day}, organisers said.",
            "More runners than ever before ran the {city} marathon on {day}.",
        ],
        [
            "Organisers counted {n} finishers.",
            "The race had {n} finishers, according to the organisers.",
        ],
        [
            "Local runner {person} won the men's race in two hours and {m} minutes.",
            "{person} took the men's title in a time of two hours {m} minutes.",
        ],
        [
            "Race director {other} said the course was flat and fast.",
            "The course was flat and fast, said race director {other}.",
        ],
        [
            "Medical teams treated dozens of runners for heat exhaustion.",
            "Dozens of runners needed treatment for heat exhaustion.",
        ],
    ),
    (
        "Earthquake shakes {city}",
        [
            "An earthquake of magnitude 5.{m} shook {city} on {day}, seismologists said.",
            "A magnitude 5.{m} earthquake struck the {city} area on {day}.",
        ],
        [
            "Engineers inspected {n} buildings for cracks.",
            "Some {n} buildings were checked by engineers for damage.",
        ],
        [
            "Civil protection chief {person} said two people suffered minor injuries.",
            "Two people were slightly hurt, civil protection chief {person} said.",
        ],
        [
            "Seismologist {other} warned of aftershocks over the coming days.",
            "Aftershocks are likely in the coming days, seismologist {other} said.",
        ],
        [
            "The old town's bell tower lost part of its roof.",
            "Part of the bell tower's roof in the old town collapsed.",
        ],
    ),
    (
        "{city} votes for a new mayor",
        [
            "Voters in {city} elected {person} as mayor on {day}, the election board said.",
            "{person} won the mayoral election in {city} on {day}.",
        ],
        [
            "{person} received {m} percent of the vote in the run-off.",
            "In the run-off, {person} won {m} percent of the votes.",
        ],
        ["Turnout reached {n} thousand voters.", "About {n} thousand residents cast a ballot."],
        [
            "The outgoing mayor, {other}, conceded defeat in the evening.",
            "{other}, the outgoing mayor, accepted defeat that evening.",
        ],
        [
            "The new council meets for the first time next month.",
            "The newly elected council will hold its first session next month.",
        ],
    ),
    (
        "Heatwave sets temperature record in {city}",
        [
            "{city} reached a record 4{m} degrees Celsius on {day}, the weather service said.",
            "{city} recorded 4{m} degrees Celsius on {day}, its hottest day on record.",
        ],
        [
            "Hospitals admitted {n} people with heat stroke.",
            "Heat stroke sent {n} people to hospital.",
        ],
        [
            "Health officer {person} urged older residents to stay indoors.",
            "Older people should stay inside, health officer {person} said.",
        ],
        [
            "Meteorologist {other} said the heat would ease by the weekend.",
            "The heat should break by the weekend, meteorologist {other} said.",
        ],
        [
            "Public swimming pools stayed open until midnight.",
            "The city kept its public pools open until midnight.",
        ],
    ),
    (
        "Car maker to build battery plant in {city}",
        [
            "A car maker announced on {day} that it will build a battery plant in {city}.",
            "Plans for a battery factory in {city} were announced by a car maker on {day}.",
        ],
        [
            "The plant will cost {n} million euros.",
            "Investment in the factory comes to {n} million euros.",
        ],
        [
            "Chief executive {person} said the plant would employ {m} hundred people.",
            "The factory will create {m} hundred jobs, chief executive {person} said.",
        ],
        [
            "Economy minister {other} called the project a vote of confidence in the region.",
            "The project shows confidence in the region, economy minister {other} said.",
        ],
        [
            "Production is due to start in three years.",
            "The first batteries should leave the plant in three years.",
        ],
    ),
    (
        "Zoo in {city} welcomes rare panda cub",
        [
            "The zoo in {city} announced on {day} the birth of a giant panda cub.",
            "A giant panda cub was born at the {city} zoo, the zoo said on {day}.",
        ],
        ["The cub weighed {n} grams at birth.", "At birth the cub weighed {n} grams."],
        [
            "Zoo director {person} said mother and cub were doing well.",
            "Both mother and cub are healthy, zoo director {person} said.",
        ],
        [
            "Keeper {other} said visitors could see the cub in about {m} weeks.",
            "The public should see the cub in around {m} weeks, keeper {other} said.",
        ],
        [
            "The cub's father came to the zoo on loan four years ago.",
            "Its father arrived at the zoo on loan four years ago.",
        ],
    ),
]
CITIES = [
    "Lyon", "Graz", "Porto", "Ghent", "Aarhus", "Bergen", "Turku", "Brno", "Kaunas",
    "Cluj", "Varna", "Split", "Bilbao", "Malmo", "Leipzig", "Utrecht", "Linz", "Kosice",
    "Tartu", "Galway", "Cork", "Pecs", "Bari", "Nantes", "Genoa", "Seville", "Basel", "Riga",
]  # fmt: skip
GIVEN = ["Anna", "Jonas", "Marta", "Pieter", "Elena", "Tomas", "Ines", "Karl", "Lena", "Hugo"]
FAMILY = ["Varga", "Lindqvist", "Moreau", "Novak", "Costa", "Berger", "Kowalski", "Dumont",
          "Horvat", "Janssen", "Ferreira", "Nilsen", "Ortega", "Weiss"]  # fmt: skip
OUTLETS = [
    ("Morning Ledger", "ledger.example"),
    ("City Wire", "citywire.example"),
    ("Continental Post", "contipost.example"),
    ("Evening Courier", "courier.example"),
    ("Regional Herald", "herald.example"),
    ("News Desk Europe", "newsdesk.example"),
    ("The Daily Record", "record.example"),
    ("Northern Observer", "observer.example"),
]
HEADLINE_ENDINGS = ["", ": what we know", ", officials say", " - live report", ", report says"]


@dataclass(frozen=True)
class Article:
    name: str  # the file name the job carries: which event the generator wrote it for
    event: int
    text: str
    outlet: tuple[str, str]


def stream(articles: int, events: int, seed: int) -> list[Article]:
    """articles reports spread over events, shuffled as they might arrive."""
    rng = random.Random(seed)
    cities = rng.sample(CITIES, events)
    people = [f"{g} {f}" for g in GIVEN for f in FAMILY]
    rng.shuffle(people)
    made = []
    for event in range(events):
        happening = HAPPENINGS[event % len(HAPPENINGS)]
        day = date(2025, 3, 3) + timedelta(days=2 * event)
        facts = {
            "city": cities[event],
            "person": people[2 * event],
            "other": people[2 * event + 1],
            "n": rng.randint(40, 900),
            "m": rng.randint(2, 9),
            "day": day.strftime("%A"),
        }
        for number in range(articles // events + (event < articles % events)):
            made.append(_retelling(happening, facts, day, event, number, rng))
    rng.shuffle(made)
    return made


def _retelling(happening, facts: dict, day: date, event: int, number: int, rng) -> Article:
    headline, lead, *rest = happening
    kept = rng.sample(rest, rng.randint(3, len(rest)))
    sentences = [rng.choice(wordings).format(**facts) for wordings in [lead, *kept]]
    outlet = OUTLETS[(event + number) % len(OUTLETS)]
    published = day + timedelta(days=rng.randint(0, 1))
    byline = f"By {rng.choice(GIVEN)} {rng.choice(FAMILY)}, {outlet[0]}"
    text = "\n\n".join(
        [
            headline.format(**facts) + rng.choice(HEADLINE_ENDINGS),
            f"{byline}\n{published.strftime('%B')} {published.day}, {published.year}",
            " ".join(sentences[:2]),
            *sentences[2:],
            f"Reporting for this story: desk number {event * 1000 + number}.",
        ]
    )
    return Article(f"scale-{event:02d}-{number:03d}.txt", event, text + "\n", outlet)


# --- one run ----------------------------------------------------------------------------


@dataclass
class Run:
    queue: str
    workers: int
    seconds: float
    articles: int
    groups: frozenset  # the stream's articles as the desk put them together: sets of names
    problems: list[str]
    cpu: dict[str, float]  # CPU seconds the run took: "workers", "database"


def run(queue: str, workers: int, items: list[Article], args) -> Run:
    from django.core.management import call_command
    from django.db import connections
    from django.db.models import Max
    from django.test.utils import override_settings

    from articles.models import Article as Stored
    from intake import services
    from intake.models import IntakeJob

    call_command("flush", interactive=False, verbosity=0)
    if queue == "celery":
        import redis

        redis.Redis.from_url(args.broker).flushdb()
        backend = "intake.celery_backend.CeleryBackend"
    else:
        backend = "django_tasks_db.DatabaseBackend"
    processes = [_start_worker(queue, n, args) for n in range(workers)]
    try:
        with override_settings(TASKS={"default": {"BACKEND": backend}}):
            warm = [
                services.submit_text(text=text, hints={"file_name": f"warm-{n}.txt"})
                for n, text in enumerate(_warm_up_texts(2 * workers))
            ]
            _wait_for(IntakeJob.objects.filter(pk__in=[j.pk for j in warm]), args.timeout)
            cpu_before = _cpu(processes, args.database)
            started = time.time()
            jobs = [
                services.submit_text(
                    text=item.text,
                    hints={
                        "file_name": item.name,
                        "source": item.outlet[0],
                        "domain": item.outlet[1],
                    },
                )
                for item in items
            ]
            stream_jobs = IntakeJob.objects.filter(pk__in=[job.pk for job in jobs])
            cpu_after = _wait_for(stream_jobs, args.timeout, lambda: _cpu(processes, args.database))
        last = stream_jobs.aggregate(last=Max("finished_at"))["last"]
        seconds = last.timestamp() - started
    finally:
        _stop(processes)
    problems = []
    statuses = dict(stream_jobs.values_list("pk", "status"))
    failed = [pk for pk, status in statuses.items() if status != "done"]
    if failed:
        problems.append(f"{len(failed)} job(s) not done: {failed[:5]}")
    names = [item.name for item in items]
    stored = list(Stored.objects.filter(file_name__in=names).values_list("file_name", "event_id"))
    if sorted(name for name, _ in stored) != sorted(names):
        problems.append(f"{len(stored)} articles stored for {len(names)} submitted")
    linked = set(stream_jobs.values_list("article_id", flat=True))
    if len(linked) != len(names) or None in linked:
        problems.append("the jobs do not each have an article of their own")
    by_event: dict[int, set] = {}
    for name, event_id in stored:
        by_event.setdefault(event_id, set()).add(name)
    connections.close_all()
    used = {
        side: sum(seconds - cpu_before[side].get(pid, 0.0) for pid, seconds in after.items())
        for side, after in cpu_after.items()
    }
    return Run(
        queue,
        workers,
        seconds,
        len(stored),
        frozenset(map(frozenset, by_event.values())),
        problems,
        used,
    )


def _cpu(processes: list[subprocess.Popen], database: str) -> dict[str, dict[int, float]]:
    """CPU seconds so far of each worker process and of each PostgreSQL process serving
    the benchmark's database (the server is on this machine), read from /proc."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
            [database],
        )
        backends = [pid for (pid,) in cursor.fetchall()]
    return {
        "workers": {p.pid: _cpu_of(p.pid) for p in processes},
        "database": {pid: _cpu_of(pid) for pid in backends},
    }


def _cpu_of(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:  # gone, or not Linux
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime + stime


def _warm_up_texts(count: int) -> list[str]:
    """Reports of a happening none of the stream's is about, each worded a little apart."""
    return [
        f"Observatory names new comet, report {n}\n\n"
        f"Astronomers at a mountain observatory named a newly found comet on Friday.\n\n"
        f"The comet will pass closest to the Sun in {2031 + n}, astronomer Ida Rask said.\n\n"
        f"Amateur observers reported it first, {n + 3} nights before the announcement.\n"
        for n in range(count)
    ]


def _start_worker(queue: str, number: int, args) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "DJANGO_SECRET_KEY": os.environ["DJANGO_SECRET_KEY"],
        "CELERY_BROKER_URL": args.broker if queue == "celery" else "",
        "REDIS_URL": (args.cache or "") if queue == "celery" else "",
        "PYTHONPATH": str(ROOT),
    }
    if queue == "celery":
        command = [
            str(Path(sys.executable).parent / "celery"), "-A", "factdesk", "worker",
            "--pool=solo", "--concurrency=1", "--loglevel=WARNING", "--without-gossip",
            "--without-mingle", "--without-heartbeat", f"--hostname=bench{number}@%h",
        ]  # fmt: skip
    else:
        command = [sys.executable, "manage.py", "intake_worker", "--no-startup-delay"]
        command += ["--interval", "0.1"]
    return subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def _wait_for(jobs, timeout: float, cpu=None):
    """Wait until every job is done or failed. With cpu (see _cpu), read it every half
    second and return the most each process was seen to have used: a Celery worker
    opens a new database connection for each task, so its server processes come and go."""
    deadline = time.monotonic() + timeout
    seen: dict[str, dict[int, float]] = {}
    read_at = 0.0
    while True:
        if cpu is not None and time.monotonic() - read_at >= 0.5:
            read_at = time.monotonic()
            for side, used in cpu().items():
                most = seen.setdefault(side, {})
                for pid, seconds in used.items():
                    most[pid] = max(seconds, most.get(pid, 0.0))
        if not jobs.exclude(status__in=["done", "failed"]).exists():
            return seen
        if time.monotonic() > deadline:
            raise SystemExit(f"the workers did not finish within {timeout:.0f} s")
        time.sleep(0.1)


def _stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# --- the database ------------------------------------------------------------------------


def _database(server: str, name: str, *, create: bool) -> None:
    import psycopg

    with psycopg.connect(server.rstrip("/") + "/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            admin.execute(f'CREATE DATABASE "{name}"')


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--server",
        default="postgres://postgres@127.0.0.1:5432",
        help="a PostgreSQL server to create the benchmark's database on",
    )
    parser.add_argument("--database", default="factdesk_scale_out", help="its name (dropped)")
    parser.add_argument("--broker", help="a Redis database for Celery's queue (emptied)")
    parser.add_argument("--cache", help="a Redis database for the Celery workers' cache")
    parser.add_argument("--workers", default="1,2", help="worker processes per run (1,2)")
    parser.add_argument("--queues", default="celery,database", help="celery,database")
    parser.add_argument("--articles", type=int, default=240)
    parser.add_argument("--events", type=int, default=24)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--rounds", type=int, default=1, help="runs of each kind, the best one counted (1)"
    )
    parser.add_argument("--timeout", type=float, default=1800, help="seconds a run may take")
    args = parser.parse_args(argv)
    try:
        args.workers = sorted({int(n) for n in args.workers.split(",")})
    except ValueError:
        parser.error("--workers takes whole numbers separated by commas")
    args.queues = [q for q in args.queues.split(",") if q]
    if (
        args.rounds < 1
        or min(args.workers) < 1
        or set(args.queues) - {"celery", "database"}
        or not args.queues
    ):
        parser.error("--rounds, --workers positive; --queues is celery, database or both")
    if "celery" in args.queues and not args.broker:
        parser.error("the celery queue needs --broker (a Redis database of its own)")
    if not 1 <= args.events <= min(len(CITIES), args.articles):
        parser.error(f"--events must be between 1 and {len(CITIES)}, and not above --articles")
    if urlsplit(args.server).scheme not in {"postgres", "postgresql"}:
        parser.error("--server must be a PostgreSQL server: workers on several machines share one")
    parts = urlsplit(args.server)
    args.database_url = urlunsplit(parts._replace(path=f"/{args.database}"))
    return args


def main(argv=None) -> None:
    args = parse_args(argv)
    # Stopped from outside: stop the workers and drop the database on the way out.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    items = stream(args.articles, args.events, args.seed)
    _database(args.server, args.database, create=True)
    os.environ.update(
        {
            "DATABASE_URL": args.database_url,
            "DJANGO_SETTINGS_MODULE": "factdesk.settings",
            "CELERY_BROKER_URL": args.broker or "",
        }
    )
    os.environ.setdefault("DJANGO_SECRET_KEY", "bench-only-key-for-a-throwaway-database")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connections

    call_command("migrate", verbosity=0, interactive=False)
    print(
        f"{len(items)} articles over {args.events} events; load average at start"
        f" {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    runs: list[Run] = []
    try:
        for round_number in range(1, args.rounds + 1):
            for queue in args.queues:
                for workers in args.workers:
                    result = run(queue, workers, items, args)
                    runs.append(result)
                    print(
                        f"round {round_number} {queue:8} {workers} worker(s):"
                        f" {result.articles} articles in {result.seconds:6.1f} s,"
                        f" {result.articles / result.seconds:5.2f} articles/s,"
                        f" {len(result.groups)} events; CPU per article"
                        f" {1000 * result.cpu['workers'] / result.articles:.0f} ms (workers)"
                        f" + {1000 * result.cpu['database'] / result.articles:.0f} ms (PostgreSQL),"
                        f" {sum(result.cpu.values()) / result.seconds:.2f} cores busy;"
                        f" load average {os.getloadavg()[0]:.1f}",
                        flush=True,
                    )
                    for problem in result.problems:
                        print(f"  PROBLEM: {problem}")
    finally:
        connections.close_all()
        _database(args.server, args.database, create=False)
    print(f"best of {args.rounds} round(s):")
    for queue in args.queues:
        best = {
            n: min(r.seconds for r in runs if r.queue == queue and r.workers == n)
            for n in args.workers
        }
        one = best[args.workers[0]]
        for n, seconds in best.items():
            print(
                f"  {queue:8} {n} worker(s): {args.articles / seconds:5.2f} articles/s,"
                f" {one / seconds:.2f}x {args.workers[0]} worker(s)"
            )
    written = frozenset(
        frozenset(item.name for item in items if item.event == event)
        for event in range(args.events)
    )
    same = all(r.groups == runs[0].groups for r in runs)
    print(f"every article stored once in every run: {not any(r.problems for r in runs)}")
    print(f"the same events in every run: {same} ({len(runs[0].groups)} events)")
    print(f"the events the generator wrote: {runs[0].groups == written}")
    if any(r.problems for r in runs) or not same:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
