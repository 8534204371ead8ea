import re

import pytest
from django.template import Context, Template
from django.test import RequestFactory

from campaigns.models import DonatePage, GoalPage, ProgramIndexPage, ProgramPage
from tests.page_fixtures import fresh, page_add, page_translate

pytestmark = pytest.mark.django_db


def links(html):
    return set(re.findall(r'href="([^"]+)"', html))


def petition_progress_html(petition):
    template = Template("{% load petition_tags %}{% petition_progress petition %}")
    context = Context({"petition": petition, "request": RequestFactory().get("/")})
    return template.render(context).strip()


def test_home_shows_featured_appeal_petition_goals_and_programs(
    client, shared_site_pages
):
    en = shared_site_pages["en"]

    html = client.get("/en/").content.decode()

    assert "After Mach" in html and 'href="/en/after-mach/"' in html
    assert "Justice for Quetta" in html
    assert petition_progress_html(en["petition"]) in html
    assert 'href="/en/stand-up/accountability/"' in html
    assert 'href="/en/programs/education/"' in html


def test_urdu_home_features_the_urdu_pages(client, shared_site_pages):
    ur = shared_site_pages["ur"]

    html = client.get("/ur/").content.decode()

    assert ur["appeal"].title in html
    assert ur["petition"].title in html
    assert {
        "/ur/after-mach/",
        "/ur/stand-up/petition/",
        "/ur/stand-up/accountability/",
        "/ur/programs/education/",
    } <= links(html)
    assert not any(link.startswith("/en/") for link in links(html) - {"/en/"})


def test_home_shows_calls_to_action_chosen_by_editors(client, shared_site_pages):
    home = fresh(shared_site_pages["ur"]["home"])
    donate = shared_site_pages["en"]["donate"]
    home.body = [
        {
            "type": "actions",
            "value": {
                "heading": "What you can do",
                "actions": [
                    {
                        "type": "item",
                        "id": "7d8c9a4e-0b1f-4c2a-9e55-1f0a2b3c4d5e",
                        "value": {
                            "kind": "donate",
                            "title": "عطیہ دیں",
                            "text": "",
                            "page": donate.pk,
                            "document": None,
                            "link": "",
                        },
                    }
                ],
            },
        }
    ]
    home.save_revision().publish()

    html = client.get("/ur/").content.decode()

    # The editor chose the English donate page; Urdu visitors get its Urdu
    # translation.
    assert re.search(r'<a class="action__link" href="/ur/donate/"', html)
    assert "عطیہ دیں" in html


def test_goals_follow_the_order_of_the_page_tree(client, shared_site_pages):
    campaign = fresh(shared_site_pages["en"]["campaign"])
    page_add(campaign, GoalPage, title="Religious freedom, now", slug="freedom")

    html = client.get("/en/").content.decode()

    assert html.index("Accountability, now") < html.index("Religious freedom, now")


def test_home_query_count_does_not_grow_with_more_goals_and_programs(
    client, shared_site_pages, django_assert_max_num_queries
):
    client.get("/ur/")
    with django_assert_max_num_queries(25):
        client.get("/ur/")
    campaign = fresh(shared_site_pages["en"]["campaign"])
    programs = fresh(shared_site_pages["en"]["programs"])
    for index in range(4):
        goal = page_add(campaign, GoalPage, title=f"Goal {index}", slug=f"g{index}")
        page_translate(goal, "ur")
        program = page_add(
            programs, ProgramPage, title=f"Program {index}", slug=f"p{index}"
        )
        page_translate(program, "ur")
    client.get("/ur/")

    with django_assert_max_num_queries(25):
        html = client.get("/ur/").content.decode()

    assert "اردو Goal 3" in html and "اردو Program 3" in html


def test_only_one_programs_and_one_donate_page_per_home(shared_site_pages):
    home = shared_site_pages["en"]["home"]
    assert not ProgramIndexPage.can_create_at(home)
    assert not DonatePage.can_create_at(home)

    fresh(shared_site_pages["en"]["programs"]).delete()
    fresh(shared_site_pages["en"]["donate"]).delete()

    assert ProgramIndexPage.can_create_at(home)
    assert DonatePage.can_create_at(home)


def test_a_goal_taken_down_leaves_the_home_page_at_once(client, shared_site_pages):
    assert "Accountability, now" in client.get("/en/").content.decode()

    fresh(shared_site_pages["en"]["goal"]).unpublish()

    assert "Accountability, now" not in client.get("/en/").content.decode()


def test_a_preview_of_the_home_page_never_reaches_visitors(client, shared_site_pages):
    assert "Justice for Quetta" in client.get("/en/").content.decode()
    draft = fresh(shared_site_pages["en"]["home"])
    draft.featured_petition = None

    preview = draft.make_preview_request()

    assert "Justice for Quetta" not in preview.rendered_content
    assert "Justice for Quetta" in client.get("/en/").content.decode()
