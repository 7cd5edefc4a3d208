import time

from django.core.management.base import BaseCommand

from intake.feeds import poll_feeds
from intake.models import Feed


class Command(BaseCommand):
    help = "Fetch every active feed and ingest its new items; one line per feed."

    def add_arguments(self, parser):
        parser.add_argument(
            "--every",
            type=int,
            metavar="MINUTES",
            help="Poll again every MINUTES minutes until stopped (without a task scheduler).",
        )

    def handle(self, *args, every=None, **options):
        while True:
            failed = self.poll_once()
            if not every:
                break
            time.sleep(every * 60)
        if failed:
            raise SystemExit(1)

    def poll_once(self) -> int:
        feeds = Feed.objects.filter(active=True).select_related("source")
        if not feeds:
            self.stdout.write("No active feeds: add one in the admin or the API.")
            return 0
        failed = 0
        for feed, summary in poll_feeds(feeds).items():
            failed += summary.startswith("error:")
            stream = self.stderr if summary.startswith("error:") else self.stdout
            stream.write(f"{feed.url}: {summary}")
        return failed
