"""Form pages: volunteer sign-up, regional coordinator sign-up, contact, and
whatever else editors build with Wagtail's form builder.

One form behind all its translations, like a petition: translators translate
the labels, help texts and choices, while each field's stored name, type and
whether it is required come from the English page. Every submission is
stored against the English page with the language it was made in, so staff
see one table per form, whatever language people used.
"""

from django.conf import settings
from django.db import models
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import (
    AbstractFormField,
    AbstractFormSubmission,
    EmailFormMixin,
    FormMixin,
)
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.fields import RichTextField
from wagtail.models import TranslatableMixin
from wagtail_localize.fields import SynchronizedField

from campaigns.admin_forms import FormPageAdminForm
from campaigns.form_builder import SiteFormBuilder
from home.blocks import RICH_TEXT_FEATURES
from home.models import ContentPage
from home.translation.source import source_of


class FormField(TranslatableMixin, AbstractFormField):
    """One field of a form page. Its stored name (clean_name) is made from the
    English label once and copied to every translation."""

    page = ParentalKey(
        "campaigns.FormPage", on_delete=models.CASCADE, related_name="form_fields"
    )

    override_translatable_fields = [
        SynchronizedField("clean_name", overridable=False),
        SynchronizedField("field_type", overridable=False),
        SynchronizedField("required", overridable=False),
    ]

    class Meta(AbstractFormField.Meta):
        unique_together = [("translation_key", "locale")]


class FormPage(EmailFormMixin, FormMixin, ContentPage):
    """A page with a form built by editors. Submissions go to staff by email
    (the addresses below, else STAFF_NOTIFICATION_EMAILS) and are kept in the
    admin's Forms section; people can ask to be kept informed."""

    thank_you_text = RichTextField(
        _("thank-you text"),
        features=RICH_TEXT_FEATURES,
        blank=True,
        help_text=_("Shown after someone sends the form."),
    )
    submit_label = models.CharField(
        _("button text"),
        max_length=60,
        blank=True,
        help_text=_("The text of the send button. Leave empty for “Send”."),
    )
    offer_updates = models.BooleanField(
        _("offer to keep people informed"),
        default=True,
        help_text=_(
            "Add an unticked box “Email me about more actions”: people who tick it "
            "join the supporter list once they confirm their address."
        ),
    )

    # Staff settings and the form's structure are the English page's;
    # translators translate what visitors read.
    override_translatable_fields = ContentPage.override_translatable_fields + [
        SynchronizedField("to_address", overridable=False),
        SynchronizedField("from_address", overridable=False),
        SynchronizedField("subject", overridable=False),
        SynchronizedField("offer_updates", overridable=False),
    ]

    content_panels = ContentPage.content_panels + [
        FormSubmissionsPanel(),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("submit_label"),
        FieldPanel("offer_updates"),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("to_address"), FieldPanel("from_address")]),
                FieldPanel("subject"),
            ],
            heading=_("Email to staff for each submission"),
        ),
    ]

    base_form_class = FormPageAdminForm
    parent_page_types = ["home.HomePage", "campaigns.CampaignPage"]
    subpage_types: list[str] = []
    page_description = _(
        "A form you build from fields, e.g. volunteer sign-up or contact; "
        "answers are emailed to staff. Goes under the home page or a campaign."
    )

    class Meta:
        verbose_name = _("form page")

    def source_page(self) -> "FormPage":
        """The English page: its fields name what is stored, and submissions
        from every language are kept against it."""
        return source_of(self)

    def get_form_class(self):
        fields = list(self.get_form_fields())
        source = self.source_page()
        return SiteFormBuilder(
            fields,
            source_fields=fields if source is self else source.get_form_fields(),
            offer_updates=self.offer_updates,
        ).get_form_class()

    def get_submission_class(self):
        return FormPageSubmission

    def get_submissions(self):
        return FormPageSubmission.objects.filter(page=self.source_page())

    def get_data_fields(self):
        fields = super().get_data_fields()
        return [fields[0], ("language", _("Language")), *fields[1:]]

    def get_submissions_list_view_class(self):
        # Admin views need every model loaded: imported on first use.
        from campaigns.admin_views import FormSubmissionsListView

        return FormSubmissionsListView

    def serve(self, request, *args, **kwargs):
        # The form posts to campaigns.views.form_submit, which checks where it
        # came from instead of using a CSRF token, so the page sets no cookie
        # and stays cacheable like every other page.
        context = self.get_context(request)
        context["form"] = self.get_form(page=self, user=None)
        return TemplateResponse(request, self.get_template(request), context)

    def process_form_submission(self, form):
        raise NotImplementedError(
            "Submissions are stored by campaigns.services.form_submission_create."
        )


class FormPageSubmission(AbstractFormSubmission):
    """One submission of a form page, in any language, stored against the
    English page under the English page's field names."""

    language = models.CharField(
        _("language"),
        max_length=10,
        db_index=True,
        help_text=_("The language of the page the form was sent from."),
    )
    email_canonical = models.CharField(
        max_length=254,
        blank=True,
        db_index=True,
        editable=False,
        help_text=_(
            "The sender's email address in a comparable form, to find and delete "
            "a person's data."
        ),
    )
    suspect = models.BooleanField(
        _("suspect"),
        default=False,
        help_text=_(
            "Sent from an address that sent many forms in a short time: kept for "
            "staff to check, but no email went out for it."
        ),
    )

    class Meta(AbstractFormSubmission.Meta):
        indexes = [models.Index(fields=["page", "submit_time"])]

    def get_data(self):
        language = dict(settings.LANGUAGES).get(self.language, self.language)
        return {**super().get_data(), "language": str(language)}
