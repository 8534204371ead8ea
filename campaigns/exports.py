"""Form submissions about one person as a sheet of their download
(supporters.people), written by the site's export stack (supporters.exports).

A form page's own download (campaigns.admin_views) has a column per field;
one person's submissions span form pages with different fields, so here the
answers are one column of "question: answer" lines."""

from django.utils.translation import gettext as _

from campaigns.models import FormPageSubmission
from supporters.exports import CHUNK_SIZE, Export


def _answer(value) -> str:
    # Answers to multiple-choice fields are lists.
    if isinstance(value, list):
        return ", ".join(str(item) for item in value)
    return str(value)


def form_submissions_of_person_export(canonical: str) -> Export:
    def rows():
        submissions = (
            FormPageSubmission.objects.filter(email_canonical=canonical)
            .select_related("page")
            .order_by("pk")
        )
        for submission in submissions.iterator(chunk_size=CHUNK_SIZE):
            labels = {
                field.clean_name: field.label
                for field in submission.page.specific.get_form_fields()
            }
            answers = "\n".join(
                f"{labels.get(name, name)}: {_answer(value)}"
                for name, value in submission.form_data.items()
            )
            yield (
                submission.pk,
                submission.page.title,
                submission.language,
                submission.submit_time,
                answers,
            )

    return Export(
        headings=[_("ID"), _("Form"), _("Language"), _("Sent at"), _("Answers")],
        rows=rows(),
        filename="form-submissions",
        title=_("Form submissions"),
    )
