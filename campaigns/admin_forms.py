"""The admin's form for form pages: Wagtail's checks, and no field label whose
stored name the form uses itself."""

from wagtail.contrib.forms.forms import WagtailAdminFormPageForm

from campaigns.form_builder import RESERVED_NAMES, reserved_name_error


class FormPageAdminForm(WagtailAdminFormPageForm):
    def clean(self):
        cleaned_data = super().clean()
        formset = self.formsets.get("form_fields")
        for form in formset.forms if formset is not None else ():
            if not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            field = form.instance
            name = field.clean_name or field.get_field_clean_name()
            if name in RESERVED_NAMES:
                form.add_error("label", reserved_name_error(name))
        return cleaned_data
