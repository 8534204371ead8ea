"""/sitemap.xml: every live public page in each language, each with its
hreflang alternates.

Wagtail's sitemap lists the default site's root page and what lies below it,
which is the English tree only: the Urdu and Hazaragi trees are translations
of the root, beside it. Untranslated copies of English pages (aliases) are
left out, as from the hreflang tags in the head: their text is English.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page

from home.languages import language_codes


class LanguageSitemap(Sitemap):
    def items(self):
        trees = Q()
        for root in self.get_wagtail_site().root_page.get_translations(inclusive=True):
            trees |= Q(path__startswith=root.path)
        return (
            Page.objects.live()
            .public()
            .filter(trees, alias_of__isnull=True)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        alternates = self._alternates()
        for url_info in urls:
            url_info["alternates"] = alternates.get(url_info["location"], [])
        return urls

    def _alternates(self) -> dict[str, list[dict]]:
        """For each page's address, the addresses of it in every language,
        English again as x-default."""
        languages = {locale.pk: locale.language_code for locale in Locale.objects.all()}
        groups: dict[str, dict[str, str]] = defaultdict(dict)
        for item in self.items():
            url = item.get_full_url(self.request)
            if url:
                groups[item.translation_key][languages[item.locale_id]] = url
        alternates = {}
        for urls in groups.values():
            links = [
                {"lang_code": code, "location": urls[code]}
                for code in language_codes()
                if code in urls
            ]
            if settings.LANGUAGE_CODE in urls:
                links.append(
                    {"lang_code": "x-default", "location": urls[settings.LANGUAGE_CODE]}
                )
            for url in urls.values():
                alternates[url] = links
        return alternates
