from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from home.formatting import number_shown


class CampaignsConfig(AppConfig):
    """Campaign pages and form pages depend on `supporters` and `home` and
    register with them what they add: the home page's featured appeal,
    campaign and programs, the pages under the home page, the demo's form
    pages, staff emails about submissions, and the submissions kept about a
    person (for erasure)."""

    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        from campaigns import services
        from campaigns.demo import form_pages_demo_step
        from campaigns.exports import form_submissions_of_person_export
        from home.demo.build import demo_step_register
        from home.features import (
            HomeFeature,
            action_parent_page_types_register,
            home_child_page_types_register,
            home_feature_register,
        )
        from supporters.emails import email_kind_register
        from supporters.people import PersonRecords, person_records_register

        for feature in (
            HomeFeature(
                field="featured_appeal",
                page_types=("campaigns.AppealPage",),
                template="campaigns/includes/home_appeal.html",
            ),
            HomeFeature(
                field="featured_campaign",
                page_types=("campaigns.CampaignPage",),
                template="campaigns/includes/home_goals.html",
                children="campaigns.GoalPage",
            ),
            HomeFeature(
                field="featured_programs",
                page_types=("campaigns.ProgramIndexPage",),
                template="campaigns/includes/home_programs.html",
                children="campaigns.ProgramPage",
            ),
        ):
            home_feature_register(feature)
        home_child_page_types_register(
            "campaigns.AppealPage",
            "campaigns.CampaignPage",
            "campaigns.ProgramIndexPage",
            "campaigns.DonatePage",
            "campaigns.FormPage",
        )
        action_parent_page_types_register("campaigns.CampaignPage")
        demo_step_register(form_pages_demo_step)
        email_kind_register(
            kind=services.FORM_SUBMISSION_STAFF_EMAIL,
            send=services.form_submission_notify_deliver,
        )
        person_records_register(
            PersonRecords(
                name="form_submissions",
                count=services.form_submissions_count,
                erase=services.form_submissions_erase,
                export=form_submissions_of_person_export,
                describe=_form_submissions_described,
            )
        )


def _form_submissions_described(count: int) -> str:
    return ngettext(
        "%(shown)s form submission", "%(shown)s form submissions", count
    ) % {"shown": number_shown(count)}
