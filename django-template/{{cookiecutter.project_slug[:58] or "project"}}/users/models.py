"""The site's own user model, in place from the first migration so it can grow fields later."""
{%- if cookiecutter.username_type == "email" %}

from typing import ClassVar
{%- endif %}

from django.contrib.auth.models import AbstractUser
{%- if cookiecutter.username_type == "email" %}
from django.db import models

from .managers import UserManager
{%- endif %}


class User(AbstractUser):
    """A person who can sign in; str(user) is the name they sign in with."""
    {%- if cookiecutter.username_type == "email" %}

    # Users sign in with their email address: there is no username.
    username = None  # type: ignore[assignment]
    email = models.EmailField("email address", unique=True)

    USERNAME_FIELD = "email"
    # createsuperuser asks for the email address (USERNAME_FIELD) and a password, nothing more.
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]
    {%- endif %}
