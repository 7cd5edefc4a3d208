import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand

from claims.models import Claim, Event
from claims.services import review_claim, set_event_published

DEMO_USERNAME = "editor"
DEMO_PASSWORD = "factdesk-demo"
# A reserved domain: the console mail backend shows the assignment notices it would get.
DEMO_EMAIL = "editor@example.com"
DEMO_DECISIONS = Path(settings.BASE_DIR) / "seeds" / "demo_decisions.json"


class Command(BaseCommand):
    help = (
        "Load the demo desk: ingest seeds/, create the demo editor account, publish the "
        "seed events and record the demo decisions of seeds/demo_decisions.json."
    )

    def handle(self, *args, **options):
        call_command("ingest", str(settings.BASE_DIR / "seeds"), stdout=self.stdout)
        User = get_user_model()
        editor, created = User.objects.get_or_create(
            username=DEMO_USERNAME, defaults={"is_staff": True, "email": DEMO_EMAIL}
        )
        if created:
            editor.set_password(DEMO_PASSWORD)
            editor.save()
            editor.groups.add(Group.objects.get(name="editor"))
        self.load_demo_decisions(User.objects.get(pk=editor.pk))  # fresh permission cache
        self.stdout.write(
            f"Demo editor: username “{DEMO_USERNAME}”, password “{DEMO_PASSWORD}” "
            "(sign in at /admin/). For the demo only: never run this on a public server."
        )

    def load_demo_decisions(self, editor) -> None:
        """Publish the seed events and decide a few claims, through the editorial services.

        A claim that already has a decision is left alone: running this twice, or after
        an editor has worked on the demo, changes nothing.
        """
        demo = json.loads(DEMO_DECISIONS.read_text(encoding="utf-8"))
        for slug in demo["publish"]:
            event = Event.objects.filter(slug=slug).first()
            if event is None:
                self.stderr.write(f"Demo: no event “{slug}” to publish.")
            elif not event.is_published:
                set_event_published(event=event, editor=editor, published=True)
        decided = 0
        for decision in demo["decisions"]:
            claim = (
                Claim.objects.active()
                .filter(
                    appearances__article__file_name__startswith=decision["article"],
                    appearances__quote__contains=decision["quote_contains"],
                )
                .first()
            )
            if claim is None:
                self.stderr.write(f"Demo: no claim quoting “{decision['quote_contains']}”.")
            elif not claim.reviews.exists():
                review_claim(
                    claim=claim,
                    editor=editor,
                    status=decision["status"],
                    rationale=decision["rationale"],
                    rating=decision.get("rating", ""),
                    variant_decisions=_value_decisions(claim, decision.get("variants", {})),
                )
                decided += 1
        self.stdout.write(f"Demo decisions: {decided} recorded (labelled [Demo] on the site).")


def _value_decisions(claim, chosen: dict[str, str]) -> list[dict]:
    """The demo file names values only; the claim's variants say of which kind each is."""
    return [
        {"kind": variant["kind"], "value": value, "status": chosen[value]}
        for variant in claim.variants
        for value in variant["values"]
        if value in chosen
    ]
