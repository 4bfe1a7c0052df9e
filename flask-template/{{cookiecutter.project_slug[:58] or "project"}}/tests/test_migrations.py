"""The migrations build the schema the models describe, and only the flask command loads them."""

import os
import subprocess
import sys

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from click.testing import CliRunner
from flask.cli import cli
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from {{ cookiecutter.project_slug }} import create_app
from {{ cookiecutter.project_slug }}.config import CONFIG_VARIABLE, TestingConfig
from {{ cookiecutter.project_slug }}.extensions import db, init_migrations

# Imports the module its argument names, and prints the migrations' libraries that came with it.
MIGRATION_LIBRARIES_IMPORTED = (
    "import importlib, sys; importlib.import_module(sys.argv[1]); "
    "print(sorted({'alembic', 'flask_migrate'} & set(sys.modules)))"
)


def test_migrations_match_the_models_and_undo_cleanly(config: type[TestingConfig]) -> None:
    app = create_app(config)
    init_migrations(app)
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        assert differences == []
        downgrade(revision="base")
        with db.engine.connect() as connection:
            assert not set(db.metadata.tables) & set(inspect(connection).get_table_names())
        db.engine.dispose()


def test_the_flask_command_has_the_db_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CONFIG_VARIABLE, "testing")
    # The command would load the project's .env into this process, for the tests after this one.
    monkeypatch.setenv("FLASK_SKIP_DOTENV", "1")
    result = CliRunner().invoke(cli, ["--app", create_app.__module__, "db", "--help"])
    assert result.exit_code == 0, result.output
    assert "upgrade" in result.output


def test_servers_do_not_import_alembic() -> None:
    environment = {**os.environ, CONFIG_VARIABLE: "testing"}
    argv = [sys.executable, "-c", MIGRATION_LIBRARIES_IMPORTED, f"{create_app.__module__}.wsgi"]
    result = subprocess.run(argv, env=environment, capture_output=True, text=True, check=True)
    assert result.stdout.split() == ["[]"], "the web process imports the migrations' libraries"
