from django.urls import path, register_converter

from petitions import views


class IdConverter:
    """A database id: at most 18 digits, so that any number in an address
    fits a 64-bit integer column and a longer one is simply not found."""

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)


register_converter(IdConverter, "id")

app_name = "petitions"

urlpatterns = [
    path("<id:page_id>/sign/", views.sign, name="sign"),
    path("<id:page_id>/thanks/", views.thanks, name="thanks"),
    path("<id:page_id>/confirmed/", views.confirmed, name="confirmed"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("<id:petition_id>/count.json", views.count_json, name="count"),
]
