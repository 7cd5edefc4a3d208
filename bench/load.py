"""Load test: readers, two editors and a contributor at once, against gunicorn.

    DATABASE_URL=postgres://USER@127.0.0.1:5432/factdesk_bench .venv/bin/python bench/load.py
    .venv/bin/python bench/load.py --seconds 5            # a quick smoke run
    .venv/bin/python bench/load.py --fresh --server runserver --readers 3 --uncached \
        --long-kb 130 --seconds 30                        # a newsroom on `make run` (CI)

For --seconds (default 60) it runs, against 127.0.0.1 only:
  - --readers threads (default 8) reading event, claim and article pages, the home page,
    search and the JSON API, one request after another;
  - two editors deciding claims through the API: each loads a claim (its version), then
    verifies, disputes or reopens it, both on the same few claims so they collide;
  - one contributor adding new articles through the API;
  - with --long-kb, a second contributor posting a long article of that size, which the
    API hands to the background worker (202, an intake job); when that job ends the next
    long article is posted, so one is always being ingested while the others work.
Before the clock starts, one article is added per server process and not counted (the
first article a process ingests loads its models: a start's cost, not an add's).
It then prints the requests, their statuses and latencies, the 5xx count, and the
reviews: accepted (201), refused as stale (409), rows written to the review history,
and "lost" = accepted minus written; the articles added and found stored; the long
articles' jobs; and the lines of the server's and worker's logs that say "database is
locked". It exits 1 on any 5xx, lost review or article, failed request or job, such a
log line, or (with --long-kb) a p95 of the small adds made while a long one was being
ingested above --max-add-p95 seconds.

--server gunicorn (the default) starts `gunicorn factdesk.wsgi -w 2`; --server runserver
starts what `make run` starts: `manage.py runserver` with DJANGO_DEBUG=1 (without the
autoreloader, which would only add a watching parent process), `manage.py intake_worker`
and `manage.py poll_feeds --every 30`. With --long-kb, gunicorn gets an intake_worker too.
Either way on the database of DATABASE_URL, which must hold the demo desk (`manage.py
migrate` then `manage.py seed_demo`, or --fresh for a scratch database), with the API's
throttle raised, since every simulated user comes from the same address. --url points it
at a server you started instead (and its logs are then not read).

--uncached: readers' pages would mostly come from the page cache (factdesk/page_cache.py)
after the first request. With it, each reader request sets a parameter the page really
reads (a page number: home, source, search, an event's claims awaiting review, the API's
lists; a claim's or article's page of reports) to a value no earlier request of the run
asked for, so its cache key is new: the page is rendered from the database and stored
(past the last page a page number gives the last page, rendered all the same). The event
page and the API's claim details read no parameter: they are asked as they are, and come
from the cache only until the next decision (the editors decide several times a second).

Plain threads and http.client rather than locust: the scenario is short and scripted,
its verdict needs the database (the review history) at the end, and the standard library
adds no dependency. Python threads wait on sockets in parallel; the server is the bottleneck.
"""

