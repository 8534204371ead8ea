"""Staff tools in the Wagtail admin: signatures and the supporter list (lists
with filters and search, exports), petition reports, bulk invalidation and
erasing one person's data. Views wire requests to petitions.selectors,
petitions.services and petitions.exports; the menu and dashboard hooks are in
petitions.wagtail_hooks.
"""

import django_filters
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView, TemplateView
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets import AdminDateInput

from petitions.exports import (
    ExportFormat,
    export_response,
    signatures_export,
    supporters_export,
)
from petitions.models import Petition, Signature, Supporter
from petitions.selectors import (
    InvalidationCriteria,
    invalidation_preview,
    person_data,
    petition_report,
    petitions_counts,
    signatures_search,
    supporters_by_language,
    supporters_search,
)
from petitions.services.staff import (
    InvalidationChanged,
    export_record,
    person_erase,
    signatures_invalidate,
)

EXPORT_PERMISSION = "petitions.export_signatures"


def language_names() -> dict[str, str]:
    return {code: str(name) for code, name in settings.LANGUAGES}


def listing_query(request) -> str:
    """The listing's filters and search as a query string, without its page."""
    query = request.GET.copy()
    for key in ("p", "export", "_"):
        query.pop(key, None)
    return query.urlencode()


# Signatures


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
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Signed between"), widget=DateRangePickerWidget
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
        return signatures_search(queryset, self.search_query)

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
        file_format = _export_format(request)
        filterset = SignatureFilterSet(
            request.GET, queryset=Signature.objects.all(), request=request
        )
        queryset = filterset.qs if filterset.is_valid() else Signature.objects.none()
        queryset = signatures_search(queryset, request.GET.get("q", ""))
        export_record(
            user=request.user,
            model=Signature,
            file_format=file_format,
            rows=queryset.count(),
            filters=_export_filters(request),
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


def _export_format(request) -> ExportFormat:
    try:
        return ExportFormat(request.GET.get("format", "csv"))
    except ValueError:
        return ExportFormat.CSV


def _export_filters(request) -> dict[str, str]:
    """The filters of an export, for the log; a search is noted but not
    written down, since it may be someone's address."""
    filters = {
        # PostgreSQL cannot store NUL in the log's JSON.
        key.replace("\x00", ""): value.replace("\x00", "")
        for key, value in request.GET.items()
        if key not in ("format", "p", "q") and value
    }
    if request.GET.get("q", "").strip():
        filters["search"] = "yes"
    return filters


# The supporter list


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
    results_template_name = "petitions/admin/supporter_index_results.html"

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return supporters_search(queryset, self.search_query)

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
        file_format = _export_format(request)
        filterset = SupporterFilterSet(
            request.GET, queryset=Supporter.objects.all(), request=request
        )
        queryset = filterset.qs if filterset.is_valid() else Supporter.objects.none()
        queryset = supporters_search(queryset, request.GET.get("q", "")).filter(
            state=Supporter.State.SUBSCRIBED
        )
        export_record(
            user=request.user,
            model=Supporter,
            file_format=file_format,
            rows=queryset.count(),
            filters=_export_filters(request),
        )
        return export_response(
            export=supporters_export(
                queryset=queryset, base_url=request.build_absolute_uri("/")
            ),
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


class StaffView(WagtailAdminTemplateMixin):
    permissions: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perms(self.permissions):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


class PermissionMenuViewSet(ViewSet):
    """A menu entry shown only to users with the view's permissions."""

    permissions: tuple[str, ...] = ()

    @cached_property
    def menu_item_class(self):
        permissions = self.permissions

        class PermissionMenuItem(MenuItem):
            def is_shown(self, request):
                return request.user.has_perms(permissions)

        return PermissionMenuItem


# Petition reports

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
        context.update(
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


class InvalidationForm(forms.Form):
    petition = forms.ModelChoiceField(
        label=_("Petition"),
        queryset=Petition.objects.order_by("title"),
        required=False,
        empty_label=_("All petitions"),
        help_text=_("Only signatures of this petition."),
    )
    domain = forms.CharField(
        label=_("Email domain"),
        max_length=253,
        required=False,
        help_text=_(
            "e.g. mailinator.com: addresses at this domain and its subdomains."
        ),
    )
    signed_from = forms.DateField(
        label=_("Signed from"),
        required=False,
        widget=AdminDateInput,
        help_text=_("The first day (UTC), included."),
    )
    signed_to = forms.DateField(
        label=_("Signed until"),
        required=False,
        widget=AdminDateInput,
        help_text=_("The last day (UTC), included."),
    )
    ids = forms.CharField(
        label=_("Signature numbers"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "The ID numbers of particular signatures, separated by spaces or "
            "commas. Choose them in the list of signatures to fill this in."
        ),
    )

    def clean_ids(self):
        parts = self.cleaned_data["ids"].replace(",", " ").split()
        if not all(part.isdigit() for part in parts):
            raise forms.ValidationError(
                _("Signature numbers are whole numbers, like 1024.")
            )
        return tuple(sorted({int(part) for part in parts}))

    def clean(self):
        data = super().clean()
        start, end = data.get("signed_from"), data.get("signed_to")
        if start and end and start > end:
            raise forms.ValidationError(_("The first day comes after the last day."))
        if not self.errors and self.criteria.is_empty():
            raise forms.ValidationError(
                _(
                    "Give an email domain, dates or signature numbers. A "
                    "petition alone is not enough: a whole petition is never "
                    "invalidated at once."
                )
            )
        return data

    @property
    def criteria(self) -> InvalidationCriteria:
        data = self.cleaned_data
        petition = data.get("petition")
        return InvalidationCriteria(
            petition_id=petition.pk if petition else None,
            domain=data.get("domain", "").strip(),
            signed_from=data.get("signed_from"),
            signed_to=data.get("signed_to"),
            ids=data.get("ids") or (),
        )


class InvalidationConfirmForm(InvalidationForm):
    max_id = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    expected = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


INVALIDATE_PERMISSIONS = ("petitions.change_signature",)


class InvalidationView(StaffView, TemplateView):
    """Choose signatures, see how many it touches, then invalidate exactly
    those. The preview pins the set with the highest signature id it saw, so
    what is invalidated is what was previewed, or nothing."""

    permissions = INVALIDATE_PERMISSIONS
    page_title = _("Invalidate signatures")
    header_icon = "cross"
    template_name = "petitions/admin/invalidate.html"

    def get(self, request, *args, **kwargs):
        data = request.GET.copy()
        if len(data.getlist("ids")) > 1:
            data["ids"] = " ".join(data.getlist("ids"))
        criteria_given = any(
            data.get(key) for key in ("domain", "signed_from", "signed_to", "ids")
        )
        form = InvalidationForm(data if criteria_given else None)
        if criteria_given and form.is_valid():
            return self._preview(form)
        return self.render_to_response(self.get_context_data(form=form))

    def post(self, request, *args, **kwargs):
        form = InvalidationConfirmForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form))
        try:
            count = signatures_invalidate(
                criteria=form.criteria,
                max_id=form.cleaned_data["max_id"],
                expected=form.cleaned_data["expected"],
                user=request.user,
            )
        except InvalidationChanged:
            messages.warning(
                request,
                _(
                    "These signatures changed since the preview, so nothing "
                    "was invalidated. Here are the numbers as they are now."
                ),
            )
            return self._preview(form)
        messages.success(
            request,
            ngettext(
                "%(count)d signature invalidated. It no longer counts.",
                "%(count)d signatures invalidated. They no longer count.",
                count,
            )
            % {"count": count},
        )
        url = reverse("signatures:index") + "?state=invalid"
        if form.criteria.petition_id:
            url += f"&petition={form.criteria.petition_id}"
        return redirect(url)

    def _preview(self, form):
        preview = invalidation_preview(criteria=form.criteria)
        confirm = InvalidationConfirmForm(
            initial={
                **{
                    key: value
                    for key, value in form.cleaned_data.items()
                    if key not in ("max_id", "expected", "ids")
                },
                "ids": " ".join(str(pk) for pk in form.criteria.ids),
                "max_id": preview.max_id,
                "expected": preview.total,
            }
        )
        return self.render_to_response(
            self.get_context_data(form=form, preview=preview, confirm=confirm)
        )


class InvalidationViewSet(PermissionMenuViewSet):
    name = "invalidate_signatures"
    icon = "cross"
    menu_label = _("Invalidate signatures")
    permissions = INVALIDATE_PERMISSIONS

    def get_urlpatterns(self):
        return [path("", InvalidationView.as_view(), name="index")]


# Erasing one person's data


class PersonForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_(
            "The address the person signed or joined with. Other spellings "
            "of it (capitals, +tags, dots in Gmail addresses) are found too."
        ),
    )


