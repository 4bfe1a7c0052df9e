import pytest
from django.test import Client
from factory.declarations import Sequence, SubFactory
from factory.django import DjangoModelFactory

from api.models import Note
from users.models import User

from .factories import UserFactory

pytestmark = pytest.mark.django_db


class NoteFactory(DjangoModelFactory[Note]):
    class Meta:
        model = Note

    owner = SubFactory(UserFactory)
    title = Sequence(lambda n: f"Note {n}")
    body = "Remember the milk."


@pytest.fixture
def signed_in(client: Client, user: User) -> Client:
    client.force_login(user)
    return client


def test_the_api_turns_anonymous_requests_away(client: Client) -> None:
    assert client.get("/api/me/").status_code == 403
    assert client.get("/api/notes/").status_code == 403


def test_me_describes_the_signed_in_user(signed_in: Client, user: User) -> None:
    response = signed_in.get("/api/me/")

    assert response.status_code == 200
    assert response.json()["id"] == user.pk
    assert response.json()["email"] == user.email


def test_a_user_creates_a_note_that_belongs_to_them(signed_in: Client, user: User) -> None:
    response = signed_in.post(
        "/api/notes/", {"title": "Groceries", "body": "Eggs"}, content_type="application/json"
    )

    assert response.status_code == 201
    note = Note.objects.get(pk=response.json()["id"])
    assert note.owner == user
    assert note.title == "Groceries"


def test_a_user_lists_only_their_own_notes(signed_in: Client, user: User) -> None:
    own = NoteFactory.create(owner=user)
    NoteFactory.create(owner=UserFactory.create())

    response = signed_in.get("/api/notes/")

    assert response.status_code == 200
    assert [note["id"] for note in response.json()["results"]] == [own.pk]


def test_a_user_reads_updates_and_deletes_their_own_note(signed_in: Client, user: User) -> None:
    note = NoteFactory.create(owner=user)
    url = f"/api/notes/{note.pk}/"

    assert signed_in.get(url).json()["title"] == note.title
    updated = signed_in.patch(url, {"title": "Renamed"}, content_type="application/json")
    assert updated.status_code == 200
    assert updated.json()["title"] == "Renamed"
    assert signed_in.delete(url).status_code == 204
    assert not Note.objects.filter(pk=note.pk).exists()


def test_a_user_can_neither_see_nor_change_another_users_note(signed_in: Client) -> None:
    note = NoteFactory.create(owner=UserFactory.create())
    url = f"/api/notes/{note.pk}/"

    assert signed_in.get(url).status_code == 404
    assert signed_in.patch(url, {"title": "Mine"}, content_type="application/json").status_code == 404
    assert signed_in.delete(url).status_code == 404
    note.refresh_from_db()
    assert note.title != "Mine"


def test_the_openapi_schema_describes_the_notes(client: Client) -> None:
    response = client.get("/api/schema/", HTTP_ACCEPT="application/json")

    assert response.status_code == 200
    assert "/api/notes/" in response.json()["paths"]


def test_the_api_docs_page_is_served(client: Client) -> None:
    assert client.get("/api/docs/").status_code == 200
