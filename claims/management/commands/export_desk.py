"""Write the whole desk (outlets, events, articles, claims, decisions, audit) as JSON."""

import json
import sys

from django.core.management.base import BaseCommand

from claims.export import ExactJSONEncoder, desk_export


class Command(BaseCommand):
    help = "Write the desk as JSON (to a file, or standard output); import_desk reads it."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="file to write; standard output if none")

    def handle(self, *args, path=None, **options):
        text = json.dumps(desk_export(), cls=ExactJSONEncoder, ensure_ascii=False)
        if path:
            with open(path, "w", encoding="utf-8") as out:
                out.write(text)
        else:
            sys.stdout.write(text)
