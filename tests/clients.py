"""Clients of a served project as the world reaches it, and the ways they sign in.

Requests come as an HTTPS proxy in front of the app forwards them: with
``X-Forwarded-Proto: https`` and the public host name. A ``Client`` keeps the cookies
it is given, as a browser does, and states its origin on every write, so forms with
a CSRF token work as they do for a person. The sign-ins make an account and a token
the way a user and a script do: through the pages and the API, never the database.
"""

from __future__ import annotations

import json
import re
import secrets
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from email.message import Message
from http.cookies import SimpleCookie
from typing import Any

from booting import NO_REDIRECTS, Project, Server

READ_METHODS = {"GET", "HEAD", "OPTIONS"}
# Where a script exchanges a name and password for a bearer token.
TOKEN_PATHS = {"flask": "/api/token", "django": "/api/token/"}


@dataclass(frozen=True)
class Answer:
    status: int
    headers: Message
    body: str

    def json(self) -> Any:
        return json.loads(self.body)

    def __str__(self) -> str:
        return f"{self.status}: {self.body[:300]}"


@dataclass
class Client:
    """A browser or a script behind the proxy: it keeps cookies and sends its own headers on every request."""

    server: Server
    headers: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)

    @property
    def origin(self) -> str:
        return f"https://{self.server.host}"

    def request(
        self,
        method: str,
        path: str,
        *,
        form: dict[str, str] | None = None,
        json_body: object = None,
        headers: dict[str, str] | None = None,
        timeout: float = 10,
    ) -> Answer:
        sent = {"X-Forwarded-Proto": "https", "Host": self.server.host, **self.headers, **(headers or {})}
        data = None
        if form is not None:
            data = urllib.parse.urlencode(form).encode()
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        elif json_body is not None:
            data = json.dumps(json_body).encode()
            sent["Content-Type"] = "application/json"
        if method not in READ_METHODS:
            # What a browser says of a form it posts from the site's own page.
            sent.setdefault("Origin", self.origin)
            sent.setdefault("Referer", self.origin + path)
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        request = urllib.request.Request(self.server.base_url + path, data, sent, method=method)
        try:
            with NO_REDIRECTS.open(request, timeout=timeout) as response:
                answer = Answer(response.status, response.headers, response.read().decode(errors="replace"))
        except urllib.error.HTTPError as error:
            answer = Answer(error.code, error.headers, error.read().decode(errors="replace"))
        self.keep_cookies(answer.headers)
        return answer

    def get(self, path: str, **kwargs: Any) -> Answer:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, **kwargs: Any) -> Answer:
        return self.request("POST", path, **kwargs)

    def keep_cookies(self, headers: Message) -> None:
        for header in headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)

    def form_token(self, path: str, name: str) -> str:
        """The hidden CSRF field ``name`` of the form on the page at ``path``."""
        page = self.get(path)
        match = re.search(rf'<input[^>]*name="{name}"[^>]*value="([^"]+)"', page.body) or re.search(
            rf'<input[^>]*value="([^"]+)"[^>]*name="{name}"', page.body
        )
        assert page.status == 200 and match, f"GET {path} has no {name} field: {page}"
        return match.group(1)


@dataclass(frozen=True)
class Account:
    """An account's sign-in name (its email, or Django's username) and password."""

    field: str
    name: str
    password: str


def new_password() -> str:
    return secrets.token_urlsafe(16)


def create_django_superuser(project: Project, env: dict[str, str], name: str) -> Account:
    """A superuser made as a deployment makes its first: ``createsuperuser --noinput``, from variables."""
    field = project.context["username_type"]
    email = f"{name}@example.com"
    account = Account(field, email if field == "email" else name, new_password())
    superuser_env = {
        **env,
        "DJANGO_SUPERUSER_USERNAME": name,
        "DJANGO_SUPERUSER_EMAIL": email,
        "DJANGO_SUPERUSER_PASSWORD": account.password,
    }
    result = project.run(project.argv(["python", "manage.py", "createsuperuser", "--noinput"]), superuser_env)
    assert result.returncode == 0, f"createsuperuser failed:\n{result.stdout}{result.stderr}"
    return account


def register_flask_account(client: Client) -> Account:
    """An account registered through the site's form, as a person does; the client is then signed in."""
    account = Account("email", f"user-{secrets.token_hex(4)}@example.com", new_password())
    form = {
        "csrf_token": client.form_token("/auth/register", "csrf_token"),
        "email": account.name,
        "password": account.password,
        "confirm": account.password,
    }
    answer = client.post("/auth/register", form=form)
    assert answer.status == 302, f"registering through /auth/register answered {answer}"
    return account


def sign_in_to_django_admin(client: Client, project: Project, account: Account) -> None:
    """Sign in through the admin's login form, as a staff member does."""
    login = "/{DJANGO_ADMIN_URL}login/".format_map(project.production_env)
    form = {
        "csrfmiddlewaretoken": client.form_token(login, "csrfmiddlewaretoken"),
        "username": account.name,
        "password": account.password,
    }
    answer = client.post(login, form=form)
    assert answer.status == 302, f"signing in through {login} answered {answer}"


def api_token(client: Client, project: Project, account: Account) -> str:
    """A token for scripts, from the API's token route."""
    path = TOKEN_PATHS[project.variant.template]
    answer = client.post(path, json_body={account.field: account.name, "password": account.password})
    assert answer.status == 200 and "token" in answer.body, f"POST {path} answered {answer}"
    return str(answer.json()["token"])
