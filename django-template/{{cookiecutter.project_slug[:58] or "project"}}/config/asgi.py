"""The ASGI application, for an ASGI server such as uvicorn or daphne.

Servers run this entry point, so it defaults to the production settings;
DJANGO_SETTINGS_MODULE, when set, names others.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_asgi_application()
