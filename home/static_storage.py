"""The static files' storage: WhiteNoise's compressed, hashed files, with
each file's address worked out once per process.

Every public page asks for the same few addresses on each render (the
stylesheet, the icon, the web app manifest), and the manifest's storage
works each one out again (splitting, unquoting and joining it) each time,
some 0.06 ms apiece. The manifest is read once at start-up and changes only
with a deployment, which starts new processes.
"""

from whitenoise.storage import CompressedManifestStaticFilesStorage

# Addresses come from templates, not from visitors: a few dozen at most.
URLS_KEPT = 500


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._urls_kept: dict[str, str] = {}

    def url(self, name, force=False):
        if force:
            return super().url(name, force=True)
        url = self._urls_kept.get(name)
        if url is None:
            url = super().url(name)
            if len(self._urls_kept) < URLS_KEPT:
                self._urls_kept[name] = url
        return url
