import threading

from django.conf import settings
from django.db import connection
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker

from intake.services import requeue_abandoned


class Command(DatabaseWorker):
    help = (
        "The database queue's worker (django-tasks-db's db_worker, same options) that also "
        "queues again the intake jobs of workers that died: at once for a process of this "
        "machine that is gone, after FACTDESK_INTAKE_STALE_SECONDS for any other."
    )

    def handle(self, *args, **options):
        sweeper = threading.Thread(target=self._sweep_forever, daemon=True, name="sweeper")
        sweeper.start()
        return super().handle(*args, **options)

    def _sweep_forever(self):
        every = max(1.0, min(30.0, settings.FACTDESK_INTAKE_STALE_SECONDS / 3))
        stop = threading.Event()
        while not stop.is_set():
            try:
                requeue_abandoned()
            except Exception:  # a busy or restarting database: try at the next sweep
                self.stderr.write("Could not look for abandoned intake jobs; trying again.")
            finally:
                connection.close()  # this thread's own connection, not the worker's
            stop.wait(every)
