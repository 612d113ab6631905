"""The guided first run (issue 19): a role's first visit to the home page shows where to
start; it can be put away (stored per person, audited) and comes back from the help page.
Run against the demo (tests/walk/conftest.py), each test in its own savepoint."""

import datetime as dt

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Milestone
from portal.models import AuditEntry, GuideDismissal, Membership, Role
from portal.services.guide import dismiss_first_run_guide, restore_first_run_guide
from tests.walk.conftest import demo  # noqa: F401  (the module's demo fixture)

pytestmark = pytest.mark.django_db

FIRST_RUN = 'id="first-run"'


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


def home(client):
    return client.get(reverse("home")).content.decode()


def first_run_box(page):
    start = page.index(FIRST_RUN)
    return page[start : page.index("</section>", start)]


def guides_shown(page):
    if FIRST_RUN not in page:
        return []
    box = first_run_box(page)
    return [part.split('"', 1)[0] for part in box.split('data-guide="')[1:]]


@pytest.mark.parametrize(
    ("username", "guides", "lines"),
    [
        (
            "chutich_senhong",
            ["chair", "member"],
            ["Tạo kế hoạch từ kế hoạch của LĐLĐ.", "Nhập danh sách đoàn viên từ tệp Excel."],
        ),
        (
            "ldld_govap",
            ["federation"],
            [
                "Ban hành kế hoạch thi đua cho các đơn vị.",
                "Theo dõi đơn vị trên bảng tổng hợp tiến độ.",
            ],
        ),
        ("bch_senhong", ["bch", "member"], ["Chấm điểm các báo cáo tự đánh giá được giao."]),
        ("bithu_senhong", ["cell", "member"], ["Lập kế hoạch sinh hoạt chuyên đề của chi bộ."]),
        (
            "bgh_senhong",
            ["board", "member"],
            ["Cho ý kiến về người được đề nghị khen thưởng khi được hỏi."],
        ),
    ],
)
def test_first_run_shows_where_each_role_starts_once(demo, username, guides, lines):  # noqa: F811
    client = signed_in(demo.user(username))

    first = home(client)
    client.post(reverse("guide_dismiss"))
    second = home(client)

    assert guides_shown(first) == guides
    for line in lines:
        assert line in first_run_box(first)
    assert guides_shown(second) == []


def test_member_is_told_the_real_deadline_of_the_self_report(demo):  # noqa: F811
    member = demo.user("doanvien_senhong")
    milestone = demo.live_cdcs_plan.milestones.get(kind=Milestone.Kind.SELF_REPORT)
    at = timezone.localtime(milestone.ends_at)

    box = first_run_box(home(signed_in(member)))

    assert guides_shown(box + "</section>") == ["member"]
    assert f"Nộp báo cáo tự đánh giá trước {at:%H:%M} ngày {at:%d/%m/%Y}." in box
    assert f'action="{reverse("guide_dismiss")}"' in box


def test_home_runs_the_due_providers_once(demo, monkeypatch):  # noqa: F811
    """The guide reads the deadline from the items the cards were made of."""
    from portal import due

    calls = []
    monkeypatch.setattr(
        due, "_providers", [*due._providers, lambda user, now: calls.append(user) or []]
    )
    member = demo.user("doanvien_senhong")
    milestone = demo.live_cdcs_plan.milestones.get(kind=Milestone.Kind.SELF_REPORT)
    at = timezone.localtime(milestone.ends_at)

    box = first_run_box(home(signed_in(member)))

    assert f"Nộp báo cáo tự đánh giá trước {at:%H:%M} ngày {at:%d/%m/%Y}." in box
    assert calls == [member]


def test_member_who_submitted_is_still_told_the_deadline(demo):  # noqa: F811
    from tests.walk.tables.nominations import _report

    _report(demo)  # doanvien_senhong's report, submitted
    at = timezone.localtime(
        demo.live_cdcs_plan.milestones.get(kind=Milestone.Kind.SELF_REPORT).ends_at
    )

    box = first_run_box(home(signed_in(demo.user("doanvien_senhong"))))

    assert f"Nộp báo cáo tự đánh giá trước {at:%H:%M} ngày {at:%d/%m/%Y}." in box


def test_member_without_an_open_window_gets_the_plain_line(demo):  # noqa: F811
    past = timezone.now() - dt.timedelta(days=1)
    demo.live_cdcs_plan.milestones.filter(kind=Milestone.Kind.SELF_REPORT).update(ends_at=past)

    box = first_run_box(home(signed_in(demo.user("doanvien_senhong"))))

    assert "Nộp báo cáo tự đánh giá trước hạn ở mục “Việc cần làm”." in box


def test_dismissal_sticks_for_the_person_and_only_for_them(demo):  # noqa: F811
    member, chair = demo.user("doanvien_senhong"), demo.user("chutich_senhong")
    signed_in(member).post(reverse("guide_dismiss"))

    later = home(signed_in(member))  # a new session
    other = home(signed_in(chair))

    assert guides_shown(later) == []
    assert guides_shown(other) == ["chair", "member"]
    assert list(GuideDismissal.objects.values_list("user__username", "guide")) == [
        ("doanvien_senhong", "member")
    ]
    entry = AuditEntry.objects.get(action="guide.dismiss")
    assert (entry.actor, entry.data) == (member, {"guides": ["member"]})


