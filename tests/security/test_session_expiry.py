"""Signed-in sessions end 30 minutes after the last request or 12 hours after sign-in."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

ADMIN = "/admin/"


@pytest.fixture
def clock():
    with time_machine.travel(timezone.now(), tick=False) as traveller:
        yield traveller


def sign_in(client):
    response = client.post("/admin/login/", {"username": "editor", "password": "pw"})
    assert response.status_code == 302


def still_signed_in(client) -> bool:
    return client.get(ADMIN).status_code == 200


def test_an_idle_editor_is_signed_out_after_30_minutes(client, editor, clock):
    sign_in(client)
    clock.shift(timedelta(minutes=29))
    assert still_signed_in(client)
    clock.shift(timedelta(minutes=29))  # 58 minutes after sign-in, 29 after the last request
    assert still_signed_in(client)
    clock.shift(timedelta(minutes=30))
    response = client.get(ADMIN, follow=True)
    assert response.redirect_chain[0][0].startswith("/admin/login/")
    assert "after a period without activity" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_busy_editor_is_signed_out_12_hours_after_signing_in(client, editor, clock):
    sign_in(client)
    for _ in range(12 * 3 - 1):  # a request every 20 minutes for 11 h 40 min
        clock.shift(timedelta(minutes=20))
        assert still_signed_in(client)
    clock.shift(timedelta(minutes=20))
    response = client.get(ADMIN, follow=True)
    assert response.redirect_chain[0][0].startswith("/admin/login/")
    assert "reached its time limit" in response.content.decode()


def test_signing_in_again_starts_the_12_hours_again(client, editor, clock):
    sign_in(client)
    clock.shift(timedelta(hours=11))
    client.post("/admin/logout/")
    sign_in(client)
    for _ in range(4):  # up to 12 h 20 min after the first sign-in
        clock.shift(timedelta(minutes=20))
        assert still_signed_in(client)
