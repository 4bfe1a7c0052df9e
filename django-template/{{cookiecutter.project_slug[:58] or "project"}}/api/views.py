from django.db.models import QuerySet
from rest_framework import generics, permissions, viewsets
from rest_framework.exceptions import NotAuthenticated
from rest_framework.serializers import BaseSerializer

from users.models import User

from .models import Note
from .permissions import IsOwner
from .serializers import CurrentUserSerializer, NoteSerializer


class CurrentUserView(generics.RetrieveAPIView[User]):
    """The signed-in user."""

    serializer_class = CurrentUserSerializer

    def get_object(self) -> User:
        user = self.request.user
        if not isinstance(user, User):
            raise NotAuthenticated
        return user


class NoteViewSet(viewsets.ModelViewSet[Note]):
    """The signed-in user's notes: list, create, read, update and delete."""

    serializer_class = NoteSerializer
    permission_classes = (permissions.IsAuthenticated, IsOwner)

    def get_queryset(self) -> QuerySet[Note]:
        # Other users' notes are not found at all, rather than forbidden.
        return Note.objects.filter(owner_id=self.request.user.pk)

    def perform_create(self, serializer: BaseSerializer[Note]) -> None:
        serializer.save(owner=self.request.user)
