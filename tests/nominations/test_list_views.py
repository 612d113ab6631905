import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from nominations.models import Dossier, DossierAttachment, NominationList, Objection
from nominations.services.dossiers import forward_dossier, prepare_dossier
from nominations.services.lists import finalise_list, publish_list
from tests.nominations.factories import NominationFactory
from tests.nominations.test_lists import PDF, pass_all

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)


@pytest.fixture
def passed(bch, bob, plan, local_title):
    nomination = NominationFactory(plan=plan, title=local_title, nominee=bob, proposed_by=bch[0])
    pass_all(bch[0], bch, plan, [nomination], timezone.now() - 2 * DAY)
    return nomination


@pytest.fixture
def live_list(passed, bch, plan):
    nomination_list = finalise_list(plan=plan, actor=bch[0])
    return publish_list(nomination_list=nomination_list, actor=bch[0], feedback_days=5)


@pytest.fixture
def closed_list(passed, bch, plan):
    """Published six days ago: its feedback window is over."""
    earlier = timezone.now() - 6 * DAY
    nomination_list = finalise_list(plan=plan, actor=bch[0], now=earlier)
    return publish_list(nomination_list=nomination_list, actor=bch[0], now=earlier)


@pytest.fixture
def forwarded(closed_list, bch):
    dossier = prepare_dossier(nomination=closed_list.entries.get().nomination, actor=bch[0])
    return forward_dossier(dossier=dossier, actor=bch[0])


def test_list_page_chair_finalises(client, bch, plan, passed):
    client.force_login(bch[0])

    before = client.get(reverse("nominations:list_page", args=[plan.pk]))
    client.post(reverse("nominations:list_finalise", args=[plan.pk]))

    assert list(before.context["passed"]) == [passed]
    assert NominationList.objects.get().entries.get().nomination == passed


def test_list_finalise_by_bch_member_forbidden(client, bch, plan, passed):
    client.force_login(bch[1])

    assert client.post(reverse("nominations:list_finalise", args=[plan.pk])).status_code == 403


def test_list_page_plain_member_before_publication_forbidden(client, bch, plan, passed):
    from portal.models import Role
    from tests.factories import MembershipFactory, UserFactory

    member = UserFactory()
    MembershipFactory(user=member, unit=plan.issuer, role=Role.MEMBER)
    finalise_list(plan=plan, actor=bch[0])
    client.force_login(member)

    assert client.get(reverse("nominations:list_page", args=[plan.pk])).status_code == 403


def test_list_page_member_sees_published_list_and_objects(client, live_list, plan):
    from portal.models import Role
    from tests.factories import MembershipFactory, UserFactory

    member = UserFactory()
    MembershipFactory(user=member, unit=plan.issuer, role=Role.MEMBER)
    client.force_login(member)

    page = client.get(reverse("nominations:list_page", args=[plan.pk]))
    client.post(
        reverse("nominations:objection_submit", args=[plan.pk]),
        {"text": "Chưa đúng thành tích", "entry": live_list.entries.get().pk},
    )

    assert [e.nomination for g in page.context["groups"] for e in g.entries] == [
        live_list.entries.get().nomination
    ]
    assert page.context["window_open"] is True
    assert list(Objection.objects.values_list("author", "text")) == [
        (member.pk, "Chưa đúng thành tích")
    ]


def test_list_page_hidden_from_other_unit(client, charlie, live_list, plan):
    client.force_login(charlie)

    assert client.get(reverse("nominations:list_page", args=[plan.pk])).status_code == 404


def test_objection_answer_by_chair(client, bch, live_list, plan):
    objection = Objection.objects.create(list=live_list, author=bch[2], text="?")
    client.force_login(bch[0])

    client.post(reverse("nominations:objection_answer", args=[objection.pk]), {"answer": "Đúng."})

    objection.refresh_from_db()
    assert objection.answer == "Đúng."


def test_objection_answer_by_author_forbidden(client, bch, live_list):
    objection = Objection.objects.create(list=live_list, author=bch[2], text="?")
    client.force_login(bch[2])

    response = client.post(
        reverse("nominations:objection_answer", args=[objection.pk]), {"answer": "x"}
    )

    assert response.status_code == 403


