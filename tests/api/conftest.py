import pytest
from rest_framework.test import APIClient

from claims.models import Event


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def published(seeded):
    Event.objects.update(is_published=True)
    return seeded


def as_user(api, user):
    api.force_authenticate(user)
    return api
