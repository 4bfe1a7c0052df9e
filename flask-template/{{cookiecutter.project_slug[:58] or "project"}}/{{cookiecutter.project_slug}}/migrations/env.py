"""Alembic's environment: migrate the app's database to match its models.

Flask-Migrate runs this inside the app context, so the database URL and the
models' metadata come from the app.
"""

import logging
from typing import Any

from alembic import context
from flask import current_app
from sqlalchemy import MetaData

logger = logging.getLogger("alembic.env")


def target_metadata() -> MetaData:
    metadata: MetaData = current_app.extensions["migrate"].db.metadata
    return metadata


def configure_args() -> dict[str, Any]:
    """Flask-Migrate's options: compare column types, and alter SQLite tables in batches."""
    args: dict[str, Any] = current_app.extensions["migrate"].configure_args
    return {"process_revision_directives": skip_empty_revision, **args}


def skip_empty_revision(context: Any, revision: Any, directives: list[Any]) -> None:
    """Write no revision file when ``flask db migrate`` finds no change to the models."""
    autogenerate = getattr(context.config.cmd_opts, "autogenerate", False)
    if autogenerate and directives[0].upgrade_ops.is_empty():
        directives[:] = []
        logger.info("No changes in the models; no revision written.")


def run_migrations_offline() -> None:
    """Write the SQL to standard output instead of running it (``flask db upgrade --sql``)."""
    context.configure(
        url=current_app.config["SQLALCHEMY_DATABASE_URI"],
        target_metadata=target_metadata(),
        literal_binds=True,
        **configure_args(),
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    with current_app.extensions["migrate"].db.engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata(),
            **configure_args(),
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
