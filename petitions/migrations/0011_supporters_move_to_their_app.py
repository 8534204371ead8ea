"""The supporter list, blocked email domains and the email outbox now belong
to the supporters app (its 0001): dropped from this app's state only, their
tables and rows stay. The export permission moved there too."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("petitions", "0010_pending_emails_about_any_object"),
        ("supporters", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="PendingEmail"),
                migrations.DeleteModel(name="Supporter"),
                migrations.DeleteModel(name="BlockedEmailDomain"),
            ],
        ),
        migrations.AlterModelOptions(
            name="signature",
            options={
                "verbose_name": "signature",
                "verbose_name_plural": "signatures",
            },
        ),
    ]
