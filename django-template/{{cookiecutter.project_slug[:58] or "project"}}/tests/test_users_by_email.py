import pytest
from django.contrib.auth import authenticate
from django.db import IntegrityError
from django.test import RequestFactory

from users.models import User

from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db


def test_a_user_signs_in_with_an_email_address_and_password(rf: RequestFactory) -> None:
    user = UserFactory.create(email="grace@example.com")

    # django-axes counts sign-in attempts per client, so authenticate() needs the request.
    assert authenticate(rf.post("/"), username="grace@example.com", password=PASSWORD) == user


def test_the_user_model_has_no_username() -> None:
    assert User.USERNAME_FIELD == "email"
    assert "username" not in {field.name for field in User._meta.get_fields()}


def test_create_user_needs_only_an_email_address_and_normalizes_its_domain() -> None:
    user = User.objects.create_user(email="grace@EXAMPLE.COM", password=PASSWORD)

    assert user.email == "grace@example.com"
    assert user.check_password(PASSWORD)
    assert not user.is_staff
    assert not user.is_superuser


def test_create_user_refuses_a_blank_email_address() -> None:
    with pytest.raises(ValueError, match="email address"):
        User.objects.create_user(email="", password=PASSWORD)


def test_email_addresses_are_unique() -> None:
    User.objects.create_user(email="grace@example.com", password=PASSWORD)

    with pytest.raises(IntegrityError):
        User.objects.create_user(email="grace@example.com", password=PASSWORD)


def test_create_superuser_makes_a_staff_superuser() -> None:
    admin = User.objects.create_superuser(email="root@example.com", password=PASSWORD)

    assert admin.is_staff
    assert admin.is_superuser


def test_create_superuser_refuses_to_make_a_superuser_who_is_not_staff() -> None:
    with pytest.raises(ValueError, match="is_staff"):
        User.objects.create_superuser(email="root@example.com", password=PASSWORD, is_staff=False)


def test_a_user_is_shown_by_email_address() -> None:
    assert str(UserFactory.create(email="grace@example.com")) == "grace@example.com"
