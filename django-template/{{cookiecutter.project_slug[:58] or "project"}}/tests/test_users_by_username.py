import pytest
from django.contrib.auth import authenticate
from django.db import IntegrityError
from django.test import RequestFactory

from users.models import User

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_a_user_signs_in_with_a_username_and_password(rf: RequestFactory) -> None:
    user = UserFactory.create(username="grace")

    # django-axes counts sign-in attempts per client, so authenticate() needs the request.
    assert authenticate(rf.post("/"), username="grace", password=PASSWORD) == user


def test_usernames_are_unique() -> None:
    User.objects.create_user(username="grace", password=PASSWORD)

    with pytest.raises(IntegrityError):
        User.objects.create_user(username="grace", password=PASSWORD)


def test_create_superuser_makes_a_staff_superuser() -> None:
    admin = User.objects.create_superuser(username="root", email="root@example.com", password=PASSWORD)

    assert admin.is_staff
    assert admin.is_superuser


def test_a_user_is_shown_by_username() -> None:
    assert str(UserFactory.create(username="grace")) == "grace"
