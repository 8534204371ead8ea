"""The admin's list of a form page's submissions: every language in one
table with each submission's language; downloads only for staff allowed to
export personal data, written by the same export stack as signatures and
the supporter list (supporters.exports), and logged."""

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils.functional import cached_property
from wagtail.contrib.forms.views import SubmissionsListView

from supporters.admin_views.base import EXPORT_PERMISSION
from supporters.audit import export_record
from supporters.exports import CHUNK_SIZE, Export, ExportFormat, export_response


def _cell(value):
    # Answers to multiple-choice fields are lists.
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return value


class FormSubmissionsListView(SubmissionsListView):
    def dispatch(self, request, *args, **kwargs):
        if self.is_export and not request.user.has_perm(EXPORT_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def show_export_buttons(self):
        return self.request.user.has_perm(EXPORT_PERMISSION)

    def as_spreadsheet(self, queryset, spreadsheet_format):
        export_record(
            user=self.request.user,
            model=self.form_page.get_submission_class(),
            file_format=spreadsheet_format,
            rows=queryset.count(),
            filters={"form": self.form_page.title, **self.request.GET.dict()},
        )
        headings = [self.get_heading(queryset, name) for name in self.list_export]
        if isinstance(queryset, QuerySet):
            queryset = queryset.iterator(chunk_size=CHUNK_SIZE)
        export = Export(
            headings=headings,
            rows=(
                tuple(_cell(value) for value in self.to_row_dict(item).values())
                for item in queryset
            ),
            filename=f"{self.form_page.slug}-submissions",
        )
        return export_response(
            export=export, file_format=ExportFormat(spreadsheet_format)
        )
