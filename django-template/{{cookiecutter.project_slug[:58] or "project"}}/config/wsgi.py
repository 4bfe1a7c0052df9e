"""The WSGI application that gunicorn serves.

Servers run this entry point, so it defaults to the production settings;
DJANGO_SETTINGS_MODULE, when set, names others.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")

application = get_wsgi_application()
