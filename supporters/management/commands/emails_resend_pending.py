from django.core.management.base import BaseCommand

from supporters.emails import pending_emails_requeue


class Command(BaseCommand):
    help = (
        "Queue again the emails (to signers, supporters and staff) that are "
        "overdue: their task was lost (a worker killed mid-task, or tasks run "
        "at once while the mail server was down). Run it every few minutes "
        "next to petitions_reconcile (cron, or enqueue "
        "supporters.emails.pending_emails_requeue_task)."
    )

    def handle(self, *args, **options):
        count = pending_emails_requeue()
        self.stdout.write(f"{count} emails queued again")
