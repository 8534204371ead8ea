from django.core.management.base import BaseCommand

from home.site_setup import site_tree_ensure


class Command(BaseCommand):
    help = "Create the locales, the home page of each language and the default Site."

    def handle(self, *args, **options):
        home = site_tree_ensure()
        self.stdout.write(f"Site tree ready; English home page id {home.pk}.")
