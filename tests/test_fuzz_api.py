"""Every API variant answers as its live OpenAPI document says, to a fuzzer and to anonymous writers.

Schemathesis generates requests from the document the server serves (valid ones and
invalid ones), sends them as a signed-in script would, with a bearer token got the
documented way, and runs all of its checks on the answers: no server errors, every
status, header and body as documented, invalid data refused, valid data accepted,
documented authentication enforced, 405s that say what is allowed. Everything goes
through the HTTPS proxy's headers and public host.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from booting import Project, Server
from clients import TOKEN_PATHS, Client, api_token, create_django_superuser, register_flask_account
from variants import Variant

pytestmark = pytest.mark.boot

# Where each template serves its API's OpenAPI document.
DOCUMENT_PATHS = {"flask": "/api/openapi.json", "django": "/api/schema/?format=json"}
# Generated requests per operation and phase: enough to find what a hostile client finds, cheaply.
EXAMPLES_PER_OPERATION = 25
FUZZER_SECONDS = 300
SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"
# Warnings that mean the run proved less than it seems: the token was refused, the document
# states constraints the API does not enforce (or the reverse), or a documented method is refused.
SCHEMATHESIS_CONFIG = """\
[warnings]
fail-on = ["missing_auth", "validation_mismatch", "method_not_allowed"]

# Schemathesis's own list, and the two refusals that come before the app reads a request: a body
# over its size limit (413), a request line longer than gunicorn reads (414).
[checks.negative_data_rejection]
expected-statuses = [
    "400", "401", "403", "404", "405", "406", "409", "413", "414", "415", "422", "428", "429", "5xx",
]
"""
WRITE_METHODS = ("post", "put", "patch", "delete")
# The keys of an OpenAPI path item that name operations.
OPERATION_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}
# Methods tried on a path that does not document them, in order of preference.
UNDOCUMENTED_METHODS = ("PATCH", "PUT", "DELETE", "POST")


def has_api(variant: Variant, config: pytest.Config) -> bool:
    return bool(variant.answer("use_api"))


ONLY_FOR = {
    "test_the_api_answers_the_fuzzer_as_its_openapi_document_says": has_api,
    "test_anonymous_writes_are_refused_with_401": has_api,
    "test_405_answers_say_which_methods_are_allowed": has_api,
}


@dataclass(frozen=True)
class Tokens:
    """Bearer tokens of two accounts: one the tests keep, one the fuzzer may revoke."""

    kept: str
    revocable: str


@pytest.fixture(scope="module")
def document(project: Project, server: Server) -> dict:
    answer = Client(server).get(DOCUMENT_PATHS[project.variant.template])
    assert answer.status == 200, f"the OpenAPI document answered {answer}"
    return answer.json()


@pytest.fixture(scope="module")
def tokens(project: Project, server: Server) -> Tokens:
    """Tokens got as a real client gets them, before the fuzzer's wrong passwords lock this client out."""
    if project.variant.template == "django":
        accounts = [
            create_django_superuser(project, project.production_env, name) for name in ("kept", "revoked")
        ]
    elif project.context["use_auth"]:
        accounts = [register_flask_account(Client(server)) for _ in range(2)]
    else:
        # Without accounts, the deployment configures the one token that may write.
        variable = f"{project.context['__env_prefix']}_API_TOKEN"
        token = project.production_env.get(variable, "")
        assert token, f"the production environment sets no {variable}"
        return Tokens(token, token)
    kept, revocable = (api_token(Client(server), project, account) for account in accounts)
    return Tokens(kept, revocable)


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def operations(document: dict, methods: tuple[str, ...]) -> list[tuple[str, str]]:
    """(METHOD, path) of each documented operation with one of ``methods``, path parameters filled in."""
    return [
        (method.upper(), re.sub(r"\{[^}]+\}", "1", path))
        for path, item in document.get("paths", {}).items()
        for method in item
        if method in methods
    ]


