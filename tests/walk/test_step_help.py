"""Every step of a campaign says what it is for and what comes next (issue 19): each step
page shows its line from portal/help.py under its heading, and each home page card says
what happens after its action. The pages are opened with the walk's demo and kwargs, as
the first role the walk lets in."""

import html

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation

from portal.help import STEPS
from tests.walk.tables import ROLES, collect

pytestmark = pytest.mark.django_db

VOTE = "vote"
STEP_PAGES = {
    "campaigns:plan_detail": "plan",
    "campaigns:plan_cascade": "cascade",
    "campaigns:registration_member": "registration",
    "campaigns:registration_unit": "registration",
    "campaigns:registration_overview": "registration",
    "campaigns:selfreport_fill": "selfreport",
    "campaigns:selfreport_overview": "selfreport",
    "nominations:review_board": "review",
    "nominations:score_report": "review",
    "nominations:report_review": "review",
    "nominations:opinions_page": "consultation",
    "nominations:nomination_list": "consultation",
    "nominations:round_list": VOTE,
    "nominations:round_create": VOTE,
    "nominations:round_detail": VOTE,
    "nominations:round_results": VOTE,
    "nominations:ballot": VOTE,
    "nominations:round_count": VOTE,
    "nominations:round_committee": VOTE,
    "nominations:round_bulletin": VOTE,
    "nominations:list_page": "lists",
    "nominations:dossier_detail": "dossiers",
    "nominations:incoming": "incoming",
    "nominations:decision_new": "decisions",
    "nominations:decision_detail": "decisions",
    "nominations:decision_from_dossiers": "decisions",
    "nominations:condition_list": "conditions",
    "campaigns:unit_assessment": "conditions",
    "nominations:plan_progress": "dashboard",
    "reports:dashboard": "dashboard",
    "campaigns:rating_board": "ratings",
    "campaigns:rating_setup": "ratings",
    "campaigns:assessment_detail": "ratings",
    "reports:periodic_list": "periodic",
    "reports:periodic_detail": "periodic",
    "reports:periodic_edit": "periodic",
    "reports:summary_edit": "periodic",
    "campaigns:meeting_plan_list": "meetings",
    "campaigns:meeting_plan": "meetings",
    "campaigns:meeting_detail": "meetings",
    "campaigns:meeting_create": "meetings",
    "campaigns:minutes_create": "meetings",
    "campaigns:meeting_quarter_report": "meetings",
    "campaigns:meeting_committee_overview": "meetings",
}
HEADED_BY_DOCUMENT = {"campaigns:plan_detail"}
EXPECTATIONS = collect()


def first_get(url_name):
    expects = EXPECTATIONS[url_name]
    for expect in expects if isinstance(expects, list) else [expects]:
        if expect.method == "GET":
            return expect
    raise AssertionError(f"no GET expectation for {url_name}")


def open_as_first_allowed(url_name, demo):
    """The page as the first demo role the walk lets in (admin last)."""
    expect = first_get(url_name)
    roles = [r for r in ROLES if r not in ("anonymous", "admin")] + ["admin"]
    role = next(r for r in roles if expect.status[r] == 200)
    kwargs = expect.kwargs(demo) if callable(expect.kwargs) else (expect.kwargs or {})
    data = expect.data(demo) if callable(expect.data) else (expect.data or {})
    client = Client()
    client.force_login(demo.user(role))
    response = client.get(reverse(url_name, kwargs=kwargs), data)
    assert response.status_code == 200, (url_name, role)
    return response.content.decode()


def line_of(key):
    step = STEPS[key]
    with translation.override("vi"):
        return html.escape(str(step.purpose)), html.escape(str(step.after))


def test_every_step_has_a_page_in_the_table():
    assert set(STEP_PAGES.values()) == set(STEPS)


@pytest.mark.parametrize("url_name", sorted(STEP_PAGES))
def test_step_page_shows_its_line_under_the_heading(url_name, demo):
    key = STEP_PAGES[url_name]
    purpose, after = line_of(key)

    page = open_as_first_allowed(url_name, demo)

    assert page.count('class="step-help') == 1
    assert f'data-step="{key}"' in page
    assert purpose in page
    assert f"Tiếp theo: {after}" in page
    # Under the heading (the plan's page has the document's own heading below the line).
    if url_name not in HEADED_BY_DOCUMENT:
        assert page.index("</h1>") < page.index('class="step-help')


def test_step_line_is_english_in_english(demo):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(demo.user("doanvien_senhong"))
    plan = demo.live_cdcs_plan

    page = client.get(reverse("campaigns:selfreport_fill", args=[plan.pk])).content.decode()

    with translation.override("en"):
        purpose = str(STEPS["selfreport"].purpose)
    assert purpose.startswith("Assess yourself")
    assert purpose in page
    assert "Next:" in page


def test_home_cards_say_what_happens_after_the_action(demo):
    client = Client()
    client.force_login(demo.user("doanvien_senhong"))
    plan = demo.live_cdcs_plan
    _, after = line_of("selfreport")

    page = client.get(reverse("home")).content.decode()

    card_start = page.index(f'href="{reverse("campaigns:selfreport_fill", args=[plan.pk])}"')
    card = page[card_start : page.index("</a>", card_start)]
    assert f'<div class="small text-body-secondary due-next">Tiếp theo: {after}</div>' in card


def test_federation_card_says_what_comes_after_watching(demo):
    client = Client()
    client.force_login(demo.user("ldld_govap"))
    _, after = line_of("dashboard")

    page = client.get(reverse("home")).content.decode()

    assert page.count("due-next") == page.count("list-group-item-action")
    assert f"Tiếp theo: {after}" in page
