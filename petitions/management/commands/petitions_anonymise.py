from django.conf import settings
from django.core.management.base import BaseCommand

from petitions.services.staff import (
    signatures_anonymise_due,
    supporters_forget_unconfirmed,
)


class Command(BaseCommand):
    help = (
        "Erase names, email addresses and cities from the signatures of "
        "petitions closed PETITIONS_ANONYMISE_AFTER_DAYS days ago or more "
        "(counts stay), and drop sign-ups whose confirmation link expired. "
        "Run it daily (cron, or enqueue petitions.tasks.petitions_anonymise_task)."
    )

    def handle(self, *args, **options):
        anonymised = signatures_anonymise_due()
        for pk, count in anonymised.items():
            self.stdout.write(f"petition {pk}: {count} signatures anonymised")
        if not anonymised:
            self.stdout.write(
                "No signatures to anonymise (petitions closed "
                f"{settings.PETITIONS_ANONYMISE_AFTER_DAYS} days ago or more)."
            )
        dropped = supporters_forget_unconfirmed()
        self.stdout.write(f"{dropped} unconfirmed sign-ups dropped")
