from django.urls import path

from . import views

# Inside i18n_patterns: each link opens in the language it was made in.
urlpatterns = [
    path("festival/<int:page_id>/register/", views.competition_register, name="festival_register"),
    path("festival/<str:token>/", views.competition_access, name="festival_access"),
    path("festival/watch/<str:token>/", views.film_watch, name="festival_watch"),
    path("festival/watch/<str:token>/video/", views.film_video, name="festival_video"),
]
