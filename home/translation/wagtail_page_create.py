"""Wagtail's "add page" view saves the new page, then runs the
after_create_page hooks, where wagtail-localize makes the page's copies
(aliases) in the languages that sync from English, each statement committed
on its own. A database error between them left an English draft with one
language's copy and not the other's, a form that still said "New" (so saving
again failed with "slug already in use"), and everything typed lost.

This view runs the save, the copies and the other hooks in one transaction,
and on a database error shows the form again as typed, with an admin message:
nothing is stored, and saving again works. It answers the same URL as
Wagtail's view (site/urls.py puts it first).

Can go when Wagtail's page create view is atomic (it is not as of 8.0).
"""

import logging

from django.contrib import messages
from django.db import DatabaseError, transaction
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from wagtail.admin.auth import require_admin_access
from wagtail.admin.views.pages import create
from wagtail.models import PageSubscription

logger = logging.getLogger(__name__)


class CreateView(create.CreateView):
    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except DatabaseError:
            logger.exception("Page not created: database error")
            return self._not_saved()

    def _not_saved(self):
        message = _(
            "The page could not be saved: the database did not answer. Nothing "
            "was stored; your text is still here. Try saving again."
        )
        if self.expects_json_response:
            return self.json_error_response("database_error", message)
        # The page object went through a save that was rolled back: start
        # again from a new one holding what the editor sent.
        self.page = self.page_class(owner=self.request.user)
        self.page.locale = self.locale
        self.subscription = PageSubscription(
            page=self.page, user=self.request.user, comment_notifications=True
        )
        self.form = self.form_class(
            self.request.POST,
            self.request.FILES,
            instance=self.page,
            subscription=self.subscription,
            parent_page=self.parent_page,
            for_user=self.request.user,
        )
        messages.error(self.request, message)
        self.has_unsaved_changes = True
        return self.render_to_response(self.get_context_data())


urlpatterns = [
    path(
        "pages/add/<slug:content_type_app_name>/<slug:content_type_model_name>"
        "/<int:parent_page_id>/",
        require_admin_access(never_cache(CreateView.as_view())),
    ),
]
