"""Model factories: each builds a valid object, with any field overridable."""

from django.contrib.auth.hashers import make_password
from factory.declarations import LazyFunction, Sequence{% if cookiecutter.use_api %}, SubFactory{% endif %}
from factory.django import DjangoModelFactory

{% if cookiecutter.use_api -%}
from api.models import Note
{% endif -%}
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
{%- if cookiecutter.use_api %}


class NoteFactory(DjangoModelFactory[Note]):
    class Meta:
        model = Note

    owner = SubFactory(UserFactory)
    title = Sequence(lambda n: f"Note {n}")
    body = "Remember the milk."
{%- endif %}
