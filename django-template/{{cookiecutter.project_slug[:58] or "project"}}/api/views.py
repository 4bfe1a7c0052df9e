from collections.abc import Sequence

from django.contrib.auth import authenticate
from django.db.models import QuerySet
from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import generics, permissions, status, viewsets
from rest_framework.authtoken.models import Token
from rest_framework.exceptions import AuthenticationFailed, NotAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.serializers import BaseSerializer
from rest_framework.views import APIView

from users.models import User

from .models import Note
from .permissions import IsOwner
from .schema import ErrorSerializer
from .serializers import CurrentUserSerializer, NoteSerializer, SignInSerializer, TokenSerializer


def signed_in_user(request: Request) -> User:
    """The user whom the view's permissions required to be signed in."""
    if not isinstance(request.user, User):
        raise NotAuthenticated
    return request.user


class CurrentUserView(generics.RetrieveAPIView[User]):
    """The signed-in user."""

    serializer_class = CurrentUserSerializer

    def get_object(self) -> User:
        return signed_in_user(self.request)


class NoteViewSet(viewsets.ModelViewSet[Note]):
    """The signed-in user's notes: list, create, read, update and delete."""

    serializer_class = NoteSerializer
    permission_classes = (permissions.IsAuthenticated, IsOwner)

    def get_queryset(self) -> QuerySet[Note]:
        # Other users' notes are not found at all, rather than forbidden.
        return Note.objects.filter(owner_id=self.request.user.pk)

    def perform_create(self, serializer: BaseSerializer[Note]) -> None:
        serializer.save(owner=self.request.user)


LOCKED_OUT = "Too many failed logins for this account, or from this address: try again later."


class TokenView(APIView):
    """The token a script sends as `Authorization: Bearer <token>`."""

    def get_permissions(self) -> Sequence[permissions.BasePermission]:
        # Asking for a token takes a name and password; revoking it takes the signed-in user.
        if self.request.method == "POST":
            return [permissions.AllowAny()]
        return [permissions.IsAuthenticated()]

    @extend_schema(
        request=SignInSerializer,
        responses={
            200: TokenSerializer,
            401: OpenApiResponse(ErrorSerializer, "Wrong name or password, or a bad token sent."),
            # The lockout of too many failed logins, as the login page has it, in JSON.
            429: OpenApiResponse(ErrorSerializer, LOCKED_OUT),
        },
        parameters=[
            OpenApiParameter(
                "Retry-After",
                OpenApiTypes.INT,
                OpenApiParameter.HEADER,
                description="Seconds until the lockout ends.",
                response=[429],
            )
        ],
    )
    def post(self, request: Request) -> Response:
        """Get the user's token (the same one until it is revoked) for their name and password."""
        credentials = SignInSerializer(data=request.data)
        credentials.is_valid(raise_exception=True)
        # Django's authenticate() with the plain HttpRequest, as the login page calls it, so that
        # every sign-in attempt goes through the same backends and the same failure counting.
        user = authenticate(
            request._request,
            username=credentials.validated_data[User.USERNAME_FIELD],
            password=credentials.validated_data["password"],
        )
        if user is None:
            raise AuthenticationFailed("Unable to sign in with the given credentials.")
        token, _ = Token.objects.get_or_create(user=user)
        return Response(TokenSerializer(token).data, headers={"Cache-Control": "no-store"})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request: Request) -> Response:
        """Revoke the user's token: requests that send it are refused from now on."""
        Token.objects.filter(user=signed_in_user(request)).delete()
        return Response(status=status.HTTP_204_NO_CONTENT)


@csrf_exempt
def not_found(request: HttpRequest) -> JsonResponse:
    """Any other address under /api/: 404 with a JSON body, as the API's own answers have."""
    return JsonResponse({"detail": "Not found."}, status=404)
