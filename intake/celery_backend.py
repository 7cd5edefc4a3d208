"""A django-tasks backend that hands tasks to Celery, for running on many machines.

The tasks are the same django-tasks Task objects; Celery only carries "run this task with
these arguments" to a worker (`celery -A factdesk worker`). django-tasks-celery does this
too but needs Python 3.12, and the desk supports 3.11. Results live on the desk's own
IntakeJob rows, so no Celery result backend is needed.
"""

from django.utils import timezone
from django.utils.module_loading import import_string
from django_tasks import TaskResult, TaskResultStatus
from django_tasks.backends.base import BaseTaskBackend
from django_tasks.signals import task_enqueued
from django_tasks.utils import normalize_json

CELERY_TASK_NAME = "factdesk.run_task"


class CeleryBackend(BaseTaskBackend):
    supports_defer = False
    supports_get_result = False

    def enqueue(self, task, args, kwargs):
        from factdesk.celery import app

        self.validate_task(task)
        args, kwargs = normalize_json(list(args)), normalize_json(dict(kwargs))
        sent = app.send_task(
            CELERY_TASK_NAME, args=[task.module_path, args, kwargs], queue=task.queue_name
        )
        result = TaskResult(
            task=task,
            id=sent.id,
            status=TaskResultStatus.READY,
            enqueued_at=timezone.now(),
            started_at=None,
            finished_at=None,
            last_attempted_at=None,
            args=args,
            kwargs=kwargs,
            backend=self.alias,
            errors=[],
            worker_ids=[],
        )
        task_enqueued.send(type(self), task_result=result)
        return result


def run_task(module_path: str, args: list, kwargs: dict):
    """What a Celery worker runs: the django-tasks task named by module_path."""
    return import_string(module_path).call(*args, **kwargs)
