"""Panels of the campaign page's editor."""

from django.urls import reverse
from wagtail.admin.panels import Panel


class ChildPagesPanel(Panel):
    """Says that a campaign's goals, petition, report and forms are pages of
    their own under it, with a button to add each kind: nothing in the
    campaign's own form hints at them otherwise."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "campaigns/admin/child_pages_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["saved"] = page.pk is not None
            context["add_buttons"] = (
                [
                    (
                        model._meta.verbose_name,
                        reverse(
                            "wagtailadmin_pages:add",
                            args=(
                                model._meta.app_label,
                                model._meta.model_name,
                                page.pk,
                            ),
                        ),
                    )
                    for model in (page.specific_class.allowed_subpage_models())
                ]
                if page.pk
                else []
            )
            if page.pk:
                context["children_url"] = reverse(
                    "wagtailadmin_explore", args=(page.pk,)
                )
            return context
