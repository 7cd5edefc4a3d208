"""A small web site the intake tests serve on 127.0.0.1: pages, feeds, redirects, faults."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

PAGES = Path(__file__).parent / "pages"
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def article_html(seed_name: str, *, extra: str = "") -> bytes:
    """A news page around one seed article: headline, byline and paragraphs."""
    lines = [line.strip() for line in (SEEDS / seed_name).read_text().splitlines()]
    title, paragraphs = lines[0], [line for line in lines[1:] if line]
    template = (PAGES / "article.html").read_text()
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs) + (f"\n<p>{extra}</p>" if extra else "")
    return template.replace("{{title}}", title).replace("{{body}}", body).encode()


class Site:
    """Routes: path -> (status, headers, body) or a callable(handler) that answers."""

    def __init__(self, server):
        self.server = server
        self.routes: dict = {}
        self.requests: list[tuple[str, dict]] = []

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def url(self, path: str) -> str:
        return self.base + path

    def page(
        self,
        path,
        body: bytes,
        *,
        status=200,
        content_type="text/html; charset=utf-8",
        headers=None,
    ):
        self.routes[path] = (status, {"Content-Type": content_type, **(headers or {})}, body)
        return self.url(path)

    def redirect(self, path, to: str, status=302):
        self.routes[path] = (status, {"Location": to}, b"")
        return self.url(path)

    def hits(self, path: str) -> int:
        return sum(1 for seen, _headers in self.requests if seen == path)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        site: Site = self.server.site
        site.requests.append((self.path, dict(self.headers)))
        route = site.routes.get(self.path)
        if route is None:
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if callable(route):
            route(self)
            return
        status, headers, body = route
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def site(settings):
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.site = Site(server)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.FACTDESK_FETCH_ALLOWED_HOSTS = ["127.0.0.1"]
    settings.FACTDESK_FETCH_TIMEOUT = 3
    try:
        yield server.site
    finally:
        server.shutdown()
        server.server_close()


def slow(seconds: float):
    """A route that answers its headers, then stalls before the body."""

    def answer(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        handler.wfile.write(b"<html><body><p>Start")
        handler.wfile.flush()
        time.sleep(seconds)

    return answer


def streamed(size: int):
    """A page sent without Content-Length, larger than it says nothing about."""

    def answer(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        chunk = b"<p>" + b"x" * 65_000 + b"</p>"
        sent = 0
        try:
            while sent < size:
                handler.wfile.write(chunk)
                sent += len(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the desk hung up, as it should

    return answer


@pytest.fixture
def work_off_queue(monkeypatch):
    """Run `manage.py db_worker --batch` here: the queued tasks, until none is left.

    The worker closes connections between tasks, which would end this test's
    transaction; in this process the test's own connection stays (test_workers.py runs
    real workers in their own processes).
    """
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run():
        call_command(
            "db_worker", "--batch", "--no-startup-delay", stdout=StringIO(), stderr=StringIO()
        )

    return run


def dripping(seconds: float):
    """A page that sends a byte every tenth of a second for `seconds`."""

    def answer(handler):
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.end_headers()
        try:
            for _ in range(int(seconds * 10)):
                handler.wfile.write(b"x")
                handler.wfile.flush()
                time.sleep(0.1)
        except (BrokenPipeError, ConnectionResetError):
            pass

    return answer
