"""The storage of the collected static files on a server."""

from functools import cached_property

from whitenoise.storage import CompressedManifestStaticFilesStorage


class StaticFilesStorage(CompressedManifestStaticFilesStorage):
    """WhiteNoise's storage (compressed copies, content-hashed names), remembering each address.

    Every page asks for its stylesheet's address, and working one out from the manifest takes
    longer than the rest of the page's header.
    """

    @cached_property
    def urls(self) -> dict[str, str]:
        """The address of each file asked for so far."""
        return {}

    # The signature of HashedFilesMixin.url, which django-stubs also declares apart from Storage's.
    def url(self, name: str, force: bool = False) -> str:  # type: ignore[override]
        if force:
            return super().url(name, force)
        if name not in self.urls:
            self.urls[name] = super().url(name)
        return self.urls[name]
