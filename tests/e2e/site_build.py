"""Run by `manage.py shell` (one process, to start Django once) on a copy of
the migrated database (tests/migrated_database.py) that the browser tests'
databases are then copied from (site_server.py): any migration the copy
lacks, the demo site, then the editor's and translator's accounts, and
confirmed signatures that fill part of the demo petition's progress bar (so
its direction can be seen)."""

import json
import os
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone

from petitions.models import Petition, PetitionPage, Signature
from petitions.services.signatures import petitions_reconcile_all

SIGNATURES_BY_LANGUAGE = {"en": 1150, "ur": 830, "haz": 520}


def accounts_ensure(accounts: dict) -> None:
    for username, (password, role) in accounts.items():
        user = get_user_model().objects.create_user(
            username=username, email=f"{username}@example.org", password=password
        )
        if role == "superuser":
            user.is_staff = user.is_superuser = True
            user.save()
        else:
            user.groups.set([Group.objects.get(name=role)])


def signatures_seed() -> None:
    page = PetitionPage.objects.filter(locale__language_code="en").get(slug="petition")
    petition = Petition.objects.get(translation_key=page.translation_key)
    signed = timezone.now() - timedelta(days=3)
    Signature.objects.bulk_create(
        [
            Signature(
                petition=petition,
                name=f"Supporter {language} {number}",
                name_key=f"supporter {language} {number}",
                email=f"supporter-{language}-{number}@example.org",
                email_canonical=f"supporter-{language}-{number}@example.org",
                country="PK",
                language=language,
                state=Signature.State.CONFIRMED,
                created_at=signed,
                confirmed_at=signed,
            )
            for language, count in SIGNATURES_BY_LANGUAGE.items()
            for number in range(count)
        ],
        batch_size=500,
    )
    petitions_reconcile_all()


call_command("migrate", interactive=False, verbosity=0)
call_command("demo", verbosity=0)
accounts_ensure(json.loads(os.environ["E2E_ACCOUNTS"]))
signatures_seed()
