"""What is stored about one person: looked up, downloaded or deleted on
their request."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from supporters.admin_views.base import (
    EXPORT_PERMISSION,
    PermissionMenuViewSet,
    StaffView,
)
from supporters.exports import workbook_response
from supporters.people import (
    person_data,
    person_erase,
    person_export,
    person_records,
    person_rows_described,
)


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

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            may_download=self.request.user.has_perm(EXPORT_PERMISSION), **kwargs
        )

    def post(self, request, *args, **kwargs):
        if "erase" in request.POST:
            confirm = PersonEraseConfirmForm(request.POST)
            if confirm.is_valid():
                return self._erase(confirm)
        form = PersonForm(request.POST)
        if not form.is_valid():
            return self.form_invalid(form)
        if "download" in request.POST:
            return self._download(form.cleaned_data["email"])
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

    def _download(self, email: str):
        """Everything stored about the person, a sheet per kind of row: the
        answer to "what do you hold about me"."""
        if not self.request.user.has_perm(EXPORT_PERMISSION):
            raise PermissionDenied
        return workbook_response(
            exports=person_export(email=email, user=self.request.user),
            filename="person-data",
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
            _("Deleted: %(what)s.") % {"what": person_rows_described(erased)},
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
