from django.db import migrations


def set_up_translation(apps, schema_editor):
    # The same functions site_tree_ensure() runs; page rights on each
    # language's home page follow once those pages exist.
    from home.translation.services import locale_sync_ensure, translator_groups_ensure

    translator_groups_ensure(apps=apps)
    locale_sync_ensure(apps=apps, synchronize=False)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_locales"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(set_up_translation, migrations.RunPython.noop)]
