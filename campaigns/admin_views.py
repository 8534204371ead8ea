"""The admin's list of a form page's submissions: every language in one
table with each submission's language; downloads only for staff allowed to
export personal data, safe to open in a spreadsheet, and logged."""

from django.core.exceptions import PermissionDenied
from django.utils.functional import cached_property
from wagtail.contrib.forms.views import SubmissionsListView

from petitions.admin_views import EXPORT_PERMISSION
from petitions.services.staff import export_record
from supporters.exports import cell_safe


class FormSubmissionsListView(SubmissionsListView):
    def dispatch(self, request, *args, **kwargs):
        if self.is_export and not request.user.has_perm(EXPORT_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def show_export_buttons(self):
        return self.request.user.has_perm(EXPORT_PERMISSION)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        from campaigns.models import FormPageSubmission

        export_record(
            user=self.request.user,
            model=FormPageSubmission,
            file_format=spreadsheet_format,
            rows=queryset.count(),
            filters={"form": self.form_page.title, **self.request.GET.dict()},
        )
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        return cell_safe(value) if export_format == self.FORMAT_CSV else value