def test_help_link_brings_the_guide_back(demo):  # noqa: F811
    member = demo.user("doanvien_senhong")
    client = signed_in(member)
    client.post(reverse("guide_dismiss"))

    help_page = client.get(reverse("guide")).content.decode()
    response = client.post(reverse("guide_restore"))
    again = home(client)

    assert f'href="{reverse("guide")}"' in home(signed_in(demo.user("chutich_senhong")))
    assert guides_shown(help_page) == ["member"]  # the steps, on the help page itself
    assert f'action="{reverse("guide_restore")}"' in help_page
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert guides_shown(again) == ["member"]
    assert not GuideDismissal.objects.filter(user=member).exists()
    entry = AuditEntry.objects.get(action="guide.restore")
    assert (entry.actor, entry.data) == (member, {"guides": ["member"]})


def test_help_page_offers_no_restore_while_the_guide_shows(demo):  # noqa: F811
    page = signed_in(demo.user("doanvien_senhong")).get(reverse("guide")).content.decode()

    assert reverse("guide_restore") not in page


def test_a_role_taken_on_later_shows_its_own_guide_once(demo):  # noqa: F811
    member = demo.user("doanvien_senhong")
    dismiss_first_run_guide(actor=member)
    Membership.objects.create(user=member, unit=demo.senhong, role=Role.BCH_MEMBER)

    assert guides_shown(home(signed_in(member))) == ["bch"]


def test_dismiss_and_restore_are_post_only(demo):  # noqa: F811
    client = signed_in(demo.user("doanvien_senhong"))
    before = AuditEntry.objects.count()

    assert client.get(reverse("guide_dismiss")).status_code == 405
    assert client.get(reverse("guide_restore")).status_code == 405
    assert AuditEntry.objects.count() == before
    assert not GuideDismissal.objects.exists()


def test_anonymous_post_goes_to_the_login_page_and_writes_nothing(demo):  # noqa: F811
    response = Client().post(reverse("guide_dismiss"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert not GuideDismissal.objects.exists()


def test_dismissing_twice_says_so_and_writes_nothing(demo):  # noqa: F811
    client = signed_in(demo.user("doanvien_senhong"))
    client.post(reverse("guide_dismiss"))
    before = AuditEntry.objects.count()

    response = client.post(reverse("guide_dismiss"), follow=True)

    assert "Không có hướng dẫn bắt đầu nào đang hiện." in response.content.decode()
    assert AuditEntry.objects.count() == before
    assert GuideDismissal.objects.count() == 1


def test_restoring_a_guide_that_shows_says_so(demo):  # noqa: F811
    member = demo.user("doanvien_senhong")

    with pytest.raises(Exception, match="Hướng dẫn bắt đầu đang hiện trên trang chủ."):
        restore_first_run_guide(actor=member)

    assert not AuditEntry.objects.filter(action="guide.restore").exists()


def test_admin_without_a_role_has_no_first_run_and_nothing_to_put_away(demo):  # noqa: F811
    client = signed_in(demo.user("admin"))

    page = home(client)
    response = client.post(reverse("guide_dismiss"), follow=True)

    assert FIRST_RUN not in page
    assert "Không có hướng dẫn bắt đầu nào đang hiện." in response.content.decode()


@pytest.mark.parametrize(
    ("slug", "title"),
    [
        ("doan-vien", "Đoàn viên"),
        ("chu-tich", "Chủ tịch công đoàn cơ sở"),
        ("ban-chap-hanh", "Ủy viên Ban Chấp hành"),
        ("chi-bo", "Bí thư, cấp ủy chi bộ"),
        ("ban-giam-hieu", "Ban giám hiệu"),
        ("ldld", "Cán bộ LĐLĐ"),
    ],
)
def test_each_role_has_its_guide_page(demo, slug, title):  # noqa: F811
    from portal.help import GUIDE_OF_SLUG

    page = signed_in(demo.user("doanvien_senhong")).get(reverse("guide_page", args=[slug]))
    text = page.content.decode()

    assert page.status_code == 200
    assert f'<h1 class="h3">Hướng dẫn sử dụng: {title}</h1>' in text
    for shot in GUIDE_OF_SLUG[slug].screenshots:
        assert f'guide/{shot.name}"' in text
    assert reverse("guide_dismiss") not in text  # put away only from the home page


def test_unknown_guide_page_is_404(demo):  # noqa: F811
    client = signed_in(demo.user("doanvien_senhong"))

    assert client.get(reverse("guide_page", args=["khong-co"])).status_code == 404


def test_first_run_reads_in_english(demo):  # noqa: F811
    client = signed_in(demo.user("ldld_govap"))
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    box = first_run_box(home(client))

    assert "Issue the campaign plan to the units." in box
    assert "Follow the units on the progress dashboard." in box
