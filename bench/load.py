"""Load test: readers, two editors and a contributor at once, against gunicorn.

    DATABASE_URL=postgres://USER@127.0.0.1:5432/factdesk_bench .venv/bin/python bench/load.py
    .venv/bin/python bench/load.py --seconds 5            # a quick smoke run

For --seconds (default 60) it runs, against 127.0.0.1 only:
  - --readers threads (default 8) reading event, claim and article pages, the home page,
    search and the JSON API, one request after another;
  - two editors deciding claims through the API: each loads a claim (its version), then
    verifies, disputes or reopens it, both on the same few claims so they collide;
  - one contributor adding new articles through the API.
It then prints the requests, their statuses and latencies, the 5xx count, and the
reviews: accepted (201), refused as stale (409), rows written to the review history,
and "lost" = accepted minus written. It exits 1 on any 5xx, lost review or failed request.

By default it starts `gunicorn factdesk.wsgi -w 2` on 127.0.0.1 itself, on the database
of DATABASE_URL (which must hold the demo desk: `manage.py migrate` then
`manage.py seed_demo`), with the API's anonymous throttle raised, since every simulated
reader comes from the same address. --url points it at a server you started instead.

Plain threads and http.client rather than locust: the scenario is short and scripted,
its verdict needs the database (the review history) at the end, and the standard library
adds no dependency. Python threads wait on sockets in parallel; gunicorn is the bottleneck.
"""

import argparse
import http.client
import json
import os
import random
import secrets
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
LOOPBACK = {"127.0.0.1", "localhost", "::1"}
REQUEST_TIMEOUT = 30
EDITORS = ("bench-editor-1", "bench-editor-2")
CONTRIBUTOR = "bench-contributor"
CONTESTED_CLAIMS = 6  # both editors decide these few claims, so they collide


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--readers", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--url", help="a server already running on 127.0.0.1 (no gunicorn)")
    args = parser.parse_args(argv)
    if not 0 < args.seconds <= 600:
        parser.error("--seconds must be between 0 and 600")
    if not 1 <= args.readers <= 64:
        parser.error("--readers must be between 1 and 64")
    if args.url and urlsplit(args.url).hostname not in LOOPBACK:
        parser.error("--url must be on this machine (127.0.0.1, localhost or ::1)")
    return args


# --- the desk: accounts, what to read, what to add ---------------------------------------


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(ROOT / "bench"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdesk.settings")
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(40))
    import django

    django.setup()


def bench_accounts() -> dict[str, str]:
    """Token of each bench account, created with its role on first use."""
    from django.contrib.auth.models import Group, User
    from rest_framework.authtoken.models import Token

    tokens = {}
    for username, role in [
        (EDITORS[0], "editor"),
        (EDITORS[1], "editor"),
        (CONTRIBUTOR, "contributor"),
    ]:
        user, _ = User.objects.get_or_create(username=username, defaults={"is_staff": True})
        user.groups.add(Group.objects.get(name=role))
        tokens[username] = Token.objects.get_or_create(user=user)[0].key
    return tokens


def reader_paths() -> list[str]:
    """Pages and API calls of the published desk, weighted roughly as readers use them."""
    from articles.models import Article
    from claims.models import Claim, Event
    from claims.sitemaps import article_path, claim_path, event_path

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


def contested_claims() -> list[int]:
    from claims.models import Claim

    return list(
        Claim.objects.published()
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


def reader(client: Client, paths: list[str], deadline: float, rng: random.Random) -> None:
    while time.monotonic() < deadline:
        path = rng.choice(paths)
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


def contributor(client: Client, articles, deadline: float) -> None:
    for body in articles:
        if time.monotonic() >= deadline:
            return
        client.request("article: add", "POST", "/api/v1/articles/", body)


# --- running it ---------------------------------------------------------------------------


def start_gunicorn(port: int, workers: int) -> subprocess.Popen:
    with socket.socket() as probe:
        if probe.connect_ex(("127.0.0.1", port)) == 0:
            sys.exit(f"Port {port} is taken: choose another with --port.")
    env = {
        **os.environ,
        # Every simulated reader comes from 127.0.0.1: one address must not be throttled
        # as if it were one person.
        "API_THROTTLE_ANON": "1000000/minute",
        "API_THROTTLE_USER": "1000000/minute",
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "factdesk.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--timeout",
            "30",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        time.sleep(0.2)
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            if server.poll() is not None:
                sys.exit("gunicorn did not start (see its output above).")
    server.terminate()
    sys.exit(f"{base}/healthz did not answer 200 within 20 s.")


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
    print(f"5xx responses: {server_errors}; failed requests: {failed}")
    print(
        f"Reviews: {reviews.accepted} accepted (201), {reviews.stale} refused as stale (409), "
        f"{rows} written to the history: {lost} lost"
    )
    for failure in tally.failures[:10]:
        print("  failed:", failure)
    return server_errors == 0 and failed == 0 and lost == 0


def main(argv=None) -> int:
    args = parse_args(argv)
    setup_django()
    from django.core.management import call_command
    from django.db import connection

    if not args.url:
        # Pages are served with DEBUG off, from the collected (hashed) static files.
        call_command("collectstatic", interactive=False, verbosity=0)
    tokens = bench_accounts()
    paths = reader_paths()
    claims = contested_claims()
    before = last_review_pk()
    articles = new_articles(seed=int(time.time()))
    connection.close()  # the server's connections are the ones under load

    server = None if args.url else start_gunicorn(args.port, args.workers)
    base = args.url or f"http://127.0.0.1:{args.port}"
    tally, reviews = Tally(), Reviews()
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
            target=contributor, args=(Client(base, tally, tokens[CONTRIBUTOR]), articles, deadline)
        )
    )
    started = time.monotonic()
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        if server:
            server.terminate()
            server.wait(timeout=30)
    elapsed = time.monotonic() - started
    held = report(tally, reviews, review_rows(before), elapsed, connection.vendor)
    return 0 if held else 1


if __name__ == "__main__":
    sys.exit(main())
