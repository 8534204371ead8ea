"""Petition reports: counts per language, per state and per day."""

from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from home.formatting import date_format, deadline_day, time_zone_display
from petitions.models import Petition, Signature
from petitions.selectors import (
    petition_report,
    petitions_counts,
)
from supporters.admin_views.base import (
    PermissionMenuViewSet,
    StaffView,
    language_names,
)

REPORT_PERMISSIONS = ("petitions.view_signature",)


class PetitionReportIndexView(StaffView, TemplateView):
    permissions = REPORT_PERMISSIONS
    page_title = _("Petition reports")
    header_icon = "doc-full"
    template_name = "petitions/admin/report_index.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = petitions_counts(limit=None)
        context["languages"] = language_names()
        return context


class PetitionReportView(StaffView, TemplateView):
    permissions = REPORT_PERMISSIONS
    header_icon = "doc-full"
    template_name = "petitions/admin/report.html"

    @cached_property
    def petition(self):
        return get_object_or_404(Petition, pk=self.kwargs["pk"])

    def get_page_title(self):
        return str(self.petition)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("petition_reports:index"),
                "label": _("Petition reports"),
            },
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        report = petition_report(petition=self.petition)
        names = language_names()
        state_labels = dict(Signature.State.choices)
        deadline = self.petition.deadline
        language = get_language()
        context.update(
            deadline=(
                date_format(deadline_day(deadline), language=language),
                time_zone_display(language=language, at=deadline),
            )
            if deadline
            else None,
            report=report,
            states=[(state, state_labels[state]) for state in report.states],
            by_language=[
                (names.get(code, code), [counts[state] for state in report.states])
                for code, counts in report.by_language
            ],
            totals=[report.totals[state] for state in report.states],
            signatures_url=reverse("signatures:index")
            + f"?petition={self.petition.pk}",
        )
        return context


class PetitionReportViewSet(PermissionMenuViewSet):
    name = "petition_reports"
    icon = "doc-full"
    menu_label = _("Petition reports")
    permissions = REPORT_PERMISSIONS

    def get_urlpatterns(self):
        return [
            path("", PetitionReportIndexView.as_view(), name="index"),
            path("<int:pk>/", PetitionReportView.as_view(), name="report"),
        ]


# Bulk invalidation
