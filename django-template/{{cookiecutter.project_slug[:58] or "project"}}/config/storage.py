"""The collected static files on a server: their storage, and the middleware that serves them."""

import os
from collections.abc import Callable
from functools import cached_property

from django.http import HttpRequest, HttpResponseBase
from whitenoise.middleware import WhiteNoiseMiddleware
from whitenoise.storage import CompressedManifestStaticFilesStorage
from whitenoise.string_utils import ensure_leading_trailing_slash


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


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    """WhiteNoise, looking each collected file up the first time it is asked for.

    WhiteNoise reads every file under STATIC_ROOT as each worker starts, the admin's hundreds
    among them, while a worker serves few. Here the folder is only noted at start, as WhiteNoise
    does while it autorefreshes, and each file found is kept: the same files, with the same headers.
    """

    # WhiteNoise's methods are not annotated: the ones used here are typed here.
    get_response: Callable[[HttpRequest], HttpResponseBase]

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        super().__init__(get_response)  # type: ignore[no-untyped-call]

    def add_files(self, root: str, prefix: str | None = None) -> None:
        root = os.path.abspath(root).rstrip(os.path.sep) + os.path.sep
        # Later folders are looked in first, as WhiteNoise does.
        prefix = ensure_leading_trailing_slash(prefix)  # type: ignore[no-untyped-call]
        self.directories.insert(0, (root, prefix))

    # A Django middleware's call, as WhiteNoiseMiddleware's, in place of WhiteNoise's WSGI one.
    def __call__(self, request: HttpRequest) -> HttpResponseBase:  # type: ignore[override]
        path = request.path_info
        static_file = self.files.get(path)
        if static_file is None and (self.autorefresh or path.startswith(self.static_prefix)):
            static_file = self.find_file(path)  # type: ignore[no-untyped-call]
            if static_file is not None and not self.autorefresh:
                self.files[path] = static_file
        if static_file is None:
            return self.get_response(request)
        response: HttpResponseBase = self.serve(static_file, request)  # type: ignore[no-untyped-call]
        return response
