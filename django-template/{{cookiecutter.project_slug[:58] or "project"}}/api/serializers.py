from typing import Any, ClassVar

from django.core.validators import ProhibitNullCharactersValidator, RegexValidator
from django.db import models
from rest_framework import serializers
from rest_framework.authtoken.models import Token

from users.models import User

from .models import Note

# DRF refuses NUL characters in text (PostgreSQL cannot store them): as a pattern, the schema says so.
# A blank text never reaches a field's validators, and the schema offers it as a choice of its own.
NO_NUL = RegexValidator(r"^[^\x00]+$", "Null characters are not allowed.")
# White space as JavaScript's regular expressions know it (OpenAPI patterns are theirs), spelled out
# for Python's to read the same: their \s differ.
WHITE_SPACE = r"\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
HAS_TEXT = RegexValidator(
    rf"^[{WHITE_SPACE}]*[^\x00{WHITE_SPACE}][^\x00]*$",
    "Enter text with a character other than white space, and no null character.",
)


class StringField(serializers.CharField):
    """Text as the OpenAPI schema describes it, stored as sent.

    DRF's CharField also takes numbers (storing them as text), trims white space before it checks
    the lengths the schema states, and refuses NUL through a validator the schema cannot show. This
    one takes strings only, keeps them whole, and refuses NUL through `pattern`: a regular
    expression the schema shows, which must forbid NUL itself.
    """

    def __init__(self, *, pattern: RegexValidator = NO_NUL, **kwargs: Any) -> None:
        kwargs.setdefault("trim_whitespace", False)
        super().__init__(**kwargs)
        self.validators = [
            pattern if isinstance(validator, ProhibitNullCharactersValidator) else validator
            for validator in self.validators
        ]

    def to_internal_value(self, data: Any) -> str:
        if not isinstance(data, str):
            self.fail("invalid")
        return super().to_internal_value(data)


class CurrentUserSerializer(serializers.ModelSerializer[User]):
    class Meta:
        model = User
        fields = (
            "id",
            {%- if cookiecutter.username_type == "username" %}
            "username",
            {%- endif %}
            "email",
            "first_name",
            "last_name",
        )
        read_only_fields = fields


class NoteSerializer(serializers.ModelSerializer[Note]):
    serializer_field_mapping = serializers.ModelSerializer.serializer_field_mapping | {
        models.CharField: StringField,
        models.TextField: StringField,
    }

    class Meta:
        model = Note
        fields = ("id", "title", "body", "created_at", "updated_at")
        read_only_fields = ("id", "created_at", "updated_at")
        extra_kwargs: ClassVar[dict[str, dict[str, Any]]] = {"title": {"pattern": HAS_TEXT}}


class SignInSerializer(serializers.Serializer[None]):
    """The name a user signs in with, and their password."""

    # Named after User.USERNAME_FIELD, the name the login page asks for.
    {%- if cookiecutter.username_type == "email" %}
    email = StringField(max_length=254)
    {%- else %}
    username = StringField(max_length=150)
    {%- endif %}
    password = StringField(style={"input_type": "password"})


class TokenSerializer(serializers.ModelSerializer[Token]):
    token = serializers.CharField(source="key", read_only=True)

    class Meta:
        model = Token
        fields = ("token",)
