import pytest

from users.models import User

from .factories import UserFactory


@pytest.fixture
def user(db: None) -> User:
    return UserFactory.create()
