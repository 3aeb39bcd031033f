"""The WSGI entry point (`houbei serve`, or any WSGI server pointed at houbei.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "houbei.settings")

from houbei.lib.datadir import prepare  # noqa: E402 - needs DJANGO_SETTINGS_MODULE set first

prepare()
application = get_wsgi_application()
