"""Deleting one person's data on request."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.generic import FormView

from petitions.selectors import (
    person_data,
)
from petitions.services.staff import (
    person_erase,
)
from supporters.admin_views.base import (
    PermissionMenuViewSet,
    StaffView,
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
    template_name = "supporters/admin/erase_person.html"
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