import argparse
import http.client
import io
import json
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path
from urllib.parse import urlencode, urlsplit

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
# Above SQLite's busy timeout (30 s): a request the database kept waiting gets the desk's
# own answer (503) rather than the client giving up first.
REQUEST_TIMEOUT = 60
EDITORS = ("bench-editor-1", "bench-editor-2")
CONTRIBUTOR = "bench-contributor"
LONG_CONTRIBUTOR = "bench-contributor-long"
CONTESTED_CLAIMS = 6  # both editors decide these few claims, so they collide
LOCKED = "database is locked"
# How long the run waits, after --seconds, for the long article being ingested to end.
LONG_GRACE_SECONDS = 120


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--url", help="a server already running on 127.0.0.1 (no gunicorn)")
    parser.add_argument(
        "--server",
        choices=["gunicorn", "runserver"],
        default="gunicorn",
        help="gunicorn -w --workers, or what `make run` runs (runserver, intake_worker, "
        "poll_feeds)",
    )
    parser.add_argument(
        "--uncached",
        action="store_true",
        help="readers ask for pages the cache does not hold (see above)",
    )
    parser.add_argument(
        "--long-kb",
        type=int,
        default=0,
        help="post long articles of this many KB for background ingestion, one after the "
        "other (0: none)",
    )
    parser.add_argument(
        "--max-add-p95",
        type=float,
        default=2.0,
        help="with --long-kb: the most the p95 of small adds made while a long article was "
        "being ingested may take, in seconds (2)",
    )
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="first make the database of DATABASE_URL anew (SQLite file deleted, PostgreSQL "
        "database dropped and created), migrate it and seed the demo desk; refused on a "
        "database with accounts other than the demo's and the bench's",
    )
    parser.add_argument(
        "--logs", type=Path, help="keep the server's and workers' logs in this folder"
    )
    args = parser.parse_args(argv)
    if not 0 < args.seconds <= 600:
        parser.error("--seconds must be between 0 and 600")
    if not 1 <= args.readers <= 64:
        parser.error("--readers must be between 1 and 64")
    if args.url and urlsplit(args.url).hostname not in LOOPBACK:
        parser.error("--url must be on this machine (127.0.0.1, localhost or ::1)")
    if not 0 <= args.long_kb <= 1_000:
        parser.error("--long-kb must be between 0 and 1000")
    if args.max_add_p95 <= 0:
        parser.error("--max-add-p95 must be positive")
    return args


# --- the desk: accounts, what to read, what to add ---------------------------------------


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdesk.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(40))
    import django

    django.setup()


def fresh_database() -> None:
    """The database of DATABASE_URL made anew, migrated, with the demo desk.

    Never a desk in use: a database holding any account but the demo editor and the
    bench's own is refused, left as it was.
    """
    from django.core.management import call_command
    from django.db import connection
    from django.db.utils import OperationalError, ProgrammingError

    from articles.management.commands.seed_demo import DEMO_USERNAME

    ours = [*EDITORS, CONTRIBUTOR, LONG_CONTRIBUTOR, DEMO_USERNAME]
    try:
        from django.contrib.auth.models import User

        others = list(User.objects.exclude(username__in=ours).values_list("username", flat=True))
    except (OperationalError, ProgrammingError):  # no such database or no tables yet
        others = []
    if others:
        sys.exit(f"--fresh refused: this database has other accounts ({', '.join(others[:5])}).")
    connection.close()
    name = connection.settings_dict["NAME"]
    if connection.vendor == "sqlite":
        for suffix in ("", "-wal", "-shm"):
            Path(f"{name}{suffix}").unlink(missing_ok=True)
    elif connection.vendor == "postgresql":
        quoted = connection.ops.quote_name(name)
        with connection._nodb_cursor() as cursor:  # Django's own way to the server itself
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted}")
            cursor.execute(f"CREATE DATABASE {quoted}")
    else:
        sys.exit(f"--fresh: {connection.vendor} databases are not supported.")
    call_command("migrate", interactive=False, verbosity=0)
    call_command("seed_demo", stdout=io.StringIO())


def bench_accounts() -> dict[str, str]:
    """Token of each bench account, created with its role on first use."""
    from django.contrib.auth.models import Group, User
    from rest_framework.authtoken.models import Token

    tokens = {}
    for username, role in [
        (EDITORS[0], "editor"),
        (EDITORS[1], "editor"),
        (CONTRIBUTOR, "contributor"),
        (LONG_CONTRIBUTOR, "contributor"),
    ]:
        user, _ = User.objects.get_or_create(username=username, defaults={"is_staff": True})
        user.groups.add(Group.objects.get(name=role))
        tokens[username] = Token.objects.get_or_create(user=user)[0].key
    return tokens


