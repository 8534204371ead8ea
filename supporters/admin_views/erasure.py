"""Deleting one person's data on request."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from supporters.admin_views.base import (
    PermissionMenuViewSet,
    StaffView,
)
from supporters.people import person_data, person_erase, person_records


class PersonForm(forms.Form):
    email = forms.EmailField(
        label=_("Email address"),
        help_text=_(
            "The address the person signed or joined with. Other spellings "
            "of it (capitals, +tags, dots in Gmail addresses) are found too."
        ),
    )


class PersonEraseConfirmForm(PersonForm):
    """The address and how many rows of each kind were shown (one hidden
    field per kind registered in supporters.people)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for records in person_records():
            self.fields[records.name] = forms.IntegerField(
                min_value=0, widget=forms.HiddenInput
            )


def _counts(found) -> dict[str, int]:
    return {item.name: item.count for item in found}


def erase_permissions() -> tuple[str, ...]:
    """Deleting a person's data takes the right to delete every kind of row
    kept about them."""
    return tuple(
        records.permission for records in person_records() if records.permission
    )


class PersonEraseView(StaffView, FormView):
    """Find what is stored about one address, then delete it. The address is
    sent by POST only, so it never appears in a URL or a server log."""

    page_title = _("Delete a person's data")
    header_icon = "bin"
    template_name = "supporters/admin/erase_person.html"
    form_class = PersonForm

    @property
    def permissions(self):
        return erase_permissions()

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
            initial={"email": form.cleaned_data["email"], **_counts(found)}
        )
        return self.render_to_response(
            self.get_context_data(
                form=form,
                found=found,
                anything_found=any(item.count for item in found),
                confirm=confirm,
            )
        )

    def _erase(self, confirm):
        data = confirm.cleaned_data
        found = person_data(email=data["email"])
        if _counts(found) != {name: data[name] for name in _counts(found)}:
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
            _("Deleted: %(what)s.")
            % {
                "what": "; ".join(
                    records.describe(erased[records.name])
                    for records in person_records()
                )
            },
        )
        return redirect("erase_person:index")


class PersonEraseViewSet(PermissionMenuViewSet):
    name = "erase_person"
    icon = "bin"
    menu_label = _("Delete a person's data")

    @property
    def permissions(self):
        return erase_permissions()

    def get_urlpatterns(self):
        return [path("", PersonEraseView.as_view(), name="index")]
