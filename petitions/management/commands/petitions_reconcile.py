from django.core.management.base import BaseCommand, CommandError

from petitions.models import Petition
from petitions.services.signatures import petition_reconcile, petitions_reconcile_all


class Command(BaseCommand):
    help = (
        "Make every petition's count exact from its confirmed signatures. Run it "
        "every few minutes (cron, or enqueue petitions.tasks.petitions_reconcile_task)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--petition", type=int, help="Reconcile only the petition with this id."
        )

    def handle(self, *args, petition=None, **options):
        if petition is not None:
            try:
                counts = {
                    petition: petition_reconcile(
                        petition=Petition.objects.get(pk=petition)
                    )
                }
            except Petition.DoesNotExist as error:
                raise CommandError(f"No petition with id {petition}.") from error
        else:
            counts = petitions_reconcile_all()
        for pk, count in counts.items():
            self.stdout.write(f"petition {pk}: {count} confirmed")
