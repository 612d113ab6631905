import datetime as dt

import pytest
from django.urls import reverse

from campaigns.models import DeadlineExtension, Plan
from campaigns.selectors.selfreports import MemberStatus, own_report, unit_overview
from campaigns.services.selfreports import save_draft, submit_self_report
from portal.models import AuditEntry, Role
from tests.campaigns.selfreports.conftest import BEFORE, DEADLINE, answers
from tests.factories import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


def member(union, full_name, username, group=None, email=""):
    user = UserFactory(username=username, full_name=full_name, email=email)
    MembershipFactory(user=user, unit=union, role=Role.MEMBER, group=group)
    return user


def submit(plan, user, now=BEFORE):
    return submit_self_report(
        report=own_report(plan, user), actor=user, data=answers(plan), now=now
    )


def rows_of(overview):
    return [(g.name, [(r.full_name, r.status.value) for r in g.rows]) for g in overview.groups]


@pytest.fixture
def unit_with_statuses(plan, union, group, alice):
    """alice (chair, no group): nothing; one member per status in the group."""
    linh = member(union, "Trần Thị Mỹ Linh", "linh", group)
    an = member(union, "Nguyễn Văn An", "an", group)
    anh = member(union, "Lê Thị Ánh", "anh", group)
    binh = member(union, "Đỗ Văn Bình", "binh", group)
    submit(plan, linh)
    save_draft(report=own_report(plan, an), actor=an, data=answers(plan), now=BEFORE)
    Plan.objects.filter(pk=plan.pk).update(late_policy=Plan.LatePolicy.ACCEPT_LATE)
    plan.refresh_from_db()
    submit(plan, anh, now=DEADLINE + dt.timedelta(minutes=3))
    DeadlineExtension.objects.create(
        plan=plan,
        member=binh,
        reason="Ốm",
        requested_at=BEFORE,
        status=DeadlineExtension.Status.GRANTED,
        new_deadline=DEADLINE + dt.timedelta(days=1),
    )
    return plan


def test_overview_status_by_group_in_vietnamese_order(unit_with_statuses):
    overview = unit_overview(unit_with_statuses)

    assert rows_of(overview) == [
        (
            "Tổ Chồi",
            [
                ("Nguyễn Văn An", "draft"),
                ("Lê Thị Ánh", "late"),
                ("Đỗ Văn Bình", "extended"),
                ("Trần Thị Mỹ Linh", "submitted"),
            ],
        ),
        ("Chưa phân tổ", [("Trần Thị Alice", "nothing")]),
    ]
    assert overview.counts == {
        MemberStatus.NOTHING: 1,
        MemberStatus.DRAFT: 1,
        MemberStatus.SUBMITTED: 1,
        MemberStatus.LATE: 1,
        MemberStatus.EXTENDED: 1,
    }
    assert (overview.total, overview.submitted, overview.shown) == (5, 2, 5)


def test_overview_filter_by_status_keeps_counts(unit_with_statuses):
    overview = unit_overview(unit_with_statuses, status="late")

    assert rows_of(overview) == [("Tổ Chồi", [("Lê Thị Ánh", "late")])]
    assert overview.total == 5


def test_overview_search_ignores_diacritics(unit_with_statuses):
    overview = unit_overview(unit_with_statuses, search="do van binh")

    assert rows_of(overview) == [("Tổ Chồi", [("Đỗ Văn Bình", "extended")])]


def test_overview_page_shows_time_of_submission(client, unit_with_statuses, alice):
    client.force_login(alice)

    response = client.get(reverse("campaigns:selfreport_overview", args=[unit_with_statuses.pk]))

    html = response.content.decode()
    assert response.status_code == 200
    assert "11:30:00 22/03/2023" in html  # Linh, a day before the deadline
    assert "11:33:00 23/03/2023" in html  # Ánh, three minutes late
    assert "2/5 đoàn viên đã nộp báo cáo." in html


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("alice", 200),
        ("dave", 200),
        ("federation_staff", 200),
        ("bob", 403),
        ("charlie", 404),
    ],
)
def test_overview_by_role(
    client, plan, alice, dave, federation_staff, bob, charlie, who, status, request
):
    client.force_login(request.getfixturevalue(who))

    response = client.get(reverse("campaigns:selfreport_overview", args=[plan.pk]))

    assert response.status_code == status


@pytest.mark.parametrize("n", [1, 60])
def test_overview_queries_do_not_grow_with_members(
    client, live_plan, union, group, dave, n, django_assert_num_queries
):
    people = [member(union, f"Nguyễn Thị Số{i}", f"m{i}", group) for i in range(n)]
    for user in people[: (n + 1) // 2]:  # half of them submitted, with a file-less report
        submit_self_report(report=own_report(live_plan, user), actor=user, data=answers(live_plan))
    DeadlineExtension.objects.create(
        plan=live_plan,
        member=people[-1],
        reason="Ốm",
        requested_at=BEFORE,
        status=DeadlineExtension.Status.REQUESTED,
    )
    client.force_login(dave)
    url = reverse("campaigns:selfreport_overview", args=[live_plan.pk])

    with django_assert_num_queries(10):
        response = client.get(url)

    assert response.status_code == 200
    assert response.content.decode().count("data-member=") == n + 1


def test_remind_button_mails_missing_members_and_audits(
    client, live_plan, union, dave, mailoutbox, django_capture_on_commit_callbacks
):
    missing = member(union, "Phạm Thị Chưa Nộp", "chuanop", email="chuanop@example.vn")
    done = member(union, "Phạm Thị Đã Nộp", "danop", email="danop@example.vn")
    submit_self_report(report=own_report(live_plan, done), actor=done, data=answers(live_plan))
    client.force_login(dave)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("campaigns:selfreport_remind", args=[live_plan.pk]))

    assert response.status_code == 302
    assert sorted(m.to[0] for m in mailoutbox) == ["chuanop@example.vn", "dave@example.vn"]
    entry = AuditEntry.objects.get(action="selfreport.reminded")
    assert sorted(entry.data["members"]) == sorted([missing.pk, dave.pk])


def test_remind_button_refused_to_ordinary_member(client, live_plan, bob):
    client.force_login(bob)

    response = client.post(reverse("campaigns:selfreport_remind", args=[live_plan.pk]))

    assert response.status_code == 403
