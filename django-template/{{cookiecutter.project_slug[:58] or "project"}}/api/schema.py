"""The OpenAPI document: drf-spectacular's, plus every error answer an operation can give."""

from typing import Any

from django.conf import settings
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.openapi import AutoSchema as SpectacularAutoSchema
from drf_spectacular.plumbing import ComponentRegistry, ResolvedComponent, force_instance
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS


class ErrorSerializer(serializers.Serializer[None]):
    detail = serializers.CharField(help_text="What went wrong, for a person to read.")


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.authentication.BearerTokenAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, Any]:
        return {"type": "http", "scheme": "bearer", "description": "A token from POST /api/token/."}


class AutoSchema(SpectacularAutoSchema):
    """Adds the errors DRF answers by itself to what each view documents (which wins)."""

    def get_operation(
        self, path: str, path_regex: str, path_prefix: str, method: str, registry: ComponentRegistry
    ) -> dict[str, Any] | None:
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is not None:
            places = {parameter["in"] for parameter in operation.get("parameters", [])}
            responses = self.error_responses(places) | operation["responses"]
            operation["responses"] = dict(sorted(responses.items()))
        return operation

    def error_responses(self, parameter_places: set[str]) -> dict[str, dict[str, Any]]:
        responses = {
            "401": self.error(
                "No credentials, or wrong ones: send a token, or sign in.",
                headers={"WWW-Authenticate": {"schema": {"type": "string"}, "description": "`Bearer`"}},
            )
        }
        request = force_instance(self.get_request_serializer())
        if self.method in ("POST", "PUT", "PATCH") and isinstance(request, serializers.Serializer):
            responses["400"] = self.validation_error(request)
            limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
            responses["413"] = self.error(
                f"The body is larger than {limit} bytes (DATA_UPLOAD_MAX_MEMORY_SIZE)."
            )
            responses["415"] = self.error("The body is not `application/json`.")
        if self.method not in SAFE_METHODS:
            responses["403"] = self.error(
                "Not allowed: signed in through the session without the CSRF token (`X-CSRFToken`)."
            )
        if parameter_places & {"path", "query"}:
            # Answered by gunicorn itself, before the request reaches the site.
            responses["414"] = {
                "description": "The address is longer than the server reads (4094 bytes).",
                "content": {"text/html": {"schema": {"type": "string"}}},
            }
        if "path" in parameter_places:
            responses["404"] = self.error("Nothing with this id belongs to the user.")
        elif self.method == "GET" and self._is_list_view() and getattr(self.view, "paginator", None):
            responses["400"] = self.error("page_size is not a whole number of at least 1.")
            responses["404"] = self.error("No such page: page is past the end, or not a whole number.")
        return responses

    def error(self, description: str, headers: dict[str, Any] | None = None) -> dict[str, Any]:
        schema = self.resolve_serializer(ErrorSerializer, "response").ref
        return {
            "description": description,
            "content": {"application/json": {"schema": schema}},
            **({"headers": headers} if headers else {}),
        }

    def validation_error(self, request: serializers.Serializer[Any]) -> dict[str, Any]:
        """A 400 answer: what was wrong with the body, as a whole (`detail`) or field by field."""
        messages = {"type": "array", "items": {"type": "string"}}
        fields = [name for name, field in request.fields.items() if not field.read_only]
        component = ResolvedComponent(
            name=f"{type(request).__name__.removesuffix('Serializer')}ValidationError",
            type=ResolvedComponent.SCHEMA,
            object=type(request),
            schema={
                "type": "object",
                "properties": {
                    "detail": {"type": "string", "description": "The body could not be read as JSON."},
                    "non_field_errors": messages,
                    **dict.fromkeys(fields, messages),
                },
                "additionalProperties": False,
            },
        )
        self.registry.register_on_missing(component)
        return {
            "description": "The body could not be read as JSON, or is not valid for this operation.",
            "content": {"application/json": {"schema": component.ref}},
        }
