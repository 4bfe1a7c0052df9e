import pytest
from django.test import Client
from django.urls import reverse
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


@pytest.mark.parametrize("path", ["/api/me/", "/api/notes/"])
def test_anonymous_requests_are_answered_401_naming_the_bearer_scheme(client: Client, path: str) -> None:
    response = client.get(path)

    assert response.status_code == 401, response.content
    assert response["WWW-Authenticate"].startswith("Bearer"), "401 must say how to authenticate"
    assert "detail" in response.json()


def test_anonymous_writes_are_refused(client: Client) -> None:
    response = client.post("/api/notes/", {"title": "Spam"}, content_type="application/json")

    assert response.status_code == 401
    assert not Note.objects.exists()


def test_a_session_write_without_the_csrf_token_is_refused(user: User) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)

    response = browser.post("/api/notes/", {"title": "Forged"}, content_type="application/json")

    assert response.status_code == 403, response.content
    assert "CSRF" in response.json()["detail"]
    assert not Note.objects.exists()


def test_a_session_write_with_the_csrf_token_is_accepted(user: User) -> None:
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    browser.get(reverse("login"))
    token = browser.cookies["csrftoken"].value

    response = browser.post(
        "/api/notes/", {"title": "Mine"}, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )

    assert response.status_code == 201, response.content


def test_a_browser_asking_for_html_gets_json(signed_in: Client) -> None:
    response = signed_in.get("/api/notes/", HTTP_ACCEPT="text/html,application/xhtml+xml,*/*;q=0.8")

    assert response["Content-Type"] == "application/json"


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


def test_timestamps_carry_their_utc_offset(signed_in: Client) -> None:
    created = signed_in.post("/api/notes/", {"title": "Now"}, content_type="application/json").json()

    assert created["created_at"].endswith("Z"), created["created_at"]
    assert created["updated_at"].endswith("Z"), created["updated_at"]


def test_text_is_stored_as_sent_without_trimming(signed_in: Client) -> None:
    response = signed_in.post(
        "/api/notes/", {"title": " Indented ", "body": "  code\n"}, content_type="application/json"
    )

    assert response.status_code == 201
    assert (response.json()["title"], response.json()["body"]) == (" Indented ", "  code\n")


def test_a_blank_title_is_refused(signed_in: Client) -> None:
    response = signed_in.post("/api/notes/", {"title": " \t "}, content_type="application/json")

    assert response.status_code == 400
    assert "title" in response.json()


def test_a_title_longer_than_200_characters_is_refused(signed_in: Client) -> None:
    response = signed_in.post("/api/notes/", {"title": "x" * 201}, content_type="application/json")

    assert response.status_code == 400
    assert "title" in response.json()


def test_a_body_longer_than_10000_characters_is_refused(signed_in: Client) -> None:
    response = signed_in.post(
        "/api/notes/", {"title": "Long", "body": "x" * 10_001}, content_type="application/json"
    )

    assert response.status_code == 400
    assert "body" in response.json()


def test_a_user_lists_only_their_own_notes(signed_in: Client, user: User) -> None:
    own = NoteFactory.create(owner=user)
    NoteFactory.create(owner=UserFactory.create())

    response = signed_in.get("/api/notes/")

    assert response.status_code == 200
    assert [note["id"] for note in response.json()["results"]] == [own.pk]


def test_the_list_comes_in_pages_of_20(signed_in: Client, user: User) -> None:
    NoteFactory.create_batch(21, owner=user)

    first = signed_in.get("/api/notes/").json()

    assert (first["count"], len(first["results"])) == (21, 20)
    assert first["next"] is not None


def test_a_client_chooses_the_page_size_up_to_100(signed_in: Client, user: User) -> None:
    NoteFactory.create_batch(3, owner=user)

    assert len(signed_in.get("/api/notes/?page_size=2").json()["results"]) == 2
    assert signed_in.get("/api/notes/?page_size=1000").json()["count"] == 3


def test_a_page_past_the_end_is_not_found(signed_in: Client) -> None:
    response = signed_in.get("/api/notes/?page=2")

    assert response.status_code == 404
    assert "detail" in response.json()


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


def test_a_method_the_route_does_not_take_is_answered_405_with_allow(signed_in: Client) -> None:
    response = signed_in.put("/api/notes/", {"title": "All"}, content_type="application/json")

    assert response.status_code == 405
    assert set(response["Allow"].replace(" ", "").split(",")) >= {"GET", "POST"}
