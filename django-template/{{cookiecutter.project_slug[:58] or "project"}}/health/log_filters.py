"""Log filters for the probes."""

import logging

from .middleware import PROBES


class SkipProbeAnswers(logging.Filter):
    """Leaves out Django's line for a probe's error answer.

    A check that fails logs one line saying why (health.checks); "Service Unavailable: /readyz"
    after it, at every probe, says nothing more.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        return getattr(request, "path_info", None) not in PROBES
