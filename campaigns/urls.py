from django.urls import path

from campaigns import views

# "id" is registered by supporters.apps.

app_name = "forms"

urlpatterns = [
    path("<id:page_id>/send/", views.form_submit, name="submit"),
    path("<id:page_id>/thanks/", views.form_thanks, name="thanks"),
]
