"""Fetching a page from the web for the desk, safely.

A URL typed by a desk member or found in a feed is fetched by the server, inside the
desk's network: without care that is a way to read its internal services (SSRF). So
every hop (the first request and each redirect) is checked after DNS resolution, and the
connection goes to the very address that was checked, never to a second lookup that
could answer differently. Bodies are read in chunks and dropped past the size limit.
"""

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
import urllib.robotparser
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils import timezone

from articles.links import is_web_url
from articles.reading import IngestError

MAX_REDIRECTS = 5
CHUNK = 64 * 1024
HTML_TYPES = {"text/html", "application/xhtml+xml"}
FEED_TYPES = {
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/xml",
    "text/xml",
    "application/feed+json",
    "text/plain",  # some servers send feeds as plain text; feedparser decides
}
REDIRECTS = {301, 302, 303, 307, 308}


class FetchError(IngestError):
    """A page the desk would not or could not fetch; the message says which and why."""


@dataclass(frozen=True)
class Page:
    url: str  # as asked
    final_url: str  # after redirects
    status: int
    content_type: str
    charset: str
    body: bytes
    fetched_at: object
    etag: str = ""
    last_modified: str = ""

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    def text(self) -> str:
        """The body as text: the declared charset, else UTF-8; refused if neither fits."""
        for encoding in filter(None, [self.charset, "utf-8"]):
            try:
                return self.body.decode(encoding)
            except (LookupError, UnicodeDecodeError):
                continue
        raise FetchError(
            f"{self.final_url}: the page is not valid text in {self.charset or 'UTF-8'}"
        )


def user_agent() -> str:
    return f"FactDesk/1.0 (+{settings.FACTDESK_SITE_URL}; editorial fact-checking desk)"


def _allowed_hosts() -> set[str]:
    return {host.lower() for host in settings.FACTDESK_FETCH_ALLOWED_HOSTS}


# Ranges that are not global unicast (IANA's special-purpose registries, RFC 6890 and
# its updates), listed here because the standard library of older Pythons misses some
# (192.0.0.0/24 among them): they are refused whatever ipaddress.is_global says.
NOT_GLOBAL = {
    4: [
        ipaddress.ip_network(net)
        for net in (
            "0.0.0.0/8",
            "10.0.0.0/8",
            "100.64.0.0/10",  # shared address space (carrier NAT)
            "127.0.0.0/8",
            "169.254.0.0/16",
            "172.16.0.0/12",
            "192.0.0.0/24",  # IETF protocol assignments
            "192.0.2.0/24",
            "192.88.99.0/24",  # the retired 6to4 relay anycast
            "192.168.0.0/16",
            "198.18.0.0/15",  # benchmarking
            "198.51.100.0/24",
            "203.0.113.0/24",
            "224.0.0.0/4",  # multicast
            "240.0.0.0/4",  # reserved, and the broadcast address
        )
    ],
    6: [
        ipaddress.ip_network(net)
        for net in (
            "::/128",
            "::1/128",
            "64:ff9b:1::/48",  # NAT64 for local use
            "100::/64",  # discard
            "100:0:0:1::/64",  # dummy prefix
            "2001::/23",  # IETF protocol assignments, Teredo (2001::/32) among them
            "2001:db8::/32",
            "3fff::/20",  # documentation
            "5f00::/16",  # segment routing
            "fc00::/7",  # unique local
            "fe80::/10",
            "fec0::/10",  # the retired site-local
            "ff00::/8",  # multicast
        )
    ],
}
NAT64 = ipaddress.ip_network("64:ff9b::/96")
IPV4_COMPATIBLE = ipaddress.ip_network("::/96")


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    """The IPv4 address an IPv6 address stands for, when it is one of the forms that
    carry one in their bits and reach it through a translator or a tunnel."""
    if ip.ipv4_mapped:
        return ip.ipv4_mapped
    if ip in NAT64 or ip in IPV4_COMPATIBLE:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return ip.sixtofour  # 2002::/16, else None


def _is_global_unicast(ip) -> bool:
    return (
        ip.is_global
        and not ip.is_multicast
        and not any(ip in net for net in NOT_GLOBAL[ip.version])
    )


def _is_public(address: str) -> bool:
    """Whether the desk may connect to address: a global unicast address, and for the
    IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo)
    the embedded address too, so 64:ff9b::7f00:1 is loopback, as it is behind NAT64."""
    ip = ipaddress.ip_address(address)
    if ip.version == 6:
        inner = _embedded_ipv4(ip)
        if inner is not None:
            return _is_global_unicast(inner)
        if ip.teredo:  # its own prefix is not global; the IPv4 ends are checked too
            return all(_is_global_unicast(a) for a in (ip, *ip.teredo))
    return _is_global_unicast(ip)


def resolve(url: str) -> tuple[str, int, str]:
    """(host, port, the address to connect to) for url, refused unless it may be fetched."""
    if not is_web_url(url):
        raise FetchError(f"{url}: not a web address (only http:// and https:// are fetched)")
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError as error:
        raise FetchError(f"{url}: the port is not a number") from error
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(f"{url}: unreachable, the host name {host} does not resolve") from error
    addresses = [info[4][0] for info in infos]
    if host not in _allowed_hosts():
        # Every address the name has, not only the first: the connection could use any.
        private = [address for address in addresses if not _is_public(address)]
        if private:
            raise FetchError(
                f"{url}: refused, {host} is a private, loopback, link-local or reserved "
                f"address ({private[0]}); list it in FACTDESK_FETCH_ALLOWED_HOSTS to allow it"
            )
    return host, port, addresses[0]


