"""A link planted in a page runs nothing when staff open the page in the admin:
View draft is served under the public site's policy, which allows no inline
script, so a javascript: link cannot act with the admin's session."""

from tests.e2e.conftest import ACCOUNTS, DESKTOP
from tests.e2e.steps import admin_login, page_url

# Stored the way content saved before links were checked could be: straight
# into a draft revision of the Urdu donate page, past every validation.
PWNED = "pwned-by-a-translation"
PLANT = """
from wagtail.models import Page
page = Page.objects.get(
    url_path__endswith="/donate/", locale__language_code="ur"
).specific
href = "javascript:void(document.title='PWNED')"
page.body = [
    {"type": "text", "value": '<p><a href="' + href + '">Open the export</a></p>'}
]
page.save_revision(clean=False)
print(page.id)
""".replace("PWNED", PWNED)


def test_a_planted_script_link_does_not_run_in_view_draft(open_page, demo_site):
    page_id = demo_site.manage("shell", "-c", PLANT).strip().splitlines()[-1]
    admin = open_page(viewport=DESKTOP)
    admin_login(admin, username="editor", password=ACCOUNTS["editor"][0])

    admin.goto(f"/admin/pages/{page_id}/view_draft/")
    admin.evaluate(
        """() => {
            window.blocked = [];
            document.addEventListener('securitypolicyviolation',
                (event) => window.blocked.push(event.effectiveDirective));
        }"""
    )
    title = admin.title()
    link = admin.get_by_role("link", name="Open the export")
    assert link.count() == 1
    link.click()
    # Either the policy blocks the link, or the link runs and sets the title.
    admin.wait_for_function(
        "pwned => window.blocked.length > 0 || document.title === pwned", arg=PWNED
    )

    assert admin.title() == title != PWNED
    assert admin.evaluate("window.blocked")[0].startswith("script-src")
    # The public page itself is untouched: the draft is not live.
    visitor = open_page()
    visitor.goto(page_url("ur", "donate"))
    assert visitor.get_by_role("link", name="Open the export").count() == 0
