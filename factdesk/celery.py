"""Celery, for running the desk's background tasks on many workers and machines.

Used when CELERY_BROKER_URL is set (settings.TASKS then names intake.celery_backend);
start workers with `celery -A factdesk worker`. Without it the database backend's
`manage.py intake_worker` does the same work with no extra service.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "factdesk.settings")

app = Celery("factdesk")
app.config_from_object("django.conf:settings", namespace="CELERY")


@app.task(name="factdesk.run_task")
def run_task(module_path: str, args: list, kwargs: dict):
    from intake.celery_backend import run_task as run

    return run(module_path, args, kwargs)
