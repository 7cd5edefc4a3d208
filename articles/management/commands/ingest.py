import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from articles.services import IngestError, collect_files, load_manifest
from claims.pipeline import ingest_file
from languages import is_supported


def is_address(argument: str) -> bool:
    """Taken as a web address to fetch rather than a file: anything with a scheme."""
    return "://" in argument


class Command(BaseCommand):
    help = (
        "Ingest articles: files (plain text or HTML), folders of them, and web addresses "
        "(http:// or https://), which are fetched."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", help="files, folders and URLs")
        parser.add_argument(
            "--progress",
            action="store_true",
            help="Show a progress bar with the rate and an estimated end (shown anyway "
            "when the error stream is a terminal and there is more than one article).",
        )

    def handle(self, *args, paths, progress=False, **options):
        items: list[Path | str] = []
        folders = [Path(p) for p in paths if not is_address(p)]
        for argument in paths:
            if is_address(argument):
                items.append(argument)
            else:
                items.extend(collect_files([Path(argument)]))
        if not items:
            raise CommandError("No text or HTML files found in " + ", ".join(map(str, folders)))
        counts = {"new": 0, "unchanged": 0, "failed": 0}
        manifests: dict[Path, dict] = {}
        show = progress or (len(items) > 1 and sys.stderr.isatty())
        bar = tqdm(total=len(items), unit="article", file=self.stderr, disable=not show)
        for number, item in enumerate(items, start=1):
            name = item if isinstance(item, str) else item.name
            prefix = f"[{number}/{len(items)}] {name}"
            try:
                outcome, article = self.ingest_one(item, manifests)
            except IngestError as error:
                counts["failed"] += 1
                self.say(bar, f"{prefix}: error: {error}", error=True)
                continue
            except Exception as error:  # one bad file never stops the batch
                # Its transaction was rolled back; say why and go on with the next file.
                counts["failed"] += 1
                reason = " ".join(str(error).split()) or "no message"
                self.say(bar, f"{prefix}: error: unexpected {type(error).__name__}: {reason}", True)
                continue
            finally:
                bar.update(1)
            counts["new" if outcome == "new" else "unchanged"] += 1
            unsupported = (
                ""
                if is_supported(article.language)
                else f" (language {article.language} is not one the desk reads claims in)"
            )
            self.say(
                bar,
                f"{prefix}: {outcome}, event “{article.event}”, "
                f"{article.appearances.count()} claims{unsupported}, "
                f"source {article.source_label}",
            )
        bar.close()
        self.stdout.write(
            f"Done: {counts['new']} new, {counts['unchanged']} unchanged, "
            f"{counts['failed']} failed."
        )
        if counts["failed"]:
            raise SystemExit(1)

    def ingest_one(self, item, manifests):
        if isinstance(item, str):
            from intake.services import ingest_url

            result = ingest_url(url=item, trusted=True)  # the operator: like an editor
            return result.outcome, result.article
        if item.parent not in manifests:
            manifests[item.parent] = load_manifest(item.parent)
        result = ingest_file(item, manifests[item.parent].get(item.name), trusted=True)
        return ("new" if result.created else "unchanged"), result.article

    def say(self, bar, line: str, error: bool = False):
        stream = self.stderr if error else self.stdout
        if bar.disable:
            stream.write(line)
        else:
            bar.clear()
            stream.write(line)
            bar.refresh()