class PersonEraseConfirmForm(PersonForm):
    signatures = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    supporters = forms.IntegerField(min_value=0, widget=forms.HiddenInput)
    form_submissions = forms.IntegerField(min_value=0, widget=forms.HiddenInput)


ERASE_PERMISSIONS = ("petitions.delete_signature", "petitions.delete_supporter")


class PersonEraseView(StaffView, FormView):
    """Find what is stored about one address, then delete it. The address is
    sent by POST only, so it never appears in a URL or a server log."""

    permissions = ERASE_PERMISSIONS
    page_title = _("Delete a person's data")
    header_icon = "bin"
    template_name = "petitions/admin/erase_person.html"
    form_class = PersonForm

    def post(self, request, *args, **kwargs):
        if "erase" in request.POST:
            confirm = PersonEraseConfirmForm(request.POST)
            if confirm.is_valid():
                return self._erase(confirm)
        form = PersonForm(request.POST)
        if not form.is_valid():
            return self.form_invalid(form)
        found = person_data(email=form.cleaned_data["email"])
        confirm = PersonEraseConfirmForm(
            initial={
                "email": form.cleaned_data["email"],
                "signatures": found.signatures,
                "supporters": found.supporters,
                "form_submissions": found.form_submissions,
            }
        )
        return self.render_to_response(
            self.get_context_data(form=form, found=found, confirm=confirm)
        )

    def _erase(self, confirm):
        data = confirm.cleaned_data
        found = person_data(email=data["email"])
        if (found.signatures, found.supporters, found.form_submissions) != (
            data["signatures"],
            data["supporters"],
            data["form_submissions"],
        ):
            messages.warning(
                self.request,
                _(
                    "What is stored about this address changed since you "
                    "looked, so nothing was deleted. Check it again."
                ),
            )
            form = PersonForm(initial={"email": data["email"]})
            return self.render_to_response(self.get_context_data(form=form))
        erased = person_erase(email=data["email"], user=self.request.user)
        messages.success(
            self.request,
            format_html(
                "{} {} {}",
                ngettext(
                    "Deleted %(count)d signature.",
                    "Deleted %(count)d signatures.",
                    erased.signatures,
                )
                % {"count": erased.signatures},
                ngettext(
                    "Deleted %(count)d supporter list entry.",
                    "Deleted %(count)d supporter list entries.",
                    erased.supporters,
                )
                % {"count": erased.supporters},
                ngettext(
                    "Deleted %(count)d form submission.",
                    "Deleted %(count)d form submissions.",
                    erased.form_submissions,
                )
                % {"count": erased.form_submissions},
            ),
        )
        return redirect("erase_person:index")


class PersonEraseViewSet(PermissionMenuViewSet):
    name = "erase_person"
    icon = "bin"
    menu_label = _("Delete a person's data")
    permissions = ERASE_PERMISSIONS

    def get_urlpatterns(self):
        return [path("", PersonEraseView.as_view(), name="index")]


class PetitionsAdminGroup(ViewSetGroup):
    menu_label = _("Petitions")
    menu_icon = "form"
    menu_order = 390
    items = (
        SignatureViewSet("signatures"),
        PetitionReportViewSet(),
        InvalidationViewSet(),
        # The public sign-up pages have the "supporters" namespace.
        SupporterViewSet("supporter_list", url_prefix="supporters"),
        PersonEraseViewSet(),
    )
