"""Logging: every record goes to standard output, where the platform collects it."""

from logging.config import dictConfig


def configure_logging(level: str) -> None:
    """Set up logging for the whole process; the one place that does."""
    dictConfig(
        {
            "version": 1,
            "disable_existing_loggers": False,
            "formatters": {
                "line": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
            },
            "handlers": {
                "stdout": {
                    "class": "logging.StreamHandler",
                    "stream": "ext://sys.stdout",
                    "formatter": "line",
                },
            },
            "root": {"level": level, "handlers": ["stdout"]},
            # Alembic, imported by the flask db commands, announces each of its plugins.
            "loggers": {"alembic.runtime.plugins": {"level": "WARNING"}},
        }
    )
