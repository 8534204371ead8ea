"""The supporter list: filters, search, counts per language, exports."""

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from home.site_address import public_url
from supporters.admin_views.base import (
    EXPORT_PERMISSION,
    export_filters_of,
    export_format_of,
    language_names,
    listing_query,
)
from supporters.audit import export_record
from supporters.exports import export_response, supporters_export
from supporters.models import Supporter
from supporters.selectors import people_search, supporters_by_language


class SupporterFilterSet(WagtailFilterSet):
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        empty_label=_("All"),
    )
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=Supporter.State.choices,
        widget=forms.RadioSelect,
        empty_label=_("All"),
    )
    source = django_filters.ChoiceFilter(
        label=_("Joined from"),
        choices=Supporter.Source.choices,
        widget=forms.RadioSelect,
        empty_label=_("All"),
    )

    class Meta:
        model = Supporter
        fields = ["language", "state", "source"]


class SupporterIndexView(IndexView):
    results_template_name = "supporters/admin/supporter_index_results.html"

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return people_search(queryset, self.search_query)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        names = language_names()
        states = Supporter.State
        context["listing_query"] = listing_query(self.request)
        context["can_export"] = self.request.user.has_perm(EXPORT_PERMISSION)
        context["state_labels"] = states.labels
        context["by_language"] = [
            (names.get(code, code), [counts[state] for state in states.values])
            for code, counts in supporters_by_language()
        ]
        return context


class SupporterViewSet(ModelViewSet):
    """The supporter list per language; entries come only from their owners
    (sign-ups, signatures, unsubscribing), never from staff."""

    model = Supporter
    icon = "group"
    menu_label = _("Supporter list")
    index_view_class = SupporterIndexView
    filterset_class = SupporterFilterSet
    search_fields = ["email", "name"]
    list_per_page = 50
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    list_display = [
        "email",
        "name",
        "language",
        "state",
        "source",
        "confirmed_at",
    ]
    inspect_view_fields = [
        "email",
        "name",
        "language",
        "state",
        "source",
        "source_detail",
        "consent_text",
        "consent_at",
        "confirmed_at",
        "unsubscribed_at",
        "created_at",
    ]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            add_url_name=None,
            edit_url_name=None,
            delete_url_name=None,
            history_url_name=None,
            usage_url_name=None,
            **kwargs,
        )

    def export_view(self, request):
        """Only subscribed addresses are ever exported, so that a mailing
        cannot reach anyone who has not confirmed or has unsubscribed."""
        if not request.user.has_perm(EXPORT_PERMISSION):
            raise PermissionDenied
        file_format = export_format_of(request)
        filterset = SupporterFilterSet(
            request.GET, queryset=Supporter.objects.all(), request=request
        )
        queryset = filterset.qs if filterset.is_valid() else Supporter.objects.none()
        queryset = people_search(queryset, request.GET.get("q", "")).filter(
            state=Supporter.State.SUBSCRIBED
        )
        export_record(
            user=request.user,
            model=Supporter,
            file_format=file_format,
            rows=queryset.count(),
            filters=export_filters_of(request),
        )
        return export_response(
            export=supporters_export(queryset=queryset, base_url=public_url()),
            file_format=file_format,
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("export/", self.export_view, name="export"),
        ]


# Views of our own: permission checked, in the admin's furniture.
