import django_stubs_ext
from django.contrib import admin

from .models import Note

# django-stubs types ModelAdmin as generic: this lets ModelAdmin[Note] be written at run time too.
django_stubs_ext.monkeypatch()


@admin.register(Note)
class NoteAdmin(admin.ModelAdmin[Note]):
    list_display = ("title", "owner", "updated_at")
    list_select_related = ("owner",)
    search_fields = ("title", "body")
