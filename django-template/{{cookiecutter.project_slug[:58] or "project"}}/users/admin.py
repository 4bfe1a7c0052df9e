"""The user model in the admin."""

from django.contrib import admin
{%- if cookiecutter.username_type == "username" %}
from django.contrib.auth.admin import UserAdmin
{%- endif %}

{% if cookiecutter.username_type == "email" -%}
from .email_admin import UserAdmin
{% endif -%}
from .models import User

admin.site.register(User, UserAdmin)
