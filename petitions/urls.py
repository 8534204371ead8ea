from django.urls import path

from petitions import views

# "id" is registered by supporters.apps.
app_name = "petitions"

urlpatterns = [
    path("<id:page_id>/sign/", views.sign, name="sign"),
    path("<id:page_id>/thanks/", views.thanks, name="thanks"),
    path("<id:page_id>/confirmed/", views.confirmed, name="confirmed"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("<id:petition_id>/count.json", views.count_json, name="count"),
]
