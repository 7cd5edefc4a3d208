"""Page benchmark: every page type against a hello-world view, under gunicorn, in one run.

    DJANGO_DEBUG=1 .venv/bin/python bench/desk.py --size L                 # once per database
    .venv/bin/python bench/pages.py --label "L sqlite" --out bench/results/pages-L-sqlite.md
    DATABASE_URL=postgres://USER@127.0.0.1:5432/NAME .venv/bin/python bench/pages.py ...

It starts `gunicorn -w 2` (sync workers) on 127.0.0.1 with bench/bench_settings.py (the
product's settings plus /bench/hello/), signs the desk's bench-admin in by a session for
the admin pages, then runs wrk (Debian's `wrk`, -t2 -c16, --seconds per page, bounded
by --timeout per request) on the hello-world view and each page in turn: reader pages,
the API, the sitemap, search and the admin changelists. For each it prints req/s, p50,
p95, the body size and the ratio to hello-world, appends the table to --out, and ends
with the resident memory of each web worker after serving everything.

Figures on a shared two-core machine are noisy: compare ratios measured in one run,
not req/s across runs.
"""

import argparse
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
# wrk's own summary has p50/p90/p99 only: this script prints p50, p95, req/s and bytes.
WRK_REPORT = """
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d %d %d\\n", summary.requests,
    summary.duration, latency:percentile(50), latency:percentile(95),
    summary.bytes, summary.errors.status + summary.errors.timeout + summary.errors.connect
    + summary.errors.read + summary.errors.write))
end
"""


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=3, help="per page (wrk -d)")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--timeout", type=int, default=30, help="per request, seconds")
    parser.add_argument("--port", type=int, default=8791)
    parser.add_argument("--label", default="", help="names the run in the table")
    parser.add_argument("--out", help="append the table (Markdown) to this file")
    parser.add_argument("--only", help="comma-separated page names to measure")
    parser.add_argument(
        "--alone",
        action="store_true",
        help="one request per page, no load: for a desk whose pages take many seconds",
    )
    args = parser.parse_args(argv)
    if not 0 < args.seconds <= 60:
        parser.error("--seconds must be between 0 and 60")
    return args


def setup_django() -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(BENCH))
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"
    os.environ.setdefault("DJANGO_SECRET_KEY", secrets.token_urlsafe(40))
    import django

    django.setup()


def pages() -> list[tuple[str, str, bool]]:
    """(name, path, signed in) for each page type, picked from the desk in the database."""
    from django.db.models import Count

    from articles.models import Article
    from claims.models import Claim, Event
    from claims.reader import sitemaps

    event = Event.objects.published().annotate(n=Count("articles")).order_by("-n", "pk").first()
    if event is None:
        sys.exit("No published event: build a desk first (bench/desk.py).")
    claims = Claim.objects.published().filter(event=event)
    typical = claims.annotate(n=Count("appearances")).order_by("n", "pk")
    typical = typical[typical.count() // 2]
    biggest = Claim.objects.published().annotate(n=Count("appearances")).order_by("-n").first()
    article = Article.objects.published().annotate(n=Count("appearances")).order_by("-n").first()
    return [
        ("hello-world", "/bench/hello/", False),
        ("home", "/", False),
        ("event page", sitemaps.event_path(event), False),
        ("claim page", sitemaps.claim_path(typical), False),
        (f"claim page, {biggest.n} reports", sitemaps.claim_path(biggest), False),
        (f"article page, {article.n} reports", sitemaps.article_path(article), False),
        ("API claim list", "/api/v1/claims/", False),
        ("API event detail", f"/api/v1/events/{event.slug}/", False),
        (f"API claim, {biggest.n} reports", f"/api/v1/claims/{biggest.pk}/", False),
        ("sitemap.xml", "/sitemap.xml", False),
        ("search ?q=minister", "/search/?q=minister", False),
        ("search ?q=外相", "/search/?q=" + quote("外相"), False),
        ("admin claim list", "/admin/claims/claim/", True),
        ("admin article list", "/admin/articles/article/", True),
    ]


def session_cookie() -> str:
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.test import Client

    client = Client()
    client.force_login(User.objects.get(username="bench-admin"))
    # One request so the session-timeout middleware stamps the sign-in time.
    client.get("/admin/")
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def start_gunicorn(args) -> subprocess.Popen:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "bench_settings",
        # Every simulated reader comes from 127.0.0.1: the throttle would count them as one.
        # The throttle still runs, but over a one-second window: it keeps one timestamp per
        # request in its window, and a minute of wrk (~30,000) is no client's real history.
        "API_THROTTLE_ANON": "100000000/second",
        "API_THROTTLE_USER": "100000000/second",
    }
    server = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "factdesk.wsgi",
            "--pythonpath",
            f"{ROOT},{BENCH}",
            "--workers",
            str(args.workers),
            "--bind",
            f"127.0.0.1:{args.port}",
            "--timeout",
            str(args.timeout + 30),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    for _ in range(100):
        try:
            with socket.create_connection(("127.0.0.1", args.port), timeout=1):
                return server
        except OSError:
            time.sleep(0.2)
    server.kill()
    sys.exit("gunicorn did not start")


