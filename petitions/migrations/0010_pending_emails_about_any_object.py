"""The outbox holds every kind of email (to signers, supporters and staff):
an email says which registered `kind` it is and `object_id` what it is
about, instead of a foreign key to a signature or a supporter. Waiting
emails are kept: their kind and id are copied from the old columns. Then the
supporter list, blocked domains and the outbox move to the supporters app
(its 0001 takes them over in Django's state, after this has run)."""

from django.db import migrations, models
from django.db.models import F


def copy_what_each_email_is_about(apps, schema_editor):
    PendingEmail = apps.get_model("petitions", "PendingEmail")
    db = schema_editor.connection.alias
    emails = PendingEmail.objects.using(db)
    emails.filter(supporter__isnull=False).update(object_id=F("supporter_id"))
    for kind in ("confirm", "already_signed"):
        emails.filter(signature__isnull=False, kind=kind).update(
            object_id=F("signature_id"), kind=f"signature_{kind}"
        )


def restore_foreign_keys(apps, schema_editor):
    PendingEmail = apps.get_model("petitions", "PendingEmail")
    Signature = apps.get_model("petitions", "Signature")
    Supporter = apps.get_model("petitions", "Supporter")
    db = schema_editor.connection.alias
    emails = PendingEmail.objects.using(db)
    # Emails about what is gone meanwhile would have been dropped unsent.
    emails.filter(kind__startswith="signature_").exclude(
        object_id__in=Signature.objects.using(db).values("pk")
    ).delete()
    emails.filter(kind="supporter_confirm").exclude(
        object_id__in=Supporter.objects.using(db).values("pk")
    ).delete()
    emails.filter(kind="supporter_confirm").update(supporter_id=F("object_id"))
    for kind in ("confirm", "already_signed"):
        emails.filter(kind=f"signature_{kind}").update(
            signature_id=F("object_id"), kind=kind
        )
    # Staff emails had no row before.
    emails.filter(signature__isnull=True, supporter__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0009_editor_labels_as_sentences"),
    ]
    run_before = [("supporters", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="pendingemail",
            name="object_id",
            field=models.PositiveBigIntegerField(null=True),
        ),
        migrations.AlterField(
            model_name="pendingemail",
            name="kind",
            field=models.CharField(
                help_text="Which email: the confirmation link or “already signed”.",
                max_length=40,
                verbose_name="kind of email",
            ),
        ),
        # Back: the foreign keys are filled before the constraint returns.
        migrations.RemoveConstraint(
            model_name="pendingemail",
            name="petitions_pending_email_for_one_person",
        ),
        migrations.RunPython(copy_what_each_email_is_about, restore_foreign_keys),
        migrations.RemoveField(model_name="pendingemail", name="signature"),
        migrations.RemoveField(model_name="pendingemail", name="supporter"),
        migrations.AlterField(
            model_name="pendingemail",
            name="object_id",
            field=models.PositiveBigIntegerField(
                help_text="The id of the signature, supporter or submission.",
                verbose_name="about",
            ),
        ),
        migrations.AlterField(
            model_name="pendingemail",
            name="base_url",
            field=models.CharField(
                blank=True,
                help_text="The address the signer used, for the links in the email.",
                max_length=200,
                verbose_name="site address",
            ),
        ),
        migrations.AddIndex(
            model_name="pendingemail",
            index=models.Index(
                fields=["kind", "object_id"], name="supporters_pending_about"
            ),
        ),
    ]
