from typing import Any

from django.core.paginator import Paginator
from rest_framework import pagination
from rest_framework.exceptions import NotFound, ParseError
from rest_framework.request import Request
from rest_framework.views import APIView

MAX_PAGE_SIZE = 100


def is_whole_number(text: str) -> bool:
    """Digits alone: int() would also take "+1", " 1", "1_0" and non-ASCII digits."""
    return text.isascii() and text.isdigit()


class PageNumberPagination(pagination.PageNumberPagination):
    """Pages of PAGE_SIZE items (?page=2); a client may ask for up to 100 a page (?page_size=100).

    Both are whole numbers of at least 1, as the OpenAPI document says: DRF itself would also take
    `page=last` and `page=`, and ignore a page_size it cannot read.
    """

    page_size_query_param = "page_size"
    page_size_query_description = "Number of results to return per page; at most 100 are."
    max_page_size = MAX_PAGE_SIZE
    last_page_strings = ()

    def get_page_size(self, request: Request) -> int | None:
        requested = request.query_params.get(self.page_size_query_param)
        if requested is None:
            return self.page_size
        try:
            size = int(requested) if is_whole_number(requested) else 0
        except ValueError:  # more digits than int() reads: far more than a page holds
            size = MAX_PAGE_SIZE
        if size < 1:
            raise ParseError("page_size must be a whole number of at least 1.")
        return min(size, MAX_PAGE_SIZE)

    def get_page_number(self, request: Request, paginator: Paginator[Any]) -> int | str:
        number = request.query_params.get(self.page_query_param, "1")
        if not is_whole_number(number):
            raise NotFound(self.invalid_page_message)
        return number

    def get_schema_operation_parameters(self, view: APIView) -> list[dict[str, Any]]:
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
        return parameters
