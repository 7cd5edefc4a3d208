"""Load a desk written by export_desk into an empty database."""

import json

from django.core.management.base import BaseCommand, CommandError

from claims.export import DeskImportError, desk_import


class Command(BaseCommand):
    help = "Load a desk export (export_desk) into an empty database; nothing on error."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, path, **options):
        try:
            with open(path, encoding="utf-8") as source:
                data = json.load(source)
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
            raise CommandError(f"{path}: cannot read it as JSON ({error}).") from error
        try:
            count = desk_import(data)
        except DeskImportError as error:
            raise CommandError(f"{path}: {error} Nothing was imported.") from error
        self.stdout.write(f"Imported {count} records from {path}.")