def reader_paths() -> list[str]:
    """Pages and API calls of the published desk, weighted roughly as readers use them."""
    from articles.models import Article
    from claims.models import Claim, Event
    from claims.reader.sitemaps import article_path, claim_path, event_path

    events = list(Event.objects.published())
    if not events:
        sys.exit("No published event: run `manage.py seed_demo` on this database first.")
    claims = list(Claim.objects.published().order_by("pk")[:40])
    articles = list(Article.objects.filter(event__in=events).order_by("pk")[:20])
    pages = ["/", "/search/?q=minister"]
    pages += [event_path(e) for e in events] * 4
    pages += [claim_path(c) for c in claims]
    pages += [article_path(a) for a in articles]
    api = ["/api/v1/events/", "/api/v1/claims/?page_size=50", "/api/v1/articles/"]
    api += [f"/api/v1/events/{e.slug}/" for e in events]
    api += [f"/api/v1/claims/{c.pk}/" for c in claims[:20]]
    api += ["/api/v1/claims/?has_variants=true", "/api/v1/claims/?status=verified"]
    return pages * 2 + api


class UncachedPaths:
    """Reader requests the page cache cannot answer (see --uncached above).

    Each asks for a parameter the page reads with a value no earlier request asked for:
    a number from one counter shared by the readers. The API refuses a page past its end
    (404), so its lists go through every page size and page in range, shuffled.
    """

    def __init__(self, rng: random.Random, counts: dict[str, int]):
        from articles.models import Article, Source
        from claims.models import Claim, Event
        from claims.reader.sitemaps import article_path, claim_path, source_path

        self.events = [e.slug for e in Event.objects.published()]
        if not self.events:
            sys.exit("No published event: run `manage.py seed_demo` on this database first.")
        self.claims = [claim_path(c) for c in Claim.objects.published().order_by("pk")[:40]]
        articles = Article.objects.filter(event__is_published=True, held_for_review=False)
        self.articles = [article_path(a) for a in articles.order_by("pk")[:20]]
        self.sources = [source_path(s) for s in Source.objects.order_by("pk")[:20]]
        self.claim_ids = list(Claim.objects.published().order_by("pk").values_list("pk", flat=True))
        self.words = ["minister", "meeting", "cooperation", "forum", "talks", "said"]
        self.api_lists = [
            f"/api/v1/{name}/?page_size={size}&page={page}"
            for name, total in counts.items()
            for size in range(1, 101)
            for page in range(1, max(1, -(-total // size)) + 1)
        ]
        rng.shuffle(self.api_lists)
        self.numbers = count(1_000)
        self.lock = threading.Lock()
        self.api_used = 0

    def next_api_list(self) -> str:
        with self.lock:
            path = self.api_lists[self.api_used % len(self.api_lists)]
            self.api_used += 1
            return path

    def pick(self, rng: random.Random) -> str:
        n = next(self.numbers)  # itertools.count is thread-safe in CPython
        slug = rng.choice(self.events)
        choices = [
            lambda: f"/?page={n}",
            lambda: f"/events/{slug}/",
            lambda: f"/events/{slug}/awaiting-review/?page={n}",
            lambda: f"{rng.choice(self.claims)}?reports={n}",
            lambda: f"/search/?{urlencode({'q': rng.choice(self.words), 'claims_page': n})}",
            self.next_api_list,
            self.next_api_list,
            lambda: f"/api/v1/claims/{rng.choice(self.claim_ids)}/",
        ]
        if self.articles:
            choices.append(lambda: f"{rng.choice(self.articles)}?reports={n}")
        if self.sources:
            choices.append(lambda: f"{rng.choice(self.sources)}?page={n}")
        return rng.choice(choices)()

    def repeated(self) -> int:
        """API list requests that asked for a page asked before in the run."""
        return max(0, self.api_used - len(self.api_lists))


def contested_claims() -> list[int]:
    from claims.models import Claim

    # Claims whose reports agree: a decision on one whose reports differ must decide the
    # values too, which a bench editor does not (the API would refuse it, 400).
    return list(
        Claim.objects.published()
        .filter(has_variants=False)
        .order_by("-source_count", "pk")
        .values_list("pk", flat=True)[:CONTESTED_CLAIMS]
    )


def review_rows(after_pk: int) -> int:
    from claims.models import Review

    return Review.objects.filter(pk__gt=after_pk, editor__username__in=EDITORS).count()


def last_review_pk() -> int:
    from claims.models import Review

    return Review.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def new_articles(seed: int):
    """Articles nobody has sent before (bench/ingest_bench.py's generator, a fresh seed)."""
    from ingest_bench import synthetic_articles

    for _name, text, hints in synthetic_articles(10_000, 8, seed):
        body = {"text": text, "source": hints.source, "domain": hints.domain}
        if hints.collected_on:
            body["collected_on"] = hints.collected_on.isoformat()
        yield body


def long_articles(kb: int):
    """Endless long articles of about kb KB (bench/longform.py), none sent before."""
    from longform import long_article

    sentences = max(1, kb * 1000 // 75)  # its sentences take about 75 bytes each
    for seed in count(int(time.time())):
        text = long_article(sentences, seed)
        yield {"text": text, "source": "Harbour Chronicle", "domain": "chronicle.example"}


def stored_articles(ids: set[int]) -> int:
    from articles.models import Article

    return Article.objects.filter(pk__in=ids).count()


def finished_jobs(ids: list[int]) -> list[dict]:
    from intake.models import IntakeJob

    return list(
        IntakeJob.objects.filter(pk__in=ids)
        .order_by("pk")
        .values("pk", "status", "error", "article_id", "started_at", "finished_at")
    )


# --- HTTP ---------------------------------------------------------------------------------


@dataclass
class Tally:
    """What every simulated user saw, shared by the threads."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    statuses: dict = field(default_factory=lambda: defaultdict(Counter))
    latencies: dict = field(default_factory=lambda: defaultdict(list))
    failures: list = field(default_factory=list)

    def record(self, kind: str, status: int, seconds: float) -> None:
        with self.lock:
            self.statuses[kind][status] += 1
            self.latencies[kind].append(seconds)

    def fail(self, kind: str, error: Exception) -> None:
        with self.lock:
            self.statuses[kind]["error"] += 1
            self.failures.append(f"{kind}: {error!r}")


class Client:
    def __init__(self, base_url: str, tally: Tally, token: str | None = None):
        parts = urlsplit(base_url)
        self.host, self.port = parts.hostname, parts.port or 80
        self.tally = tally
        self.headers = {"Accept": "text/html,application/json"}
        if token:
            self.headers["Authorization"] = f"Token {token}"

    def request(self, kind: str, method: str, path: str, body: dict | None = None):
        """(status, decoded JSON or None); None when the request itself failed."""
        headers = dict(self.headers)
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        started = time.perf_counter()
        try:
            connection = http.client.HTTPConnection(self.host, self.port, timeout=REQUEST_TIMEOUT)
            connection.request(method, path, body=data, headers=headers)
            response = connection.getresponse()
            payload = response.read()
            connection.close()
        except (OSError, http.client.HTTPException) as error:
            self.tally.fail(kind, error)
            return None
        self.tally.record(kind, response.status, time.perf_counter() - started)
        if response.getheader("Content-Type", "").startswith("application/json"):
            return response.status, json.loads(payload)
        return response.status, None


# --- the simulated users ------------------------------------------------------------------


def reader(client: Client, paths, deadline: float, rng: random.Random) -> None:
    while time.monotonic() < deadline:
        path = paths.pick(rng) if isinstance(paths, UncachedPaths) else rng.choice(paths)
        client.request("api read" if path.startswith("/api/") else "page", "GET", path)


@dataclass
class Reviews:
    accepted: int = 0
    stale: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def editor(
    client: Client,
    claims: list[int],
    deadline: float,
    rng: random.Random,
    reviews: Reviews,
    name: str,
) -> None:
    decision = 0
    while time.monotonic() < deadline:
        pk = rng.choice(claims)
        loaded = client.request("review: load", "GET", f"/api/v1/claims/{pk}/")
        if not loaded or loaded[0] != 200:
            continue
        claim = loaded[1]
        status = rng.choice(
            [s for s in ("verified", "disputed", "unreviewed") if s != claim["status"]]
        )
        decision += 1
        answer = client.request(
            "review: decide",
            "POST",
            f"/api/v1/claims/{pk}/review/",
            {
                "status": status,
                "version": claim["version"],
                "rationale": f"Load test: decision {decision} by {name}, checked against seeds.",
                # A verdict rests on a report it cites (services.review_claim).
                "cited_reports": [report["article"] for report in claim["appearances"][:1]],
            },
        )
        if answer:
            with reviews.lock:
                reviews.accepted += answer[0] == 201
                reviews.stale += answer[0] == 409


@dataclass
class Adds:
    """The contributor's small articles: when each was sent and answered, what came back."""

    # (sent, answered) in time.time() seconds, of every add, refused or failed ones too
    times: list = field(default_factory=list)
    stored: set = field(default_factory=set)  # ids the API answered 201 or 200 with


def warm_up(client: Client, articles, args) -> None:
    """One article added per server process before the clock starts, not counted: the
    first article a process ingests loads its models (a few seconds), which is a start's
    cost, not a small add's. With few adds in a run it would be the p95 on its own."""
    processes = args.workers if args.server == "gunicorn" and not args.url else 1
    for _ in range(processes):
        client.request("warm-up", "POST", "/api/v1/articles/", next(articles))


def contributor(client: Client, articles, deadline: float, adds: Adds) -> None:
    for body in articles:
        if time.monotonic() >= deadline:
            return
        sent = time.time()
        answer = client.request("article: add", "POST", "/api/v1/articles/", body)
        adds.times.append((sent, time.time()))
        if answer and answer[0] in (200, 201):
            adds.stored.add(answer[1]["id"])


def long_contributor(client: Client, articles, deadline: float, jobs: list[int]) -> None:
    """Posts a long article, waits for its intake job to end, posts the next one.

    None is posted in the run's last seconds that the previous one took, so the run ends
    about when the last one does.
    """
    took = 0.0
    for body in articles:
        if time.monotonic() + took >= deadline and jobs:
            return
        started = time.monotonic()
        answer = client.request("long: post", "POST", "/api/v1/articles/", body)
        if not answer or answer[0] != 202:
            return  # counted: a status other than 202 is in the table, a failure too
        jobs.append(answer[1]["id"])
        give_up = max(deadline, started) + LONG_GRACE_SECONDS
        while time.monotonic() < give_up:
            time.sleep(0.5)
            polled = client.request("long: job", "GET", f"/api/v1/intake/{jobs[-1]}/")
            if polled and polled[0] == 200 and polled[1]["status"] in ("done", "failed"):
                break
        else:
            return  # not done in time: the verdict says so
        took = time.monotonic() - started
        if time.monotonic() >= deadline:
            return


# --- running it ---------------------------------------------------------------------------


def server_env(**extra: str) -> dict[str, str]:
    return {
        **os.environ,
        # Every simulated reader comes from 127.0.0.1: one address must not be throttled
        # as if it were one person.
        "API_THROTTLE_ANON": "1000000/minute",
        "API_THROTTLE_USER": "1000000/minute",
        **extra,
    }


def start(name: str, command: list[str], logs: Path, env: dict[str, str]) -> subprocess.Popen:
    """A process of the desk, its output (stdout and stderr) in logs/name.log."""
    with open(logs / f"{name}.log", "w", encoding="utf-8") as log:  # the child keeps its copy
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def start_desk(args, logs: Path) -> list[subprocess.Popen]:
    """The web server (first) and, where the scenario needs them, the background workers."""
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", args.port)) == 0:
            sys.exit(f"Port {args.port} is taken: choose another with --port.")
    manage = [sys.executable, "manage.py"]
    if args.server == "runserver":  # as `make run`, DEBUG on
        env = server_env(DJANGO_DEBUG="1")
        web = [*manage, "runserver", "--noreload", f"127.0.0.1:{args.port}"]
        background = [
            ("intake_worker", [*manage, "intake_worker"]),
            ("poll_feeds", [*manage, "poll_feeds", "--every", "30"]),
        ]
    else:
        env = server_env()
        web = [
            *[sys.executable, "-m", "gunicorn", "factdesk.wsgi"],
            *["--bind", f"127.0.0.1:{args.port}", "--workers", str(args.workers)],
            *["--timeout", "30", "--log-level", "warning"],
        ]
        background = [("intake_worker", [*manage, "intake_worker"])] if args.long_kb else []
    processes = [start(args.server, web, logs, env)]
    processes += [start(name, command, logs, env) for name, command in background]
    for _ in range(150):
        time.sleep(0.2)
        try:
            connection = http.client.HTTPConnection("127.0.0.1", args.port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return processes
        except OSError:
            if processes[0].poll() is not None:
                break
    stop(processes)
    sys.exit(f"The {args.server} server did not answer /healthz (its log: {logs}).")


def stop(processes: list[subprocess.Popen]) -> None:
    for process in processes:
        process.terminate()
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def locked_lines(logs: Path) -> list[str]:
    """The lines of the desk's logs that say the database was locked."""
    return [
        f"{log.name}: {line.strip()}"
        for log in sorted(logs.glob("*.log"))
        for line in log.read_text(encoding="utf-8", errors="replace").splitlines()
        if LOCKED in line.lower()
    ]


def api_counts(base: str) -> dict[str, int]:
    """How many of each list the API gives an anonymous reader."""
    client = Client(base, Tally())
    counts = {}
    for name in ("claims", "articles", "events"):
        answer = client.request("", "GET", f"/api/v1/{name}/?page_size=1")
        counts[name] = answer[1]["count"] if answer and answer[0] == 200 else 1
    return counts


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(tally: Tally, reviews: Reviews, rows: int, seconds: float, vendor: str) -> bool:
    total = sum(sum(c.values()) for c in tally.statuses.values())
    server_errors = sum(
        n for c in tally.statuses.values() for s, n in c.items() if isinstance(s, int) and s >= 500
    )
    failed = sum(c["error"] for c in tally.statuses.values())
    print(f"\nLoad test: {seconds:.0f} s on {vendor}, {total} requests ({total / seconds:.1f}/s)")
    print(f"{'kind':16} {'requests':>9} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  statuses")
    for kind in sorted(tally.statuses):
        times = [t * 1000 for t in tally.latencies[kind]] or [0.0]
        statuses = ", ".join(f"{s}: {n}" for s, n in sorted(tally.statuses[kind].items(), key=str))
        print(
            f"{kind:16} {sum(tally.statuses[kind].values()):9} {statistics.median(times):8.0f} "
            f"{percentile(times, 0.95):8.0f} {max(times):8.0f}  {statuses}"
        )
    lost = reviews.accepted - rows
    reads = sum(sum(tally.statuses[k].values()) for k in ("page", "api read"))
    print(
        f"Throughput: readers {reads / seconds:.1f} requests/s, reviews "
        f"{reviews.accepted / seconds:.1f} accepted/s"
    )
    print(f"5xx responses: {server_errors}; failed requests: {failed}")
    print(
        f"Reviews: {reviews.accepted} accepted (201), {reviews.stale} refused as stale (409), "
        f"{rows} written to the history: {lost} lost"
    )
    for failure in tally.failures[:10]:
        print("  failed:", failure)
    return server_errors == 0 and failed == 0 and lost == 0


def report_articles(adds: Adds, stored: int, seconds: float) -> bool:
    print(
        f"Small articles: {len(adds.stored)} added (201 or 200), {stored} found stored: "
        f"{len(adds.stored) - stored} lost; {60 * len(adds.stored) / seconds:.0f} a minute"
    )
    return stored == len(adds.stored)


def report_long(jobs: list[dict], adds: Adds, max_p95: float) -> bool:
    """The long articles' jobs, and the small adds made while one of them was ingested."""
    held = True
    windows = []
    for job in jobs:
        took = ""
        if job["started_at"] and job["finished_at"]:
            start, end = job["started_at"].timestamp(), job["finished_at"].timestamp()
            windows.append((start, end))
            took = f", ingested in {end - start:.1f} s"
        stored = job["article_id"] is not None and stored_articles({job["article_id"]}) == 1
        print(
            f"Long article, job {job['pk']}: {job['status']}{took}, article "
            f"{job['article_id'] if stored else 'not stored'} {job['error'][:200]}"
        )
        held &= job["status"] == "done" and stored
    if not jobs:
        print("Long articles: none was accepted for background ingestion")
        return False
    during = [
        answered - sent
        for sent, answered in adds.times
        if any(sent < end and answered > start for start, end in windows)
    ]
    if not during:
        print("Small adds while a long article was ingested: none")
        return False
    p95 = percentile(during, 0.95)
    print(
        f"Small adds while a long article was ingested: {len(during)}, p50 "
        f"{statistics.median(during):.2f} s, p95 {p95:.2f} s (at most {max_p95:g} s), "
        f"max {max(during):.2f} s"
    )
    return held and p95 <= max_p95


def main(argv=None) -> int:
    args = parse_args(argv)
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    if args.fresh:
        fresh_database()
    if not args.url and args.server == "gunicorn":
        # Pages are served with DEBUG off, from the collected (hashed) static files.
        call_command("collectstatic", interactive=False, verbosity=0)
    tokens = bench_accounts()
    claims = contested_claims()
    before = last_review_pk()
    articles = new_articles(seed=int(time.time()))
    connection.close()  # the server's connections are the ones under load

    logs = args.logs or Path(tempfile.mkdtemp(prefix="factdesk-load-"))
    logs.mkdir(parents=True, exist_ok=True)
    processes = [] if args.url else start_desk(args, logs)
    base = args.url or f"http://127.0.0.1:{args.port}"
    paths = UncachedPaths(random.Random(0), api_counts(base)) if args.uncached else reader_paths()
    connection.close()
    warm_up(Client(base, Tally(), tokens[CONTRIBUTOR]), articles, args)
    tally, reviews, adds, jobs = Tally(), Reviews(), Adds(), []
    deadline = time.monotonic() + args.seconds
    threads = [
        threading.Thread(
            target=reader, args=(Client(base, tally), paths, deadline, random.Random(n))
        )
        for n in range(args.readers)
    ]
    threads += [
        threading.Thread(
            target=editor,
            args=(
                Client(base, tally, tokens[name]),
                claims,
                deadline,
                random.Random(name),
                reviews,
                name,
            ),
        )
        for name in EDITORS
    ]
    threads.append(
        threading.Thread(
            target=contributor,
            args=(Client(base, tally, tokens[CONTRIBUTOR]), articles, deadline, adds),
        )
    )
    background = []
    if args.long_kb:
        background.append(
            threading.Thread(
                target=long_contributor,
                args=(
                    Client(base, tally, tokens[LONG_CONTRIBUTOR]),
                    long_articles(args.long_kb),
                    deadline,
                    jobs,
                ),
            )
        )
    started = time.monotonic()
    try:
        for thread in threads + background:
            thread.start()
        for thread in threads:
            thread.join()
        # The rates are those of the people at work; the last long article may end later.
        elapsed = time.monotonic() - started
        for thread in background:
            thread.join()
    finally:
        stop(processes)
    held = report(tally, reviews, review_rows(before), elapsed, connection.vendor)
    held &= report_articles(adds, stored_articles(adds.stored), elapsed)
    if args.long_kb:
        held &= report_long(finished_jobs(jobs), adds, args.max_add_p95)
    if isinstance(paths, UncachedPaths) and paths.repeated():
        print(f"API list pages asked again (all pages had been asked): {paths.repeated()}")
    if processes:
        locked = locked_lines(logs)
        print(f'Log lines saying "{LOCKED}": {len(locked)} (logs: {logs})')
        for line in locked[:10]:
            print("  ", line[:300])
        held &= not locked
    print("Load test held." if held else "Load test FAILED.")
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