def test_dossier_prepare_attach_and_forward(client, bch, closed_list):
    nomination = closed_list.entries.get().nomination
    client.force_login(bch[0])

    response = client.post(reverse("nominations:dossier_prepare", args=[nomination.pk]))
    dossier = Dossier.objects.get()
    client.post(
        reverse("nominations:dossier_attach", args=[dossier.pk]),
        {"kind": "achievements", "file": SimpleUploadedFile("bao-cao.pdf", PDF)},
    )
    client.post(reverse("nominations:dossier_forward", args=[dossier.pk]))

    assert response["Location"] == reverse("nominations:dossier_detail", args=[dossier.pk])
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.FORWARDED
    assert list(dossier.attachments.values_list("kind", flat=True)) == ["achievements"]


def test_dossier_forward_get_not_allowed(client, bch, closed_list):
    dossier = prepare_dossier(nomination=closed_list.entries.get().nomination, actor=bch[0])
    client.force_login(bch[0])

    assert client.get(reverse("nominations:dossier_forward", args=[dossier.pk])).status_code == 405


def test_draft_dossier_hidden_from_federation(client, bch, federation_staff, closed_list):
    dossier = prepare_dossier(nomination=closed_list.entries.get().nomination, actor=bch[0])
    client.force_login(federation_staff)

    assert client.get(reverse("nominations:dossier_detail", args=[dossier.pk])).status_code == 404


def test_incoming_shows_forwarded_dossier_to_federation(
    client, federation_staff, forwarded, federation_plan
):
    client.force_login(federation_staff)

    response = client.get(reverse("nominations:incoming", args=[federation_plan.pk]))

    assert list(response.context["dossiers"]) == [forwarded]


def test_incoming_forbidden_for_cdcs_member(client, bch, federation_plan):
    client.force_login(bch[1])

    assert client.get(reverse("nominations:incoming", args=[federation_plan.pk])).status_code == 403


@pytest.mark.parametrize("rows", [1, 3])
def test_incoming_query_count_does_not_grow(
    client,
    django_assert_num_queries,
    bch,
    federation_staff,
    federation_plan,
    plan,
    local_title,
    rows,
):
    nominations = [
        NominationFactory(plan=plan, title=local_title, proposed_by=bch[0]) for _ in range(rows)
    ]
    pass_all(bch[0], bch, plan, nominations, timezone.now() - 8 * DAY)
    earlier = timezone.now() - 6 * DAY
    nomination_list = finalise_list(plan=plan, actor=bch[0], now=earlier)
    publish_list(nomination_list=nomination_list, actor=bch[0], now=earlier)
    for nomination in nominations:
        forward_dossier(dossier=prepare_dossier(nomination=nomination, actor=bch[0]), actor=bch[0])
    client.force_login(federation_staff)

    with django_assert_num_queries(5):
        response = client.get(reverse("nominations:incoming", args=[federation_plan.pk]))

    assert len(response.context["dossiers"]) == rows


def test_receive_and_return_by_federation(client, federation_staff, forwarded):
    client.force_login(federation_staff)

    client.post(reverse("nominations:dossier_receive", args=[forwarded.pk]))
    response = client.post(
        reverse("nominations:dossier_return", args=[forwarded.pk]), {"reason": "Thiếu biên bản"}
    )

    forwarded.refresh_from_db()
    assert response.status_code == 302
    assert (forwarded.status, forwarded.return_reason) == ("returned", "Thiếu biên bản")


def test_return_without_reason_shows_message(client, federation_staff, forwarded):
    client.force_login(federation_staff)

    response = client.post(
        reverse("nominations:dossier_return", args=[forwarded.pk]), {}, follow=True
    )

    assert [str(m) for m in response.context["messages"]] == ["Cần ghi lý do trả lại hồ sơ."]
    forwarded.refresh_from_db()
    assert forwarded.status == "forwarded"


def test_receive_by_sending_chair_forbidden(client, bch, forwarded):
    client.force_login(bch[0])

    assert (
        client.post(reverse("nominations:dossier_receive", args=[forwarded.pk])).status_code == 403
    )


def test_dossier_detail_for_federation_lists_contents(client, federation_staff, forwarded):
    client.force_login(federation_staff)

    response = client.get(reverse("nominations:dossier_detail", args=[forwarded.pk]))

    contents = response.context["contents"]
    assert [e.action for e in contents.events] == ["prepare", "forward"]
    assert [v.passed for v in contents.votes] == [True]
    assert response.context["decide"] is True and response.context["manage"] is False


