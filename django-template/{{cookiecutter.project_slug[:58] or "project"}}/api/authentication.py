from rest_framework.authentication import TokenAuthentication


class BearerTokenAuthentication(TokenAuthentication):
    """A token from POST /api/token/, sent as `Authorization: Bearer <token>`.

    DRF's own keyword is `Token`; `Bearer` is the scheme HTTP clients and the OpenAPI document know.
    """

    keyword = "Bearer"
