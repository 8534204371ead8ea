from django.urls import path

import petitions.urls  # noqa: F401 (registers the "id" path converter)
from campaigns import views

app_name = "forms"

urlpatterns = [
    path("<id:page_id>/send/", views.form_submit, name="submit"),
    path("<id:page_id>/thanks/", views.form_thanks, name="thanks"),
]