def test_attachment_download_only_for_those_who_see_the_dossier(client, bch, charlie, closed_list):
    from nominations.services.dossiers import add_dossier_attachment

    dossier = prepare_dossier(nomination=closed_list.entries.get().nomination, actor=bch[0])
    attachment = add_dossier_attachment(
        dossier=dossier, file=SimpleUploadedFile("t.pdf", PDF), kind="submission", actor=bch[0]
    )
    url = reverse("nominations:attachment_download", args=[attachment.pk])

    client.force_login(bch[1])
    allowed = client.get(url)
    client.force_login(charlie)
    refused = client.get(url)

    assert allowed.status_code == 200
    assert b"".join(allowed.streaming_content) == PDF
    assert refused.status_code == 404
    assert DossierAttachment.objects.count() == 1


@pytest.mark.parametrize("rows", [1, 3])
def test_list_page_query_count_does_not_grow(
    client, django_assert_num_queries, bch, plan, local_title, rows
):
    nominations = [
        NominationFactory(plan=plan, title=local_title, proposed_by=bch[0]) for _ in range(rows)
    ]
    pass_all(bch[0], bch, plan, nominations, timezone.now() - 8 * DAY)
    nomination_list = finalise_list(plan=plan, actor=bch[0])
    publish_list(nomination_list=nomination_list, actor=bch[0])
    for entry in nomination_list.entries.all():
        Objection.objects.create(list=nomination_list, entry=entry, author=bch[2], text="?")
    client.force_login(bch[0])

    # + the nominations left off (prerequisite failed) and where the plan stands
    # (nominations.selectors.steps.step_facts: a fixed number of queries for the buttons),
    # and the list's award decision if one was issued (one query)
    with django_assert_num_queries(25):
        response = client.get(reverse("nominations:list_page", args=[plan.pk]))

    assert sum(len(g.entries) for g in response.context["groups"]) == rows
    assert len(response.context["objections"]) == rows


def test_list_publish_post_with_end_time(client, bch, plan, passed):
    finalise_list(plan=plan, actor=bch[0])
    client.force_login(bch[0])
    ends = timezone.localtime(timezone.now() + 2 * DAY).replace(second=0, microsecond=0)

    client.post(
        reverse("nominations:list_publish", args=[plan.pk]),
        {"feedback_ends_at": ends.strftime("%Y-%m-%dT%H:%M")},
    )

    assert NominationList.objects.get().feedback_ends_at == ends


def test_objection_form_names_the_person_and_the_title(client, bch, plan, passed, live_list):
    client.force_login(bch[1])

    page = client.get(reverse("nominations:list_page", args=[plan.pk])).content.decode()

    entry = live_list.entries.get()
    label = f"{passed.nominee_name} — {passed.title.name}"
    assert f'<option value="{entry.pk}">{label}</option>' in page


def test_publishing_tells_every_member_on_home_page_and_by_mail(
    client, bch, bob, plan, passed, mailoutbox, django_capture_on_commit_callbacks
):
    from portal.models import User
    from portal.vietnamese import format_deadline

    User.objects.filter(pk=bob.pk).update(email="bob@example.vn")
    User.objects.filter(pk=bch[1].pk).update(email="uv1@example.vn")
    nomination_list = finalise_list(plan=plan, actor=bch[0])
    with django_capture_on_commit_callbacks(execute=True):
        published = publish_list(nomination_list=nomination_list, actor=bch[0], feedback_days=5)

    deadline = format_deadline(published.feedback_ends_at)
    url = reverse("nominations:list_page", args=[plan.pk])
    assert sorted(m.to[0] for m in mailoutbox) == ["bob@example.vn", "uv1@example.vn"]
    assert all(deadline in m.subject and url in m.body for m in mailoutbox)
    client.force_login(bob)
    home = client.get("/").content.decode()
    assert f'href="{url}"' in home
    assert deadline in home


def test_publication_leaves_the_home_page_when_the_window_closes(client, bob, closed_list):
    client.force_login(bob)

    home = client.get("/").content.decode()

    assert reverse("nominations:list_page", args=[closed_list.plan_id]) not in home


def test_other_units_member_is_not_told(client, charlie, live_list):
    client.force_login(charlie)

    home = client.get("/").content.decode()

    assert reverse("nominations:list_page", args=[live_list.plan_id]) not in home
