"""Where a link may lead: one rule for every link an editor or translator sets.

Only web addresses (http, https), mailto: and tel: links, and paths or anchors
on this site are allowed: never javascript:, data: or another scheme a browser
would run. The editor's forms apply the rule as links are typed (LinkBlock,
URLBlock), but wagtail-localize writes translated values into a page without
any form: overrides of URLs and of rich-text links, synchronised fields,
uploaded PO files. So every page and site-wide snippet also checks the links
it is about to store in `clean()` (LinksCheckedMixin), which Wagtail runs on
every save, a translation's publish and sync included, and the translation
editor checks an override as it is entered
(home.translation.wagtail_localize_overrides).
"""

from collections.abc import Iterator
from html.parser import HTMLParser

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField

INVALID_LINK = _(
    "Enter a web address starting with https://, a mailto: or tel: link, "
    "or a path on this site starting with /."
)


def link_validate(value: str) -> None:
    """Accept a web address, a mailto: or tel: link, or a path or anchor on
    this site; refuse anything else (javascript: and the like)."""
    if value.startswith(("https://", "http://")):
        URLValidator(schemes=["http", "https"])(value)
        return
    if value.startswith(("mailto:", "tel:")) and len(value.split(":", 1)[1]) > 0:
        return
    # Browsers read a backslash as a slash: "/\host" leads to another host.
    if value.startswith("#") or (
        value.startswith("/") and not value.startswith(("//", "/\\"))
    ):
        return
    raise ValidationError(INVALID_LINK, code="invalid_link")


class _HrefCollector(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.extend(value or "" for name, value in attrs if name == "href")


def rich_text_hrefs(html: str) -> list[str]:
    """The href of every link in stored rich text, as a browser reads it."""
    collector = _HrefCollector()
    collector.feed(html or "")
    collector.close()
    return collector.hrefs


def _link_error(value: str, field=None) -> str | None:
    try:
        link_validate(value)
        if field is not None:
            field.clean(value)
    except ValidationError as error:
        return error.messages[0]
    return None


def stream_link_errors(block, raw) -> Iterator[tuple[str, str]]:
    """(link, error) for every link in a StreamField's stored (raw) value that
    breaks the rule. Reads the JSON that is saved, so it needs no database."""
    if raw in (None, ""):
        return
    if isinstance(block, blocks.RichTextBlock):
        for href in rich_text_hrefs(raw):
            if error := _link_error(href):
                yield href, error
    elif isinstance(block, blocks.URLBlock):
        if error := _link_error(raw, block.field):
            yield raw, error
    elif isinstance(block, blocks.StreamBlock):
        for item in raw:
            child = block.child_blocks.get(item.get("type"))
            if child is not None:
                yield from stream_link_errors(child, item.get("value"))
    elif isinstance(block, blocks.StructBlock):
        for name, child in block.child_blocks.items():
            yield from stream_link_errors(child, raw.get(name))
    elif isinstance(block, blocks.ListBlock):
        for item in raw:
            is_item = isinstance(item, dict) and item.get("type") == "item"
            value = item.get("value") if is_item else item
            yield from stream_link_errors(block.child_block, value)


def instance_link_errors(instance) -> dict[str, list[tuple[str, str]]]:
    """Links that break the rule in a page's or snippet's StreamFields and
    rich text, by field name."""
    errors: dict[str, list[tuple[str, str]]] = {}
    for field in instance._meta.concrete_fields:
        value = getattr(instance, field.attname, None)
        if isinstance(field, StreamField):
            found = list(
                stream_link_errors(
                    field.stream_block, field.stream_block.get_prep_value(value)
                )
            )
        elif isinstance(field, RichTextField):
            found = [
                (href, error)
                for href in rich_text_hrefs(value)
                if (error := _link_error(href))
            ]
        else:
            continue
        if found:
            errors[field.name] = found
    return errors


class LinksCheckedMixin:
    """Refuses to save a page or snippet carrying a link that breaks the rule,
    whoever set it: the editor, a translation, a sync or a script."""

    def clean(self):
        super().clean()
        errors = instance_link_errors(self)
        if errors:
            raise ValidationError(
                {
                    name: [
                        ValidationError(
                            _("%(link)s: %(error)s"),
                            code="invalid_link",
                            params={"link": link, "error": error},
                        )
                        for link, error in found
                    ]
                    for name, found in errors.items()
                }
            )
