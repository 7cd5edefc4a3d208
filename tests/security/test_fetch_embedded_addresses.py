"""Hole 4 of the second probe: addresses that hide a private IPv4 address in IPv6.

`http://[64:ff9b::7f00:1]/` (NAT64), `http://[2002:7f00:1::]/` (6to4),
`http://[::127.0.0.1]/` (IPv4-compatible) and `http://192.0.0.192/` (special-use IPv4)
passed the address check and were queued: on a network that routes NAT64 or 6to4 they
reach loopback. The check now unwraps every IPv6 form that embeds an IPv4 address and
refuses anything that is not a global unicast address; it runs on every address a name
resolves to and on every redirect hop, and the connection goes to the checked address.
"""

import ipaddress
import socket

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from rest_framework.test import APIClient

from intake import fetching
from intake.models import IntakeJob
from tests.intake import conftest as intake_site

site = intake_site.site  # a small web site on 127.0.0.1, as the intake tests use
article_html = intake_site.article_html

PROBES = [
    "http://[64:ff9b::7f00:1]/",  # NAT64, well-known prefix: 127.0.0.1
    "http://[64:ff9b:1::a00:1]/",  # NAT64, local-use prefix
    "http://[2002:7f00:1::]/",  # 6to4 of 127.0.0.1
    "http://[2002:a9fe:a9fe::1]/",  # 6to4 of 169.254.169.254 (cloud metadata)
    "http://[::127.0.0.1]/",  # IPv4-compatible
    "http://[::a00:1]/",  # IPv4-compatible 10.0.0.1
    "http://[::ffff:127.0.0.1]/",  # IPv4-mapped
    "http://[::ffff:7f00:1]/",
    "http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/",  # Teredo, client 127.0.0.1
    "http://192.0.0.192/",  # IETF protocol assignments
    "http://192.0.0.8/",
    "http://192.88.99.1/",  # the old 6to4 relay anycast
    "http://100.64.0.1/",  # shared address space (carrier NAT)
    "http://198.18.0.1/",  # benchmarking
    "http://[3fff::1]/",  # documentation
    "http://[fec0::1]/",  # site-local
    "http://[ff02::1]/",  # multicast
]


@pytest.mark.parametrize("url", PROBES)
def test_the_probes_are_refused_before_anything_is_queued(db, contributor, url):
    api = APIClient()
    api.force_authenticate(contributor)
    response = api.post("/api/v1/articles/", {"url": url}, format="json")
    assert response.status_code == 400, response.content
    assert "refused" in response.content.decode()
    assert not IntakeJob.objects.exists()


@pytest.mark.parametrize(
    "url",
    [
        "http://[64:ff9b::808:808]/",  # NAT64 of a public address
        "http://[2002:808:808::1]/",  # 6to4 of a public address
        "http://[2606:4700::1111]/",
        "http://8.8.8.8/",
    ],
)
def test_public_addresses_in_those_forms_pass_the_check(monkeypatch, url):
    host, port, address = fetching.resolve(url)
    assert fetching._is_public(address)


def _fake_dns(monkeypatch, answers: dict[str, list[str]]):
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in answers:
            return [
                (
                    socket.AF_INET6 if ":" in a else socket.AF_INET,
                    socket.SOCK_STREAM,
                    6,
                    "",
                    (a, port),
                )
                for a in answers[host]
            ]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(fetching.socket, "getaddrinfo", getaddrinfo)


def test_every_address_of_a_name_is_checked(monkeypatch):
    _fake_dns(monkeypatch, {"news.example": ["93.184.216.34", "64:ff9b::7f00:1"]})
    with pytest.raises(fetching.FetchError, match="64:ff9b::7f00:1"):
        fetching.resolve("http://news.example/story")


def test_a_redirect_to_a_nat64_address_is_refused(db, site, monkeypatch):
    _fake_dns(monkeypatch, {"hidden.example": ["2002:7f00:1::"]})
    url = site.redirect("/moved", "http://hidden.example/latest/meta-data/")
    with pytest.raises(fetching.FetchError, match="hidden.example is a private"):
        fetching.fetch(url, accept=fetching.HTML_TYPES)


def test_the_connection_goes_to_the_checked_address(db, site, monkeypatch, settings):
    """The name is resolved once per hop and the socket opened to that address: a second
    lookup (DNS rebinding) never decides where the request goes."""
    site.page("/news", article_html("000_10dd2e685f804502.txt"))
    settings.FACTDESK_FETCH_ALLOWED_HOSTS = ["desk-test.example"]
    _fake_dns(monkeypatch, {"desk-test.example": ["127.0.0.1"]})
    opened = []
    real_connect = socket.create_connection

    def create_connection(address, *args, **kwargs):
        opened.append(address[0])
        return real_connect(address, *args, **kwargs)

    monkeypatch.setattr(fetching.socket, "create_connection", create_connection)
    port = site.server.server_port
    page = fetching.fetch(f"http://desk-test.example:{port}/news", accept=fetching.HTML_TYPES)
    assert page.status == 200
    assert opened and set(opened) == {"127.0.0.1"}


# --- the property: the check is is_global after unwrapping ----------------------------

MASK32 = 0xFFFFFFFF


def _unwrapped(ip) -> list:
    """The addresses that decide, computed from the address's bits (RFC 4291, 6052,
    3056, 4380): the embedded IPv4 address of a wrapping form; for Teredo, the IPv6
    address itself and both IPv4 addresses it carries."""
    if ip.version == 4:
        return [ip]
    bits = int(ip)
    v4 = ipaddress.IPv4Address
    if bits >> 32 in (0, 0xFFFF, 0x0064FF9B << 64):  # compatible, mapped, NAT64 /96
        return [v4(bits & MASK32)]
    if bits >> 112 == 0x2002:
        return [v4((bits >> 80) & MASK32)]
    if bits >> 96 == 0x20010000:
        return [ip, v4((bits >> 64) & MASK32), v4(~bits & MASK32)]
    return [ip]


def _expected(ip) -> bool:
    # ipaddress's is_global, with the special-use ranges this Python's ipaddress misses
    # (it dates from before 192.0.0.0/24 and others were fixed in the standard library).
    return all(
        a.is_global
        and not a.is_multicast
        and not any(a in net for net in fetching.NOT_GLOBAL[a.version])
        for a in _unwrapped(ip)
    )


def _wrapped(prefix: int, shift: int):
    return st.builds(
        lambda v4, rest: ipaddress.IPv6Address(prefix | (int(v4) << shift) | rest),
        st.ip_addresses(v=4),
        st.integers(0, (1 << shift) - 1) if shift else st.just(0),
    )


ADDRESSES = st.one_of(
    st.ip_addresses(),
    _wrapped(0xFFFF << 32, 0),
    _wrapped(0, 0),
    _wrapped(0x0064FF9B << 96, 0),
    _wrapped(0x0064FF9B0001 << 80, 0),
    _wrapped(0x2002 << 112, 80),
    st.builds(
        lambda server, client: ipaddress.IPv6Address(
            (0x20010000 << 96) | (int(server) << 64) | (~int(client) & MASK32)
        ),
        st.ip_addresses(v=4),
        st.ip_addresses(v=4),
    ),
)


@given(ADDRESSES)
@example(ipaddress.ip_address("64:ff9b::7f00:1"))
@example(ipaddress.ip_address("2002:7f00:1::"))
@example(ipaddress.ip_address("::127.0.0.1"))
@example(ipaddress.ip_address("192.0.0.192"))
def test_the_check_is_is_global_after_unwrapping(ip):
    assert fetching._is_public(str(ip)) == _expected(ip)
