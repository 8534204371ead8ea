"""The supporter list, blocked email domains and the email outbox, moved
from the petitions app with their tables (`db_table` keeps their names), so
this creates them in Django's state only: their tables were made by
petitions' migrations, which run first (petitions 0010 `run_before`).

The content types move with them, so Wagtail's log entries and the
permissions given to groups stay; the export permission, which was
petitions' "export_signatures", becomes this app's "export_personal_data"
with the groups that had it."""

import django.utils.timezone
from django.db import migrations, models

MODELS = ("supporter", "pendingemail", "blockedemaildomain")


def move_content_types(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    db = schema_editor.connection.alias
    types = ContentType.objects.using(db)
    for model in MODELS:
        if not types.filter(app_label="supporters", model=model).exists():
            types.filter(app_label="petitions", model=model).update(
                app_label="supporters"
            )
    supporter = types.filter(app_label="supporters", model="supporter").first()
    if supporter is None:
        # A new database: post_migrate creates the permission.
        return
    permissions = Permission.objects.using(db)
    if not permissions.filter(
        content_type=supporter, codename="export_personal_data"
    ).exists():
        permissions.filter(
            content_type__app_label="petitions",
            content_type__model="signature",
            codename="export_signatures",
        ).update(content_type=supporter, codename="export_personal_data")


def move_content_types_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    db = schema_editor.connection.alias
    signature = (
        ContentType.objects.using(db)
        .filter(app_label="petitions", model="signature")
        .first()
    )
    if signature is not None:
        Permission.objects.using(db).filter(
            content_type__app_label="supporters", codename="export_personal_data"
        ).update(content_type=signature, codename="export_signatures")
    ContentType.objects.using(db).filter(
        app_label="supporters", model__in=MODELS
    ).update(app_label="petitions")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name="BlockedEmailDomain",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "domain",
                            models.CharField(
                                help_text="e.g. mailinator.com. Its subdomains are blocked too. Signatures from it are kept as suspect and get no email; the signer sees the usual page.",
                                max_length=253,
                                unique=True,
                                verbose_name="domain",
                            ),
                        ),
                        (
                            "note",
                            models.CharField(
                                blank=True,
                                help_text="Why it is blocked, for the rest of the team.",
                                max_length=255,
                                verbose_name="note",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                auto_now_add=True, verbose_name="added"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "blocked email domain",
                        "verbose_name_plural": "blocked email domains",
                        "db_table": "petitions_blockedemaildomain",
                        "ordering": ["domain"],
                    },
                ),
                migrations.CreateModel(
                    name="PendingEmail",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                help_text="Which email: the confirmation link or “already signed”.",
                                max_length=40,
                                verbose_name="kind of email",
                            ),
                        ),
                        (
                            "object_id",
                            models.PositiveBigIntegerField(
                                help_text="The id of the signature, supporter or submission.",
                                verbose_name="about",
                            ),
                        ),
                        (
                            "base_url",
                            models.CharField(
                                blank=True,
                                help_text="The address the signer used, for the links in the email.",
                                max_length=200,
                                verbose_name="site address",
                            ),
                        ),
                        (
                            "attempts",
                            models.PositiveSmallIntegerField(
                                default=0,
                                help_text="How many times sending has failed so far.",
                                verbose_name="failed attempts",
                            ),
                        ),
                        (
                            "due_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now,
                                help_text="Sending is tried again from this moment.",
                                verbose_name="next attempt",
                            ),
                        ),
                        (
                            "locked_until",
                            models.DateTimeField(
                                blank=True,
                                help_text="A worker is sending it; others leave it alone until then.",
                                null=True,
                                verbose_name="being sent until",
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                auto_now_add=True, verbose_name="queued at"
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "pending email",
                        "verbose_name_plural": "pending emails",
                        "db_table": "petitions_pendingemail",
                        "indexes": [
                            models.Index(
                                fields=["due_at"], name="petitions_pending_due"
                            ),
                            models.Index(
                                fields=["kind", "object_id"],
                                name="supporters_pending_about",
                            ),
                        ],
                    },
                ),
                migrations.CreateModel(
                    name="Supporter",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "email",
                            models.EmailField(max_length=254, verbose_name="email"),
                        ),
                        (
                            "email_canonical",
                            models.CharField(
                                help_text="Lower case, without +tags, and for Gmail without dots.",
                                max_length=254,
                                unique=True,
                                verbose_name="canonical email",
                            ),
                        ),
                        (
                            "name",
                            models.CharField(
                                blank=True, max_length=200, verbose_name="name"
                            ),
                        ),
                        (
                            "language",
                            models.CharField(
                                help_text="The language the supporter joined in; emails use it.",
                                max_length=10,
                                verbose_name="language",
                            ),
                        ),
                        (
                            "state",
                            models.CharField(
                                choices=[
                                    ("pending", "waiting for confirmation"),
                                    ("subscribed", "subscribed"),
                                    ("unsubscribed", "unsubscribed"),
                                ],
                                default="pending",
                                max_length=12,
                                verbose_name="state",
                            ),
                        ),
                        (
                            "source",
                            models.CharField(
                                choices=[
                                    ("petition", "petition"),
                                    ("form", "form"),
                                    ("signup", "sign-up page"),
                                ],
                                max_length=10,
                                verbose_name="joined from",
                            ),
                        ),
                        (
                            "source_detail",
                            models.CharField(
                                blank=True,
                                help_text="The petition or form the supporter joined from.",
                                max_length=255,
                                verbose_name="joined on",
                            ),
                        ),
                        (
                            "consent_text",
                            models.TextField(
                                blank=True,
                                help_text="The words the supporter agreed to, as shown to them.",
                                verbose_name="consent wording",
                            ),
                        ),
                        (
                            "consent_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="consent given at"
                            ),
                        ),
                        (
                            "confirmed_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="confirmed at"
                            ),
                        ),
                        (
                            "unsubscribed_at",
                            models.DateTimeField(
                                blank=True, null=True, verbose_name="unsubscribed at"
                            ),
                        ),
                        (
                            "emails_sent",
                            models.PositiveSmallIntegerField(
                                default=0, verbose_name="emails sent"
                            ),
                        ),
                        (
                            "created_at",
                            models.DateTimeField(
                                default=django.utils.timezone.now,
                                verbose_name="joined at",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "supporter",
                        "verbose_name_plural": "supporter list",
                        "db_table": "petitions_supporter",
                        "permissions": [
                            (
                                "export_personal_data",
                                "Can export signatures and the supporter list",
                            )
                        ],
                        "indexes": [
                            models.Index(
                                fields=["language", "state"],
                                name="petitions_supporter_by_lang",
                            )
                        ],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
