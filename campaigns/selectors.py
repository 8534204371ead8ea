"""Reads for the campaign pages."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language_info

from home.features import action_page_types


@dataclass(frozen=True)
class LanguageDocument:
    code: str
    name_local: str
    document: object


@dataclass(frozen=True)
class CampaignAction:
    template: str
    page: object


def campaign_actions(*, campaign) -> list[CampaignAction]:
    """The campaign's live action pages (petitions: home.features), in tree
    order, each with the template that shows it. One query a page type."""
    found = []
    for action in action_page_types():
        model = action.model()
        found.extend(
            CampaignAction(template=action.template, page=page)
            for page in model.objects.child_of(campaign).live()
        )
    return sorted(found, key=lambda item: item.page.path)


def report_documents(*, report) -> tuple[object | None, list[LanguageDocument]]:
    """The document a report page offers, and the report's documents in the
    other languages that have their own. A page without a document of its
    own offers the original-language one (or any translation's). One query."""
    versions = list(
        type(report)
        .objects.filter(translation_key=report.translation_key, document__isnull=False)
        .select_related("document", "locale")
    )
    own = next((v for v in versions if v.pk == report.pk), None)
    if report.document_id:
        # A preview may carry a document not saved yet.
        same = own is not None and own.document_id == report.document_id
        document = own.document if same else report.document
    else:
        original = next(
            (v for v in versions if v.locale.language_code == settings.LANGUAGE_CODE),
            versions[0] if versions else None,
        )
        document = original.document if original else None
    others = []
    seen = {document.pk} if document else set()
    for version in versions:
        if version.locale_id == report.locale_id or not version.live:
            continue
        if version.document_id in seen:
            continue
        seen.add(version.document_id)
        code = version.locale.language_code
        others.append(
            LanguageDocument(
                code=code,
                name_local=get_language_info(code)["name_local"],
                document=version.document,
            )
        )
    order = [code for code, _name in settings.LANGUAGES]
    others.sort(key=lambda item: order.index(item.code) if item.code in order else 99)
    return document, others
