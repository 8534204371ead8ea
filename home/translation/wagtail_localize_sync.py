"""wagtail-localize's "Sync translated pages" may also publish every
language's translation at once, after checking only that the user may edit
the English source. This refuses the publishing part to a translator who may
not publish all of them.

Can go when wagtail-localize checks the publish right on each translation it
publishes.

Its view also offers earlier translations of changed strings (previous.py).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ObjectDoesNotExist
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from wagtail.models import DraftStateMixin, Page
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.models import TranslationSource
from wagtail_localize.views import update_translations as update_translations_views

from home.translation.guards import user_can_edit_translation
from home.translation.previous import previous_translations_offer


def _can_publish(user, instance) -> bool:
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_publish()
    if not user_can_edit_translation(user=user, instance=instance):
        return False
    if isinstance(instance, DraftStateMixin):
        return user.has_perm(get_permission_name("publish", type(instance)))
    return True


def update_translations(request, translation_source_id: int):
    """wagtail-localize's "Sync translated pages", which may also publish every
    language's translation at once; that part is refused to a translator who
    may not publish all of them (an Urdu translator, Hazaragi pages)."""
    publish = forms.BooleanField(required=False).clean(
        request.POST.get("publish_translations")
    )
    if request.method == "POST" and publish:
        source = get_object_or_404(TranslationSource, id=translation_source_id)
        for translation in source.translations.filter(enabled=True):
            try:
                target = translation.get_target_instance()
            except ObjectDoesNotExist:
                continue
            if not _can_publish(request.user, target):
                messages.error(
                    request,
                    _(
                        "You can publish translations only in your own languages. "
                        "Sync without publishing, then publish your translation "
                        "in the translation editor."
                    ),
                )
                return redirect(request.get_full_path())
    return UpdateTranslationsView.as_view()(
        request, translation_source_id=translation_source_id
    )


class UpdateTranslationsView(update_translations_views.UpdateTranslationsView):
    """Upstream's view; right after it takes in the English text, each changed
    string is offered its earlier translation (home.translation.previous),
    before any machine translation or publishing."""

    def form_valid(self, form):
        source = self.object
        update_from_db = source.update_from_db

        def update_and_offer_previous():
            update_from_db()
            previous_translations_offer(source=source)

        source.update_from_db = update_and_offer_previous
        return super().form_valid(form)
