"""Security headers on every response, the probes' included, and a policy the admin works under."""

from html.parser import HTMLParser

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from users.models import User

from .factories import UserFactory

PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
CONTENT_SECURITY_POLICY = {
    "default-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def directives(policy: str) -> dict[str, str]:
    return dict(directive.strip().partition(" ")[::2] for directive in policy.split(";"))


class InlineCode(HTMLParser):
    """Collects what a page runs or styles inline, which a policy without 'unsafe-inline' blocks."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {name for name, _ in attrs}
        if tag == "style" or (tag == "script" and "src" not in names):
            self.found.append(f"<{tag}> element")
        self.found += [
            f"{name} attribute of <{tag}>" for name in names if name == "style" or name.startswith("on")
        ]


def inline_code(page: str) -> list[str]:
    parser = InlineCode()
    parser.feed(page)
    return parser.found


@pytest.mark.django_db
def test_pages_carry_the_content_security_policy(client: Client) -> None:
    response = client.get(reverse("home"))

    assert directives(response["Content-Security-Policy"]) == CONTENT_SECURITY_POLICY


@pytest.mark.django_db
def test_debug_pages_are_left_without_a_policy() -> None:
    # A new client loads the middleware under the settings as they are then.
    with override_settings(DEBUG=True):
        response = Client().get("/no-such-page/")

    assert response.status_code == 404
    assert "Content-Security-Policy" not in response, "Django's debug page runs inline code"


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/accounts/login/", "/no-such-page/", "/healthz", "/readyz"])
def test_every_response_carries_the_permissions_policy(client: Client, path: str) -> None:
    assert client.get(path)["Permissions-Policy"] == PERMISSIONS_POLICY


@pytest.mark.django_db
@pytest.mark.parametrize("probe", ["/healthz", "/readyz"])
def test_probes_carry_the_security_headers_of_every_page(client: Client, probe: str) -> None:
    page = client.get(reverse("home"))
    response = client.get(probe)

    for header in ["Content-Security-Policy", "Referrer-Policy", "X-Content-Type-Options", "X-Frame-Options"]:
        assert response.get(header) == page[header], f"{probe} answers {header}: {response.get(header)}"


@pytest.mark.django_db
def test_the_admin_login_page_needs_nothing_the_policy_blocks(client: Client) -> None:
    response = client.get(reverse("admin:login"))

    assert inline_code(response.text) == []


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["admin:users_user_change", "admin:users_user_changelist"])
def test_the_admin_pages_for_users_need_nothing_the_policy_blocks(client: Client, page: str) -> None:
    staff: User = UserFactory.create(is_staff=True, is_superuser=True)
    client.force_login(staff)

    response = client.get(reverse(page, args=[staff.pk] if page.endswith("change") else []))

    assert response.status_code == 200
    assert inline_code(response.text) == []
