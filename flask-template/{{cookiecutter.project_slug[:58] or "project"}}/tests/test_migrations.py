"""The migrations build the schema the models describe."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from {{ cookiecutter.project_slug }} import create_app
from {{ cookiecutter.project_slug }}.config import TestingConfig
from {{ cookiecutter.project_slug }}.extensions import db


def test_migrations_match_the_models_and_undo_cleanly(config: type[TestingConfig]) -> None:
    app = create_app(config)
    with app.app_context():
        upgrade()
        with db.engine.connect() as connection:
            differences = compare_metadata(MigrationContext.configure(connection), db.metadata)
        assert differences == []
        downgrade(revision="base")
        with db.engine.connect() as connection:
            assert not set(db.metadata.tables) & set(inspect(connection).get_table_names())
        db.engine.dispose()