def fuzz(server: Server, location: str, token: str, folder: Path, *selection: str) -> tuple[bool, str]:
    """Run Schemathesis with every check against the live document; whether it passed, and its report."""
    folder.mkdir()
    config_file = folder / "schemathesis.toml"
    config_file.write_text(SCHEMATHESIS_CONFIG)
    headers = {"X-Forwarded-Proto": "https", "Host": server.host, **bearer(token)}
    argv = [
        str(SCHEMATHESIS),
        f"--config-file={config_file}",
        "run",
        server.base_url + location,
        f"--url={server.base_url}",
        "--checks=all",
        f"--max-examples={EXAMPLES_PER_OPERATION}",
        # One worker: Hypothesis parsing in several threads at once trips CPython 3.11's AST checks.
        "--workers=1",
        "--request-timeout=10",
        "--generation-database=none",
        "--no-color",
        *(f"--header={name}: {value}" for name, value in headers.items()),
        *selection,
    ]
    started = time.monotonic()
    # In a folder of its own, so that no other configuration file applies.
    try:
        result = subprocess.run(argv, cwd=folder, capture_output=True, text=True, timeout=FUZZER_SECONDS)
    except subprocess.TimeoutExpired as timeout:
        output = (timeout.stdout or b"").decode(errors="replace")
        return False, f"{output}\nSchemathesis had not finished after {FUZZER_SECONDS} s"
    report = result.stdout + result.stderr
    chosen = " ".join(selection) or "every operation"
    print(f"Schemathesis, {chosen}: {summary(report)} in {time.monotonic() - started:.1f} s")
    return result.returncode == 0, report


def summary(report: str) -> str:
    """How many operations the report says were tested, with how many generated test cases."""
    tested = re.search(r"Operations:\s+(\d+) selected", report)
    cases = re.search(r"(\d+) generated", report)
    return f"{tested and tested[1]} operations, {cases and cases[1]} test cases"


def test_the_api_answers_the_fuzzer_as_its_openapi_document_says(
    project: Project, server: Server, document: dict, tokens: Tokens, tmp_path: Path
) -> None:
    location = DOCUMENT_PATHS[project.variant.template]
    token_path = TOKEN_PATHS[project.variant.template]
    revoking = f"DELETE {token_path}"
    if "delete" in document.get("paths", {}).get(token_path, {}):
        # Revoking the token refuses every request after it: that operation gets a run and a token of its own.
        runs = [
            fuzz(server, location, tokens.kept, tmp_path / "all", f"--exclude-name={revoking}"),
            fuzz(server, location, tokens.revocable, tmp_path / "revoking", f"--include-name={revoking}"),
        ]
    else:
        runs = [fuzz(server, location, tokens.kept, tmp_path / "all")]
    reports = "\n".join(report for passed, report in runs if not passed)
    assert not reports, f"Schemathesis found failures:\n{reports}\n{server.output()}"


def test_anonymous_writes_are_refused_with_401(project: Project, server: Server, document: dict) -> None:
    client = Client(server)
    # Asking for a token is the one write a client makes before it has one.
    signing_in = ("POST", TOKEN_PATHS[project.variant.template])
    writes = [write for write in operations(document, WRITE_METHODS) if write != signing_in]
    assert writes, "the OpenAPI document has no write operations"
    answers = {f"{method} {path}": client.request(method, path, json_body={}) for method, path in writes}
    accepted = {write: str(answer) for write, answer in answers.items() if answer.status != 401}
    assert not accepted, f"anonymous writes not refused with 401: {accepted}"


def test_405_answers_say_which_methods_are_allowed(server: Server, document: dict, tokens: Tokens) -> None:
    client = Client(server, headers=bearer(tokens.kept))
    wrong = {}
    for path, item in document.get("paths", {}).items():
        documented = {method.upper() for method in item if method in OPERATION_METHODS}
        method = next((method for method in UNDOCUMENTED_METHODS if method not in documented), None)
        if method is None:
            continue
        url_path = re.sub(r"\{[^}]+\}", "1", path)
        answer = client.request(method, url_path, json_body={})
        allowed = {name.strip() for name in (answer.headers.get("Allow") or "").split(",") if name.strip()}
        if answer.status != 405 or not documented <= allowed:
            wrong[f"{method} {url_path}"] = f"{answer}; Allow: {answer.headers.get('Allow')!r}"
    assert not wrong, f"405 answers without an Allow header naming the documented methods: {wrong}"
