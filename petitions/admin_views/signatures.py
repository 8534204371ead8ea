"""The signatures list: filters, search, selection, one signature, exports."""

import django_filters
from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import path
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters.fields import DateRangeField, RangeField
from django_filters.widgets import SuffixedMultiWidget
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet

from petitions.admin_forms import ISO_DATE, DayField, DayInput
from petitions.exports import signatures_export
from petitions.models import Petition, Signature
from supporters.admin_views.base import (
    EXPORT_PERMISSION,
    export_filters_of,
    export_format_of,
    listing_query,
)
from supporters.audit import export_record
from supporters.exports import export_response
from supporters.selectors import people_search


class DayRangeField(DateRangeField):
    """Django-filter's day range with days written year-month-day only."""

    def __init__(self, *args, **kwargs):
        RangeField.__init__(
            self, (DayField(required=False), DayField(required=False)), *args, **kwargs
        )


class DayRangePickerWidget(DateRangePickerWidget):
    """Wagtail's pair of date pickers, leaving typed days for the form to
    judge (see DayInput)."""

    def __init__(self, attrs=None):
        SuffixedMultiWidget.__init__(
            self,
            (
                DayInput(format=ISO_DATE, attrs={"placeholder": _("From YYYY-MM-DD")}),
                DayInput(format=ISO_DATE, attrs={"placeholder": _("To YYYY-MM-DD")}),
            ),
            attrs,
        )


class DayRangeFilter(django_filters.DateFromToRangeFilter):
    field_class = DayRangeField


class SignatureFilterSet(WagtailFilterSet):
    petition = django_filters.ModelChoiceFilter(
        label=_("Petition"), queryset=Petition.objects.order_by("title")
    )
    language = django_filters.ChoiceFilter(
        label=_("Language"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        empty_label=_("All"),
    )
    state = django_filters.ChoiceFilter(
        label=_("State"),
        choices=Signature.State.choices,
        widget=forms.RadioSelect,
        empty_label=_("All"),
    )
    created_at = DayRangeFilter(
        label=_("Signed between"),
        widget=DayRangePickerWidget,
        help_text=_("Days as year-month-day (UTC), both included."),
    )

    class Meta:
        model = Signature
        fields = ["petition", "language", "state", "created_at"]


class SelectColumn(Column):
    """A checkbox per row, tied by its `form` attribute to the form under the
    listing that sends the chosen signatures to bulk invalidation."""

    cell_template_name = "petitions/admin/select_cell.html"

    def __init__(self):
        super().__init__("select", label=_("Choose"), accessor="pk")


class SignatureIndexView(IndexView):
    results_template_name = "petitions/admin/signature_index_results.html"

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("petition")

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return people_search(queryset, self.search_query)

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        user = self.request.user
        context["listing_query"] = listing_query(self.request)
        context["can_export"] = user.has_perm(EXPORT_PERMISSION)
        context["can_invalidate"] = user.has_perm("petitions.change_signature")
        return context


class SignatureViewSet(ModelViewSet):
    """Signatures can be looked at, searched, exported and invalidated, but
    never added or edited by hand."""

    model = Signature
    icon = "form"
    menu_label = _("Signatures")
    index_view_class = SignatureIndexView
    filterset_class = SignatureFilterSet
    search_fields = ["name", "email"]
    list_per_page = 50
    inspect_view_enabled = True
    copy_view_enabled = False
    add_to_reference_index = False
    inspect_view_fields = [
        "petition",
        "name",
        "email",
        "city",
        "country",
        "language",
        "state",
        "suspect_reason",
        "consent_to_updates",
        "consent_text",
        "consent_at",
        "created_at",
        "confirmed_at",
        "anonymised_at",
        "emails_sent",
    ]

    @cached_property
    def list_display(self):
        return [
            "name",
            "email",
            "petition",
            "language",
            "state",
            "created_at",
            SelectColumn(),
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
        if not request.user.has_perm(EXPORT_PERMISSION):
            raise PermissionDenied
        file_format = export_format_of(request)
        filterset = SignatureFilterSet(
            request.GET, queryset=Signature.objects.all(), request=request
        )
        queryset = filterset.qs if filterset.is_valid() else Signature.objects.none()
        queryset = people_search(queryset, request.GET.get("q", ""))
        export_record(
            user=request.user,
            model=Signature,
            file_format=file_format,
            rows=queryset.count(),
            filters=export_filters_of(request),
        )
        return export_response(
            export=signatures_export(queryset=queryset), file_format=file_format
        )

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            path("export/", self.export_view, name="export"),
        ]
