"""Optional machine translation in wagtail-localize's translation editor.

Off unless MACHINE_TRANSLATION names a service (README, "Translation"). Few
services know Hazaragi, so language codes are mapped before the service is
asked: by default Hazaragi goes as Persian (fa), its closest written
relative, and the translator then adapts the wording."""

from types import SimpleNamespace

from django.utils.module_loading import import_string
from wagtail_localize.machine_translators.base import BaseMachineTranslator


class LanguageMappingTranslator(BaseMachineTranslator):
    """A wagtail-localize machine translator that passes our language codes to
    another translator (OPTIONS["SERVICE"], a dotted path, with its own
    OPTIONS["SERVICE_OPTIONS"]) as the codes its service knows
    (OPTIONS["LANGUAGE_MAP"])."""

    def __init__(self, options):
        super().__init__(options)
        service_class = import_string(options["SERVICE"])
        self.service = service_class(options.get("SERVICE_OPTIONS", {}))
        self.language_map = options.get("LANGUAGE_MAP", {})
        self.display_name = self.service.display_name

    def _as_service_locale(self, locale):
        code = locale.language_code
        return SimpleNamespace(language_code=self.language_map.get(code, code))

    def translate(self, source_locale, target_locale, strings):
        return self.service.translate(
            self._as_service_locale(source_locale),
            self._as_service_locale(target_locale),
            strings,
        )

    def can_translate(self, source_locale, target_locale):
        return self.service.can_translate(
            self._as_service_locale(source_locale),
            self._as_service_locale(target_locale),
        )
