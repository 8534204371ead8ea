"""Bulk invalidation: by domain, by days signed or by selection, with an
exact preview."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import TemplateView

from petitions.admin_forms import DayField
from petitions.models import Petition
from petitions.selectors import (
    InvalidationCriteria,
    invalidation_preview,
)
from petitions.services.staff import (
    InvalidationChanged,
    signatures_invalidate,
)
from supporters.admin_views.base import (
    PermissionMenuViewSet,
    StaffView,
)


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
    signed_from = DayField(
        label=_("Signed from"),
        required=False,
        help_text=_("The first day, included, as year-month-day (UTC)."),
    )
    signed_to = DayField(
        label=_("Signed until"),
        required=False,
        help_text=_("The last day, included, as year-month-day (UTC)."),
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
        criteria_valid = not set(self.errors) & set(InvalidationForm.base_fields)
        if criteria_valid and self.criteria.is_empty():
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
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "Why these signatures do not count, e.g. “a wave of sign-ups from a "
            "throwaway address service”. Kept in the site history with the "
            "invalidation."
        ),
        error_messages={
            "required": _("Say why these signatures are invalidated."),
        },
    )

    def hidden_criteria(self):
        return [field for field in self if field.name != "reason"]


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
            if set(form.errors) == {"reason"}:
                # The choice still stands: show its preview again, asking
                # for the reason.
                return self._preview(form, confirm=form)
            return self.render_to_response(
                self.get_context_data(form=InvalidationForm(request.POST))
            )
        try:
            count = signatures_invalidate(
                criteria=form.criteria,
                max_id=form.cleaned_data["max_id"],
                expected=form.cleaned_data["expected"],
                reason=form.cleaned_data["reason"],
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

    def _preview(self, form, confirm=None):
        """Show what the form's choice touches now, with the form to confirm
        it (`confirm`, when it is being shown again with its errors)."""
        preview = invalidation_preview(criteria=form.criteria)
        if confirm is None:
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
        selection = InvalidationForm(
            initial={
                key: value
                for key, value in form.cleaned_data.items()
                if key in InvalidationForm.base_fields
            }
            | {"ids": " ".join(str(pk) for pk in form.criteria.ids)}
        )
        return self.render_to_response(
            self.get_context_data(form=selection, preview=preview, confirm=confirm)
        )


class InvalidationViewSet(PermissionMenuViewSet):
    name = "invalidate_signatures"
    icon = "cross"
    menu_label = _("Invalidate signatures")
    permissions = INVALIDATE_PERMISSIONS

    def get_urlpatterns(self):
        return [path("", InvalidationView.as_view(), name="index")]


# Erasing one person's data
