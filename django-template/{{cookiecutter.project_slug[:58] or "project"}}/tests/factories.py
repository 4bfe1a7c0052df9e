"""Model factories: each builds a valid object, with any field overridable."""

from django.contrib.auth.hashers import make_password
from factory.declarations import LazyFunction, Sequence
from factory.django import DjangoModelFactory

from users.models import User

PASSWORD = "correct-horse-battery-staple"


class UserFactory(DjangoModelFactory[User]):
    class Meta:
        model = User
        django_get_or_create = ("{{ cookiecutter.username_type }}",)

    email = Sequence(lambda n: f"user{n}@example.com")
    {%- if cookiecutter.username_type == "username" %}
    username = Sequence(lambda n: f"user{n}")
    {%- endif %}
    first_name = "Ada"
    last_name = "Lovelace"
    password = LazyFunction(lambda: make_password(PASSWORD))
