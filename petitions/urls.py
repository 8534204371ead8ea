from django.urls import path

from petitions import views

app_name = "petitions"

urlpatterns = [
    path("<int:page_id>/sign/", views.sign, name="sign"),
    path("<int:page_id>/thanks/", views.thanks, name="thanks"),
    path("<int:page_id>/confirmed/", views.confirmed, name="confirmed"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("<int:petition_id>/count.json", views.count_json, name="count"),
]
