"""Password guessing at the admin sign-in is locked out per account and per address."""

from datetime import timedelta

import pytest
import time_machine
from django.test import RequestFactory
from django.utils import timezone
from rest_framework.test import APIClient

from factdesk.security import client_ip

LOGIN = "/admin/login/"
ATTACKER = "203.0.113.7"
ELSEWHERE = "198.51.100.20"


def sign_in(client, username, password, ip=ATTACKER):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=ip
    )


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def guess(client, username, times, ip=ATTACKER):
    return [sign_in(client, username, f"wrong-{n}", ip).status_code for n in range(times)]


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def test_ten_wrong_passwords_lock_the_account_and_the_right_one_is_refused(client, editor):
    codes = guess(client, "editor", 10)
    assert codes == [200] * 9 + [429]

    response = sign_in(client, "editor", "pw")
    assert response.status_code == 429
    assert not signed_in(client)
    page = response.content.decode()
    assert "Sign-in is locked" in page
    assert "Try again in 15 minutes" in page
    assert response["Retry-After"] == str(15 * 60)


def test_nine_wrong_passwords_do_not_lock_the_account(client, editor):
    guess(client, "editor", 9)
    assert sign_in(client, "editor", "pw").status_code == 302
    assert signed_in(client)


def test_after_the_cool_off_the_right_password_works_again(client, editor, clock):
    guess(client, "editor", 10)
    clock.shift(timedelta(minutes=16))
    response = sign_in(client, "editor", "pw")
    assert response.status_code == 302
    assert signed_in(client)


def test_an_attempt_during_the_lock_out_starts_the_wait_again(client, editor, clock):
    guess(client, "editor", 10)
    clock.shift(timedelta(minutes=14))
    assert sign_in(client, "editor", "pw").status_code == 429
    clock.shift(timedelta(minutes=14))  # 28 minutes after the tenth failure, 14 after the last
    assert sign_in(client, "editor", "pw").status_code == 429
    clock.shift(timedelta(minutes=16))
    assert sign_in(client, "editor", "pw").status_code == 302


def test_another_account_from_another_address_can_still_sign_in(client, editor, other_editor):
    guess(client, "editor", 10)
    response = sign_in(client, "second_editor", "pw", ip=ELSEWHERE)
    assert response.status_code == 302
    assert signed_in(client)


def test_guesses_spread_over_addresses_still_lock_the_account(client, editor):
    for n in range(10):
        sign_in(client, "editor", "wrong", ip=f"192.0.2.{n + 1}")
    assert sign_in(client, "editor", "pw", ip=ELSEWHERE).status_code == 429
    assert not signed_in(client)


def test_guesses_spread_over_accounts_lock_the_address(client, editor):
    for n in range(10):
        sign_in(client, f"someone-{n}", "wrong")
    assert sign_in(client, "editor", "pw").status_code == 429
    assert not signed_in(client)
    # The editor is not locked elsewhere: the lock-out is on the guessing address.
    assert sign_in(client, "editor", "pw", ip=ELSEWHERE).status_code == 302


def test_the_api_takes_no_password_so_it_cannot_be_guessed_through(editor):
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION="Basic ZWRpdG9yOnB3")  # editor:pw, the right password
    response = api.post("/api/v1/claims/merge/", {"target": 1, "others": [2]}, format="json")
    assert response.status_code == 401


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "192.0.2.1", "10.0.0.2"),  # no proxy: the header is the client's own word
        (1, "192.0.2.1", "192.0.2.1"),
        (1, "6.6.6.6, 192.0.2.1", "192.0.2.1"),  # a forged entry on the left is ignored
        (2, "192.0.2.1, 10.0.0.9", "192.0.2.1"),
        (2, "192.0.2.1", "10.0.0.2"),  # fewer hops than proxies: fall back to the peer
    ],
)
def test_behind_proxies_failures_count_against_the_client_address(
    settings, proxies, forwarded, expected
):
    settings.FACTDESK_PROXY_COUNT = proxies
    request = RequestFactory().post(LOGIN, REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip(request) == expected
