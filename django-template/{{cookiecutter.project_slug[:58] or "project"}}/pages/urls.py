from django.urls import path

from config.visitor_cache import cache_for_visitors

from .views import HomeView

urlpatterns = [
    path("", cache_for_visitors(HomeView.as_view()), name="home"),
]
