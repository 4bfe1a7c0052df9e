from rest_framework import serializers

from users.models import User

from .models import Note


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
    class Meta:
        model = Note
        fields = ("id", "title", "body", "created_at", "updated_at")
        read_only_fields = ("id", "created_at", "updated_at")