class _Watched:
    """A connection with a deadline for everything it does: at the deadline its socket is
    shut, whatever it is waiting for. A socket timeout only bounds each wait, so a server
    sending its headers a byte at a time could otherwise hold a fetch for minutes."""

    _watchdog = None

    def watch(self, deadline: float) -> None:
        self._watchdog = threading.Timer(max(0.0, deadline - time.monotonic()), self._expire)
        self._watchdog.daemon = True
        self._watchdog.start()

    def _expire(self) -> None:
        sock = self.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def close(self):
        if self._watchdog is not None:
            self._watchdog.cancel()
        super().close()


class _PinnedHTTPConnection(_Watched, http.client.HTTPConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self._address = address

    def connect(self):
        self.sock = socket.create_connection((self._address, self.port), self.timeout)


class _PinnedHTTPSConnection(_Watched, http.client.HTTPSConnection):
    def __init__(self, host, port, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self):
        sock = socket.create_connection((self._address, self.port), self.timeout)
        # The certificate is checked against the host name, not the address.
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _request(url: str, headers: dict, deadline: float):
    host, port, address = resolve(url)
    parts = urlsplit(url)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError
    kind = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    connection = kind(host, port, address, timeout=remaining)
    connection.watch(deadline)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("GET", target, headers={"User-Agent": user_agent(), **headers})
        return connection, connection.getresponse()
    except BaseException:
        connection.close()
        raise


def _read_capped(response, url: str, limit: int, deadline: float, sock=None) -> bytes:
    declared = response.getheader("Content-Length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise FetchError(
            f"{url}: the page is {int(declared):,} bytes, over the {limit:,} byte limit"
        )
    chunks, size = [], 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        # Each wait is cut to what is left of the deadline, so a server dripping a byte at
        # a time cannot stretch the fetch; read1 returns what one receive brought.
        if sock is not None:
            sock.settimeout(remaining)
        chunk = response.read1(CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limit:
            raise FetchError(f"{url}: the page is over the {limit:,} byte limit")
        chunks.append(chunk)


def fetch(
    url: str,
    *,
    accept: set[str] | None = None,
    headers: dict | None = None,
    limit: int | None = None,
    check_robots: bool = True,
) -> Page:
    """GET url, following at most MAX_REDIRECTS redirects, each checked like the first.

    accept: the content types to take (others are refused); a 304 answer to a
    conditional GET comes back as a Page with no body.
    """
    limit = limit or settings.FACTDESK_MAX_ARTICLE_BYTES
    timeout = settings.FACTDESK_FETCH_TIMEOUT
    deadline = time.monotonic() + timeout
    seen, current = [], url
    try:
        while True:
            if check_robots and not robots_allow(current, deadline):
                raise FetchError(f"{current}: the site's robots.txt does not allow fetching it")
            seen.append(current)
            connection, response = _request(current, headers or {}, deadline)
            try:
                if response.status in REDIRECTS:
                    location = response.getheader("Location") or ""
                    following = urljoin(current, location.strip())
                    if not location:
                        raise FetchError(f"{current}: a redirect without a Location")
                    if following in seen:
                        raise FetchError(f"{url}: redirect loop at {following}")
                    if len(seen) > MAX_REDIRECTS:
                        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")
                    current = following
                    continue
                return _page(url, current, response, accept, limit, deadline, connection.sock)
            finally:
                connection.close()
    except TimeoutError as error:
        raise FetchError(f"{url}: no complete answer within {timeout} seconds (timeout)") from error
    except (OSError, http.client.HTTPException) as error:
        if isinstance(error, FetchError):
            raise
        if time.monotonic() >= deadline:  # the watchdog shut the socket
            raise FetchError(
                f"{url}: no complete answer within {timeout} seconds (timeout)"
            ) from error
        reason = getattr(error, "strerror", None) or type(error).__name__
        raise FetchError(f"{url}: unreachable ({reason})") from error


def _page(url, final_url, response, accept, limit, deadline, sock) -> Page:
    header = Message()
    header["Content-Type"] = response.getheader("Content-Type") or ""
    content_type = header.get_content_type() if header["Content-Type"] else ""
    common = {
        "url": url,
        "final_url": final_url,
        "status": response.status,
        "content_type": content_type,
        "charset": header.get_content_charset() or "",
        "etag": response.getheader("ETag") or "",
        "last_modified": response.getheader("Last-Modified") or "",
        "fetched_at": timezone.now(),
    }
    if response.status == 304:
        return Page(body=b"", **common)
    if response.status != 200:
        raise FetchError(f"{final_url}: unreachable, the server answered {response.status}")
    if accept is not None and content_type not in accept:
        raise FetchError(f"{final_url}: not an HTML page ({content_type or 'no content type'})")
    return Page(body=_read_capped(response, final_url, limit, deadline, sock), **common)


def robots_allow(url: str, deadline: float) -> bool:
    """Whether the site's robots.txt lets the desk's user agent fetch url.

    A missing robots.txt (any 4xx) allows everything; a server error disallows, as
    robots.txt's specification (RFC 9309) says.
    """
    parts = urlsplit(url)
    robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
    # A host that cannot be reached at all is reported as unreachable by the caller.
    connection, response = _request(robots_url, {}, deadline)
    try:
        if 300 <= response.status < 500:
            return True  # no robots.txt here (redirects to it are not followed)
        if response.status != 200:
            return False
        text = _read_capped(response, robots_url, 512 * 1024, deadline, connection.sock)
        text = text.decode("utf-8", "replace")
    finally:
        connection.close()
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(text.splitlines())
    return parser.can_fetch(user_agent(), url)
