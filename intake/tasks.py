"""The background tasks, through the django-tasks interface: the same code on the
database backend (the embedded default) and on Celery."""

from django_tasks import task

from . import services


@task()
def run_intake_job(job_id: int) -> str:
    return services.run_job(job_id)


@task()
def poll_feeds() -> int:
    """The periodic feed poll: one job per active feed, so feeds poll in parallel."""
    from .models import Feed, IntakeJob

    feeds = Feed.objects.filter(active=True)
    for feed in feeds:
        services.submit(kind=IntakeJob.Kind.FEED, feed=feed)
    return feeds.count()
