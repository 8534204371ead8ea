from django.core.management.base import BaseCommand, CommandError

from home.demo.build import demo_site_ensure
from home.demo.ensure import DemoCatalogError


class Command(BaseCommand):
    help = (
        "Create or update the demo site in English, Urdu and Hazaragi. "
        "Safe to repeat: a second run changes nothing."
    )

    def handle(self, *args, **options):
        try:
            site = demo_site_ensure()
        except DemoCatalogError as error:
            raise CommandError(str(error)) from error
        if site.changes:
            self.stdout.write(f"Demo site updated ({len(site.changes)} changes).")
        else:
            self.stdout.write("Demo site already up to date.")
        self.stdout.write(f"English home page: /en/ (page id {site.home.pk}).")
