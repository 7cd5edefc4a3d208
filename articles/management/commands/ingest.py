from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.services import IngestError, collect_files, ingest_file, load_manifest


class Command(BaseCommand):
    help = "Ingest article files (plain text or HTML) and folders of them."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path)

    def handle(self, *args, paths, **options):
        files = collect_files(paths)
        if not files:
            raise CommandError("No text or HTML files found in " + ", ".join(map(str, paths)))
        counts = {"new": 0, "unchanged": 0, "failed": 0}
        manifests: dict[Path, dict] = {}
        for number, path in enumerate(files, start=1):
            prefix = f"[{number}/{len(files)}] {path.name}"
            try:
                if path.parent not in manifests:
                    manifests[path.parent] = load_manifest(path.parent)
                result = ingest_file(path, manifests[path.parent].get(path.name))
            except IngestError as error:
                counts["failed"] += 1
                self.stderr.write(f"{prefix}: error: {error}")
                continue
            article = result.article
            outcome = "new" if result.created else "unchanged"
            counts[outcome] += 1
            self.stdout.write(
                f"{prefix}: {outcome}, event “{article.event}”, "
                f"{article.appearances.count()} claims, source {article.source_label}"
            )
        self.stdout.write(
            f"Done: {counts['new']} new, {counts['unchanged']} unchanged, "
            f"{counts['failed']} failed."
        )
        if counts["failed"]:
            raise SystemExit(1)
