"""The blueprints file: what it registers, and how each mistake in it is reported."""

from collections.abc import Callable
from pathlib import Path
from textwrap import dedent

import pytest
from flask import Flask

from {{ cookiecutter.project_slug }}.blueprints import BlueprintConfigError, register_blueprints

EXTRA_MODULE = """
from flask import Blueprint

blueprint = Blueprint("extra", __name__)
same_name = Blueprint("extra", __name__)
not_a_blueprint = 42


@blueprint.get("/hello")
def hello() -> str:
    return "hello"
"""


@pytest.fixture
def blueprints_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Where a test writes its blueprints file; a tiny module ``extra_blueprints`` is importable."""
    (tmp_path / "extra_blueprints.py").write_text(EXTRA_MODULE)
    monkeypatch.syspath_prepend(str(tmp_path))
    return tmp_path / "blueprints.yaml"


def register(path: Path, text: str) -> Flask:
    path.write_text(dedent(text))
    app = Flask(__name__)
    register_blueprints(app, path)
    return app


def expect_error(path: Path, text: str) -> str:
    with pytest.raises(BlueprintConfigError) as failure:
        register(path, text)
    message = str(failure.value)
    assert str(path) in message
    return message


def test_app_registers_its_own_blueprints_from_the_file(app: Flask) -> None:
    declared = [
        "pages",
        "health",
        {%- if cookiecutter.use_celery %}
        "jobs",
        {%- endif %}
        {%- if cookiecutter.use_auth %}
        "auth",
        {%- endif %}
    ]
    # In the file's order; extensions add blueprints of their own, not in the file.
    assert [name for name in app.blueprints if name in declared] == declared


def test_app_works_with_every_entry_disabled(
    make_app: Callable[[], Flask], disable_blueprints: Callable[..., None]
) -> None:
    disable_blueprints()
    client = make_app().test_client()
    response = client.get("/")
    assert response.status_code == 404
    assert "404 Not Found" in response.text
    assert client.get("/healthz").status_code == 404


def test_entry_is_registered_under_its_url_prefix(blueprints_file: Path) -> None:
    app = register(
        blueprints_file,
        """
        blueprints:
          - import: "extra_blueprints:blueprint"
            url_prefix: /extra
        """,
    )
    assert app.test_client().get("/extra/hello").text == "hello"


def test_disabled_entry_is_neither_imported_nor_registered(blueprints_file: Path) -> None:
    app = register(
        blueprints_file,
        """
        blueprints:
          - import: "no_such_module:blueprint"
            enabled: false
        """,
    )
    assert app.blueprints == {}


def test_missing_file_is_reported(blueprints_file: Path) -> None:
    with pytest.raises(BlueprintConfigError, match="cannot read the file") as failure:
        register_blueprints(Flask(__name__), blueprints_file)
    assert str(blueprints_file) in str(failure.value)


def test_yaml_syntax_error_is_reported_with_its_line(blueprints_file: Path) -> None:
    unclosed_quote = 'blueprints:\n  - import: "extra_blueprints:blueprint\n'
    message = expect_error(blueprints_file, unclosed_quote)
    assert "invalid YAML at line" in message


@pytest.mark.parametrize(
    "text",
    ["[]", "blueprints: []\nplugins: []\n", "blueprints: extra_blueprints:blueprint\n"],
)
def test_file_without_a_list_of_blueprints_is_reported(blueprints_file: Path, text: str) -> None:
    message = expect_error(blueprints_file, text)
    assert "'blueprints'" in message


def test_unknown_key_is_reported_with_the_entry(blueprints_file: Path) -> None:
    message = expect_error(
        blueprints_file,
        """
        blueprints:
          - import: "extra_blueprints:blueprint"
            prefix: /extra
        """,
    )
    assert "blueprints[0] ('extra_blueprints:blueprint')" in message
    assert "unknown key(s) prefix" in message


@pytest.mark.parametrize(
    ("entry", "cause"),
    [
        ("{import: 42}", "'import' must be a str, not int"),
        ('{import: "extra_blueprints:blueprint", url_prefix: 5}', "'url_prefix' must be a str"),
        ('{import: "extra_blueprints:blueprint", enabled: "no"}', "'enabled' must be a bool"),
        ("{url_prefix: /extra}", "'import' is required"),
        ('{import: "extra_blueprints.blueprint"}', "must have the form 'module.path:attribute'"),
        ('{import: "extra_blueprints:blueprint", url_prefix: extra}', "must start with '/'"),
        ('"extra_blueprints:blueprint"', "expected a mapping"),
    ],
)
def test_malformed_entry_is_reported(blueprints_file: Path, entry: str, cause: str) -> None:
    message = expect_error(blueprints_file, f"blueprints:\n  - {entry}\n")
    assert "blueprints[0]" in message
    assert cause in message


@pytest.mark.parametrize(
    ("import_path", "cause"),
    [
        ("no_such_module:blueprint", "module 'no_such_module' not found"),
        ("extra_blueprints:missing", "has no attribute 'missing'"),
        ("extra_blueprints:not_a_blueprint", "int object is not a flask.Blueprint"),
    ],
)
def test_entry_that_cannot_be_imported_is_reported(
    blueprints_file: Path, import_path: str, cause: str
) -> None:
    message = expect_error(blueprints_file, f'blueprints:\n  - import: "{import_path}"\n')
    assert f"blueprints[0] ('{import_path}')" in message
    assert cause in message


def test_duplicate_blueprint_name_is_reported(blueprints_file: Path) -> None:
    message = expect_error(
        blueprints_file,
        """
        blueprints:
          - import: "extra_blueprints:blueprint"
            url_prefix: /one
          - import: "extra_blueprints:same_name"
            url_prefix: /two
        """,
    )
    assert "blueprints[1] ('extra_blueprints:same_name')" in message
    assert "name 'extra' is already used by blueprints[0]" in message


def test_duplicate_url_prefix_is_reported(blueprints_file: Path) -> None:
    message = expect_error(
        blueprints_file,
        """
        blueprints:
          - import: "extra_blueprints:blueprint"
            url_prefix: /extra
          - import: "extra_blueprints:same_name"
            url_prefix: /extra
        """,
    )
    assert "blueprints[1]" in message
    assert "url_prefix '/extra' is already used by blueprints[0]" in message
