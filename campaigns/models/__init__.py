"""The campaign app's page types (pages.py) and its form pages, built with
Wagtail's form builder (forms.py)."""

from campaigns.models.forms import FormField, FormPage, FormPageSubmission
from campaigns.models.pages import (
    AppealPage,
    CampaignPage,
    DonatePage,
    GoalPage,
    ProgramIndexPage,
    ProgramPage,
    ReportPage,
)

__all__ = [
    "AppealPage",
    "CampaignPage",
    "DonatePage",
    "FormField",
    "FormPage",
    "FormPageSubmission",
    "GoalPage",
    "ProgramIndexPage",
    "ProgramPage",
    "ReportPage",
]
