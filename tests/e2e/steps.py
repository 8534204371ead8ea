"""What the browser tests share: the demo site's addresses and the steps a
visitor takes."""

import re
from pathlib import Path
from urllib.parse import urlsplit

LANGUAGES = ("en", "ur", "haz")
RTL_LANGUAGES = ("ur", "haz")
AXE = Path(__file__).with_name("vendor") / "axe.min.js"

# Demo pages under /<language>/, by kind.
CAMPAIGN = "stand-up-for-quetta/"
PAGES = {
    "home": "",
    "appeal": "after-mach/",
    "campaign": CAMPAIGN,
    "goal": CAMPAIGN + "law-enforcement-accountability/",
    "programs": "programs/",
    "program": "programs/education/",
    "petition": CAMPAIGN + "petition/",
    "report": CAMPAIGN + "report/",
    "donate": "donate/",
    "volunteer": "join-now/",
    "coordinator": CAMPAIGN + "regional-coordinator/",
    "contact": "contact/",
}
# Form pages (campaigns.FormPage): they post to /<language>/forms/<id>/send/.
FORM_PAGES = ("volunteer", "coordinator", "contact")
FORM_SENT_BY = "form.site-form[action$='/send/']"

# Every address in a page that makes a browser fetch something, including
# what it has not fetched yet (lazy pictures below the fold, other sizes).
RESOURCE_URLS = """() => [
    ...[...document.querySelectorAll(
        "[src], link[href]:not([rel~=alternate]):not([rel~=canonical]), object[data]"
    )].map(e => e.src || e.href || e.data),
    ...[...document.querySelectorAll("[srcset]")].flatMap(
        e => e.srcset.split(",").map(
            s => new URL(s.trim().split(" ")[0], document.baseURI).href)
    ),
]"""

# Western, Persian and Arabic-Indic digits, as the languages write them.
DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def page_url(language: str, kind: str) -> str:
    return f"/{language}/{PAGES[kind]}"


def page_load(page, address: str):
    """Open an address and wait until its stylesheets, pictures in view and
    fonts have loaded; the response."""
    response = page.goto(address, wait_until="load")
    page.evaluate("document.fonts.ready.then(() => true)")
    return response


def follow(page, target) -> None:
    """Click a link or button (a locator) and wait for the page it opens."""
    with page.expect_navigation():
        target.click()


def number_read(text: str) -> int:
    """A number as the page shows it, in any of the languages' digits and
    with any grouping separator."""
    digits = re.sub(r"\D", "", text.translate(DIGITS))
    assert digits, f"no number in {text!r}"
    return int(digits)


def shown_count(page) -> int:
    """The signature count on a page with a petition's progress, checked
    against the progress bar's value."""
    count = number_read(page.locator(".petition-progress__count strong").inner_text())
    bar = page.locator("progress.petition-progress__bar")
    assert int(bar.get_attribute("value")) == min(count, int(bar.get_attribute("max")))
    return count


def thanks_url(page) -> str:
    """The thank-you page's address, read from the petition page's form."""
    action = page.locator("form[action$='/sign/']").get_attribute("action")
    return re.sub(r"/sign/$", "/thanks/", action)


def form_thanks_url(page) -> str:
    """A form page's thank-you page, read from its form's address."""
    action = page.locator(FORM_SENT_BY).get_attribute("action")
    return re.sub(r"/send/$", "/thanks/", action)


def assert_in_language(page, language: str) -> None:
    """The page is in the language and has been translated into it."""
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator(".untranslated-notice").count() == 0
    heading = page.locator("main h1").inner_text()
    assert in_arabic_script(heading) == (language != "en"), heading


def petition_form_fill(page, *, name: str, email: str, city: str = "") -> None:
    page.locator("#id_name").fill(name)
    page.locator("#id_email").fill(email)
    if city:
        page.locator("#id_city").fill(city)


def confirmation_link(message, *, site_url: str, language: str) -> str:
    """The confirmation link in the plain-text part of an email."""
    text = message.get_body(preferencelist=("plain",)).get_content()
    match = re.search(
        re.escape(site_url) + rf"/{language}/petitions/confirm/[^\s/]+/", text
    )
    assert match, f"no confirmation link in:\n{text}"
    return match.group(0)


