from django.urls import path

from supporters import views

app_name = "supporters"

urlpatterns = [
    path("join/", views.supporter_join, name="join"),
    path("join/thanks/", views.supporter_thanks, name="thanks"),
    path("confirm/<str:token>/", views.supporter_confirm_view, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
