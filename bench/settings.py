"""The portal's settings with the benchmark's URLconf (bench/urls.py).

Production URLs never carry the benchmark endpoints: only a server started with
``DJANGO_SETTINGS_MODULE=bench.settings`` (bench/deadline_rush.py does) has them.
"""

import os

from portal.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"

# The file backend (bench/deadline_rush.py counts the receipt mails it wrote).
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", "/tmp/bench-mail")