def share_hosts(page) -> set[str]:
    """Where the share links on the page lead (scheme for mailto)."""
    hrefs = page.locator(".share__links a").evaluate_all(
        "links => links.map(link => link.href)"
    )
    return {urlsplit(href).netloc or urlsplit(href).scheme for href in hrefs}


def in_arabic_script(text: str) -> bool:
    return any("\u0600" <= character <= "\u06ff" for character in text)


def axe_violations(page, *, rules_off: tuple[str, ...] = ()) -> list[str]:
    """Run axe-core (from tests/e2e/vendor, never from another host) on the
    page; its violations, one line each. It is evaluated through the DevTools
    protocol, as the site's Content-Security-Policy rightly refuses a script
    added to the page."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text() + "\n;true")
    violations = page.evaluate(
        """async (rulesOff) => {
            const rules = Object.fromEntries(
                rulesOff.map(id => [id, {enabled: false}]));
            const result = await axe.run(
                document, {rules, resultTypes: ["violations"]});
            return result.violations.map(v =>
                `${v.id} (${v.impact}): ${v.help}: ` +
                v.nodes.map(n => n.target.join(" ")).join(", "));
        }""",
        list(rules_off),
    )
    return violations


def admin_login(page, *, username: str, password: str) -> None:
    page.goto("/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    follow(page, page.get_by_role("button", name="Sign in"))
    assert page.url.endswith("/admin/")


def translation_segment(page, source: str):
    """One string in wagtail-localize's translation editor, by its English."""
    return page.locator(".w-translation-target li:has(> p)").filter(
        has=page.locator("> p", has_text=source)
    )


def text_and_box(locator) -> dict:
    """Where an element's text sits inside it: the bounding boxes of its text
    (a DOM Range over its contents) and of the element itself."""
    return locator.evaluate(
        """element => {
            const range = document.createRange();
            range.selectNodeContents(element);
            const text = range.getBoundingClientRect();
            const box = element.getBoundingClientRect();
            return {text: {left: text.left, right: text.right},
                    box: {left: box.left, right: box.right}};
        }"""
    )


def computed(locator, *properties: str) -> list[str]:
    return locator.evaluate(
        "(element, properties) => properties.map("
        "name => getComputedStyle(element).getPropertyValue(name))",
        list(properties),
    )


def fonts_loaded(page) -> dict[str, str]:
    """The site's web fonts the page has loaded or tried to: {family: status}."""
    return page.evaluate(
        """() => Object.fromEntries([...document.fonts]
            .filter(face => face.status !== "unloaded")
            .map(face => [face.family.replaceAll('"', ""), face.status]))"""
    )


def glyph_places(locator, run: str) -> list[dict]:
    """Where each visible character of `run` (found in the element's text) is
    drawn: {char, left, right, top, bottom}, in the run's logical order."""
    return locator.evaluate(
        """(element, run) => {
            const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
            const nodes = [];
            let text = "";
            while (walker.nextNode()) {
                nodes.push([walker.currentNode, text.length]);
                text += walker.currentNode.data;
            }
            const start = text.indexOf(run);
            if (start < 0) return null;
            const places = [];
            for (let i = start; i < start + run.length; i++) {
                if (/\\s/.test(text[i])) continue;
                const [node, offset] = nodes.filter(([, at]) => at <= i).pop();
                const range = document.createRange();
                range.setStart(node, i - offset);
                range.setEnd(node, i - offset + 1);
                const box = range.getClientRects()[0];
                places.push({char: text[i], left: box.left, right: box.right,
                             top: box.top, bottom: box.bottom});
            }
            return places;
        }""",
        run,
    )


def reads_left_to_right(places: list[dict]) -> bool:
    """True when each character is drawn to the right of the one before it,
    or starts a lower line: the run is not reordered by the text around it."""
    for before, after in zip(places, places[1:], strict=False):
        next_line = after["top"] >= before["bottom"] - 2
        if not (next_line or after["left"] >= before["right"] - 1):
            return False
    return True
