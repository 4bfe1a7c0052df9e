from collections.abc import Iterator
from pathlib import Path

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory, override_settings

from config.storage import StaticFilesMiddleware


def the_site(request: HttpRequest) -> HttpResponse:
    return HttpResponse("the site's own answer", status=404)


@pytest.fixture
def collected(tmp_path: Path) -> Iterator[Path]:
    """A STATIC_ROOT holding one collected file, and a file beside it that is not static."""
    (tmp_path / "staticfiles" / "css").mkdir(parents=True)
    (tmp_path / "staticfiles" / "css" / "site.css").write_text("body { margin: 0; }")
    (tmp_path / "secret.txt").write_text("not a static file")
    with override_settings(STATIC_ROOT=tmp_path / "staticfiles"):
        yield tmp_path


def test_no_file_is_read_as_the_middleware_starts(collected: Path) -> None:
    middleware = StaticFilesMiddleware(the_site)

    assert middleware.files == {}


def test_a_collected_file_is_served_and_kept(collected: Path, rf: RequestFactory) -> None:
    middleware = StaticFilesMiddleware(the_site)

    response = middleware(rf.get("/static/css/site.css"))

    assert response.status_code == 200
    assert b"".join(response) == b"body { margin: 0; }"
    assert "/static/css/site.css" in middleware.files


def test_a_missing_file_goes_on_to_the_site(collected: Path, rf: RequestFactory) -> None:
    middleware = StaticFilesMiddleware(the_site)

    response = middleware(rf.get("/static/css/missing.css"))

    assert b"".join(response) == b"the site's own answer"
    assert middleware.files == {}


def test_a_path_out_of_the_folder_is_not_served(collected: Path, rf: RequestFactory) -> None:
    middleware = StaticFilesMiddleware(the_site)

    response = middleware(rf.get("/static/../secret.txt"))

    assert b"".join(response) == b"the site's own answer"


def test_a_folder_is_not_served(collected: Path, rf: RequestFactory) -> None:
    middleware = StaticFilesMiddleware(the_site)

    response = middleware(rf.get("/static/css"))

    assert b"".join(response) == b"the site's own answer"