args_timeout = [120]  # seconds one request may take (--timeout)


def fetch(url: str, cookie: str | None) -> tuple[int, int, float]:
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    began = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=args_timeout[0]) as response:
            return response.status, len(response.read()), time.perf_counter() - began
    except urllib.error.HTTPError as error:
        return error.code, len(error.read()), time.perf_counter() - began
    except TimeoutError:  # reported as status 0, its time the limit
        return 0, 0, time.perf_counter() - began


def wrk(url: str, cookie: str | None, args, script: str) -> dict:
    command = [
        "wrk",
        "-t2",
        f"-c{args.connections}",
        f"-d{args.seconds}s",
        "--timeout",
        f"{args.timeout}s",
        "-s",
        script,
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    run = subprocess.run(
        [*command, url], capture_output=True, text=True, timeout=args.seconds + args.timeout + 30
    )
    match = re.search(r"RESULT (\d+) (\d+) (\d+) (\d+) (\d+) (\d+)", run.stdout)
    if not match:
        sys.exit(f"wrk gave no result for {url}:\n{run.stdout}{run.stderr}")
    requests, duration_us, p50, p95, size, errors = map(int, match.groups())
    return {
        "rps": requests / (duration_us / 1e6),
        "p50": p50 / 1000,
        "p95": p95 / 1000,
        "requests": requests,
        "errors": errors,
    }


def worker_rss_mb(server: subprocess.Popen) -> list[float]:
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
    sizes = []
    for pid in children:
        status = Path(f"/proc/{pid}/status").read_text()
        sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
    return sizes


def main(argv=None) -> int:
    args = parse_args(argv)
    args_timeout[0] = args.timeout
    if not args.alone and not shutil_which("wrk"):  # --alone makes single requests itself
        sys.exit("wrk is not installed (Debian: apt-get install wrk).")
    setup_django()
    from django.db import connection

    targets = pages()
    if args.only:
        wanted = set(args.only.split(","))
        targets = [t for t in targets if t[0] == "hello-world" or t[0] in wanted]
    from django.core.management import call_command

    # DEBUG is off, as in production: pages need the hashed static files' manifest.
    call_command("collectstatic", interactive=False, verbosity=0)
    cookie = session_cookie()
    vendor = connection.vendor
    connection.close()
    server = start_gunicorn(args)
    base = f"http://127.0.0.1:{args.port}"
    rows = []
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_REPORT)
    try:
        for name, path, signed_in in targets:
            cookie_for = cookie if signed_in else None
            fetch(base + "/bench/hello/", None)  # waits out the previous page's backlog
            # One request alone: how long a reader waits when nobody else is reading.
            status, size, first = fetch(base + path, cookie_for)
            if args.alone:
                result = {
                    "rps": 1 / first,
                    "p50": first * 1000,
                    "p95": first * 1000,
                    "requests": 1,
                    "errors": 0,
                }
            else:
                result = wrk(base + path, cookie_for, args, script.name)
            rows.append(
                {
                    "name": name,
                    "path": path,
                    "status": status,
                    "size": size,
                    "first": first,
                    **result,
                }
            )
            print(
                f"{name:32} {status} {result['rps']:8.1f} req/s  p50 {result['p50']:7.1f} ms"
                f"  p95 {result['p95']:7.1f} ms  {size / 1024:8.1f} KB  first {first:.2f} s"
                + (f"  errors {result['errors']}" if result["errors"] else ""),
                flush=True,
            )
        rss = worker_rss_mb(server)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a worker still busy with a slow page
            server.kill()
            server.wait()
        os.unlink(script.name)
    hello = rows[0]["rps"]
    lines = [
        f"### {args.label or vendor} ({vendor}, gunicorn -w {args.workers}, "
        + (
            "one request per page, no load"
            if args.alone
            else f"wrk -t2 -c{args.connections} -d{args.seconds:g}s"
        )
        + f", {time.strftime('%Y-%m-%d %H:%M')})",
        "",
        "| page | status | req/s | ratio to hello-world | p50 ms | p95 ms | alone ms | size KB |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row['name']} | {row['status']} | {row['rps']:.1f} | {row['rps'] / hello:.3f} "
            f"| {row['p50']:.1f} | {row['p95']:.1f} | {row['first'] * 1000:.0f} "
            f"| {row['size'] / 1024:.1f} |"
        )
    lines += [
        "",
        f"Worker resident memory after the run: {', '.join(f'{m:.0f} MB' for m in rss)}",
        "",
    ]
    table = "\n".join(lines)
    print(table)
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        with open(args.out, "a") as out:
            out.write(table + "\n")
    return 0


def shutil_which(name: str) -> str | None:
    import shutil

    return shutil.which(name)


if __name__ == "__main__":
    sys.exit(main())
