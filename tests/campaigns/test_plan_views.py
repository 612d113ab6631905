import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from campaigns.models import Criterion, Milestone, Plan
from campaigns.services import cascade as cascade_services
from portal.models import OrgUnit, Role
from tests.factories import (
    CriterionFactory,
    MembershipFactory,
    MilestoneFactory,
    OrgUnitFactory,
    PlanFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def vn(*args):
    return dt.datetime(*args, tzinfo=VN)


@pytest.fixture
def federation_plan(federation):
    plan = PlanFactory(
        issuer=federation,
        number=9,
        symbol_override="09/LĐLĐ",
        issued_on=dt.date(2023, 3, 14),
        title="Sơ kết 02 năm thực hiện Kết luận số 01-KL/TW",
    )
    MilestoneFactory(
        plan=plan,
        kind=Milestone.Kind.SELF_REPORT,
        starts_at=vn(2023, 3, 15, 7, 0),
        ends_at=vn(2023, 3, 23, 11, 30),
    )
    return plan


@pytest.fixture
def union_plan(union, federation_plan):
    """Seed 000: the CĐCS plan implementing 09/LĐLĐ, as printed."""
    plan = PlanFactory(
        issuer=union,
        parent=federation_plan,
        number=8,
        issued_on=dt.date(2023, 3, 15),
        place="Gò Vấp",
        title="Sơ kết 02 năm thực hiện Kết luận số 01-KL/TW của Bộ Chính trị",
        purpose="Nhằm đánh giá kết quả đạt được.",
        recipients="Các tổ khối\nLưu BCH",
        signing_body="BCH CÔNG ĐOÀN",
        signer_title="Chủ tịch",
        signer_name="Nguyễn Thị Lan",
    )
    MilestoneFactory(
        plan=plan,
        kind=Milestone.Kind.SELF_REPORT,
        label="Cá nhân tự báo cáo kết quả học tập",
        starts_at=vn(2023, 3, 15, 7, 0),
        ends_at=vn(2023, 3, 23, 11, 30),
    )
    ceremony = MilestoneFactory(
        plan=plan,
        kind=Milestone.Kind.CEREMONY,
        label="Hội nghị tuyên dương",
        starts_at=vn(2023, 3, 23, 14, 0),
        ends_at=vn(2023, 3, 23, 14, 0),
        place="Lớp Chồi 1",
    )
    ceremony.agenda_items.create(order=1, text="Văn nghệ")
    ceremony.agenda_items.create(order=2, text="Phát biểu của Bí thư chi bộ")
    CriterionFactory(plan=plan, text="Đảm bảo an toàn trẻ")
    return plan


def union_of(user):
    return user.memberships.get().unit


def login(client, user):
    client.force_login(user)
    return client


# --- list -----------------------------------------------------------------------------


def test_plan_list_member_sees_own_and_parent_plans_only(
    client, bob, union_plan, federation_plan, other_union
):
    other = PlanFactory(issuer=other_union, title="Kế hoạch của Hoa Hồng")

    response = login(client, bob).get(reverse("campaigns:plan_list"))

    assert response.status_code == 200
    assert list(response.context["plans"]) == [union_plan, federation_plan]
    assert other.title not in response.content.decode()


def test_plan_list_federation_staff_sees_child_plans(
    client, federation_staff, union_plan, federation_plan, other_union
):
    other = PlanFactory(issuer=other_union, issued_on=dt.date(2023, 3, 16))
    draft = PlanFactory(issuer=other_union, status=Plan.Status.DRAFT)

    response = login(client, federation_staff).get(reverse("campaigns:plan_list"))

    assert list(response.context["plans"]) == [other, union_plan, federation_plan]
    assert draft not in response.context["plans"]


def test_plan_list_search_ignores_diacritics(client, bob, union_plan, federation_plan):
    response = login(client, bob).get(reverse("campaigns:plan_list"), {"q": "bo chinh tri"})

    assert list(response.context["plans"]) == [union_plan]


def test_plan_list_search_by_symbol_and_issuer(client, bob, union_plan, federation_plan):
    by_symbol = login(client, bob).get(reverse("campaigns:plan_list"), {"q": "09/LĐLĐ"})
    by_issuer = client.get(reverse("campaigns:plan_list"), {"q": "sen hồng"})

    assert list(by_symbol.context["plans"]) == [federation_plan]
    assert list(by_issuer.context["plans"]) == [union_plan]


def test_plan_list_filters_year_and_kind(client, bob, union, union_plan):
    older = PlanFactory(issuer=union, year=2022, kind=Plan.Kind.EMULATION)

    by_year = login(client, bob).get(reverse("campaigns:plan_list"), {"year": "2022"})
    by_kind = client.get(reverse("campaigns:plan_list"), {"kind": "emulation"})
    bad = client.get(reverse("campaigns:plan_list"), {"year": "abc", "kind": "xyz"})

    assert list(by_year.context["plans"]) == [older]
    assert list(by_kind.context["plans"]) == [older]
    assert bad.status_code == 200
    assert by_year.context["years"] == [2023, 2022]


@pytest.mark.parametrize("count", [1, 3])
def test_plan_list_query_count_does_not_grow(
    client, federation_staff, federation, union, count, django_assert_num_queries
):
    parent = PlanFactory(issuer=federation)
    for _ in range(count):
        PlanFactory(issuer=union, parent=parent)
    login(client, federation_staff)

    # session, user, grants, count, plans, years
    with django_assert_num_queries(6):
        response = client.get(reverse("campaigns:plan_list"))

    assert len(response.context["plans"]) == count + 1


def test_plan_list_paginates_keeping_filters(client, federation_staff, federation, monkeypatch):
    monkeypatch.setattr("campaigns.views.plans.PLANS_PER_PAGE", 2)
    plans = [PlanFactory(issuer=federation, title=f"Thi đua {i}") for i in range(3)]
    login(client, federation_staff)

    first = client.get(reverse("campaigns:plan_list"), {"q": "thi dua"})
    second = client.get(reverse("campaigns:plan_list"), {"q": "thi dua", "page": 2})

    assert list(first.context["plans"]) == [plans[2], plans[1]]
    assert list(second.context["plans"]) == [plans[0]]
    assert "?q=thi+dua&amp;page=2" in first.content.decode()


def test_plan_list_anonymous_redirected_to_login(client):
    response = client.get(reverse("campaigns:plan_list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# --- detail ---------------------------------------------------------------------------


def test_plan_detail_laid_out_like_the_official_document(client, bob, union_plan):
    response = login(client, bob).get(union_plan.get_absolute_url())

    doc = response.context["doc"]
    assert doc.parent_body == "LĐLĐ QUẬN GÒ VẤP"
    assert doc.issuer_name == "CĐCS TRƯỜNG MN SEN HỒNG"
    assert doc.national_lines == (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
    )
    assert doc.number_line == "Số: 08/KH-CĐCS-MNSH"
    assert doc.dateline == "Gò Vấp, ngày 15 tháng 3 năm 2023"
    assert doc.reference_line == (
        "Thực hiện Kế hoạch số 09/LĐLĐ ngày 14/3/2023 của LĐLĐ Quận Gò Vấp về "
        "Sơ kết 02 năm thực hiện Kết luận số 01-KL/TW."
    )
    assert [(e.label, e.when, e.place, e.agenda) for e in doc.timeline] == [
        (
            "Cá nhân tự báo cáo kết quả học tập",
            "Từ 7h00 ngày 15/3/2023 đến 11h30 ngày 23/3/2023",
            "",
            (),
        ),
        (
            "Hội nghị tuyên dương",
            "14h00 ngày 23/3/2023",
            "Lớp Chồi 1",
            ("Văn nghệ", "Phát biểu của Bí thư chi bộ"),
        ),
    ]
    assert (doc.signing_line, doc.signer_title, doc.signer_name) == (
        "TM. BCH CÔNG ĐOÀN",
        "CHỦ TỊCH",
        "Nguyễn Thị Lan",
    )
    assert doc.recipients == ("Các tổ khối", "Lưu BCH")
    html = response.content.decode()
    for text in (
        "KẾ HOẠCH",
        "Đảm bảo an toàn trẻ",
        "11h30 ngày 23/3/2023",
        "Lớp Chồi 1",
        "Nơi nhận",
        "Nhằm đánh giá kết quả đạt được.",
    ):
        assert text in html


def test_plan_detail_party_cell_prints_party_title(client, union, alice):
    cell = OrgUnitFactory(
        name="Chi bộ Mầm non Mỹ Hòa", kind=OrgUnit.Kind.PARTY_CELL, parent=union, short_name="CB"
    )
    MembershipFactory(user=alice, unit=cell, role=Role.CELL_SECRETARY)
    plan = PlanFactory(issuer=cell, number=2, kind=Plan.Kind.THEMATIC_MEETINGS)

    response = login(client, alice).get(plan.get_absolute_url())

    assert response.context["doc"].national_lines == ("ĐẢNG CỘNG SẢN VIỆT NAM",)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in response.content.decode()


def test_plan_detail_external_reference(client, federation_staff, federation):
    plan = PlanFactory(
        issuer=federation,
        external_reference="Kế hoạch số 249-KH/QU ngày 20/01/2020 của Quận ủy quận 1.",
    )

    response = login(client, federation_staff).get(plan.get_absolute_url())

    assert response.context["doc"].reference_line == (
        "Thực hiện Kế hoạch số 249-KH/QU ngày 20/01/2020 của Quận ủy quận 1."
    )


def test_plan_detail_chair_gets_management_panel(client, alice, union_plan):
    response = login(client, alice).get(union_plan.get_absolute_url())

    assert response.status_code == 200
    assert response.context["can_edit"] is True
    assert response.context["can_close"] is True
    assert reverse("campaigns:plan_edit", args=[union_plan.pk]) in response.content.decode()


def test_plan_detail_member_reads_without_panel(client, bob, union_plan):
    response = login(client, bob).get(union_plan.get_absolute_url())

    assert response.status_code == 200
    assert response.context["can_edit"] is False
    assert response.context["cascade"] is None
    assert 'id="quan-ly"' not in response.content.decode()


def test_plan_detail_outsider_404(client, charlie, union_plan):
    response = login(client, charlie).get(union_plan.get_absolute_url())

    assert response.status_code == 404


def test_plan_detail_draft_hidden_from_member(client, bob, union):
    draft = PlanFactory(issuer=union, status=Plan.Status.DRAFT)

    response = login(client, bob).get(draft.get_absolute_url())

    assert response.status_code == 404


def test_plan_detail_federation_sees_cascade_status(
    client, federation_staff, federation_plan, union_plan, other_union
):
    response = login(client, federation_staff).get(federation_plan.get_absolute_url())

    rows = response.context["cascade"].rows
    assert [(r.unit_name, r.cascaded, r.plan_id) for r in rows] == [
        ("CĐCS Trường MN Hoa Hồng", False, None),
        ("CĐCS Trường MN Sen Hồng", True, union_plan.pk),
    ]
    assert "1/2 đơn vị đã ban hành kế hoạch thực hiện." in response.content.decode()


@pytest.mark.parametrize("count", [1, 3])
def test_plan_detail_query_count_does_not_grow(client, alice, union_plan, count):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    login(client, alice)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(union_plan.get_absolute_url()).status_code == 200
        return len(ctx.captured_queries)

    baseline = queries()
    ceremony = union_plan.milestones.get(kind=Milestone.Kind.CEREMONY)
    for i in range(count):
        CriterionFactory(plan=union_plan)
        MilestoneFactory(
            plan=union_plan,
            kind=Milestone.Kind.REVIEW_MEETING,
            starts_at=vn(2023, 3, 23, 14, i),
            ends_at=vn(2023, 3, 23, 15, i),
        )
        ceremony.agenda_items.create(order=10 + i, text=f"Mục {i}")
        union_plan.sections.create(heading=f"Mục {i}")
        union_plan.phases.create(
            name=f"Giai đoạn {i}", starts_on=dt.date(2023, 3, 15), ends_on=dt.date(2023, 5, 1)
        )

    assert queries() == baseline


# --- edit, publish, close --------------------------------------------------------------


def test_plan_edit_permissions(client, alice, bob, charlie, union_plan):
    url = reverse("campaigns:plan_edit", args=[union_plan.pk])

    assert login(client, alice).get(url).status_code == 200
    assert login(client, bob).get(url).status_code == 403
    assert login(client, charlie).get(url).status_code == 404


def test_plan_edit_saves_through_service(client, alice, union_plan):
    url = reverse("campaigns:plan_edit", args=[union_plan.pk])
    form = login(client, alice).get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(title="Tên mới", issued_on="2023-03-15")
    data.pop("doc_type")  # disabled once published

    response = client.post(url, data)

    assert response.status_code == 302
    assert Plan.objects.get(pk=union_plan.pk).title == "Tên mới"


def test_plan_create_by_chair(client, alice, union):
    url = reverse("campaigns:plan_create")

    response = login(client, alice).post(
        url,
        {
            "issuer": union.pk,
            "title": "Kế hoạch thi đua năm học 2023-2024",
            "kind": Plan.Kind.EMULATION,
            "doc_type": "KH",
            "signer_title": "",
            "late_policy": Plan.LatePolicy.REFUSE,
            "signing_mode": "TM.",
        },
    )

    plan = Plan.objects.get(title="Kế hoạch thi đua năm học 2023-2024")
    assert response.status_code == 302
    assert response["Location"] == plan.get_absolute_url()
    assert (plan.issuer, plan.status, plan.place, plan.signer_title) == (
        union,
        Plan.Status.DRAFT,
        "Gò Vấp",
        "CHỦ TỊCH",
    )


def test_plan_create_member_403(client, bob):
    assert login(client, bob).get(reverse("campaigns:plan_create")).status_code == 403


def test_plan_create_other_unit_refused(client, alice, other_union):
    response = login(client, alice).post(
        reverse("campaigns:plan_create"),
        {"issuer": other_union.pk, "title": "X", "kind": "emulation", "doc_type": "KH"},
    )

    assert response.status_code == 200
    assert "issuer" in response.context["form"].errors
    assert not Plan.objects.filter(title="X").exists()


def test_plan_publish_post_numbers_the_plan(client, alice, union):
    draft = PlanFactory(issuer=union, status=Plan.Status.DRAFT, issued_on=dt.date(2023, 4, 2))

    response = login(client, alice).post(reverse("campaigns:plan_publish", args=[draft.pk]))

    draft.refresh_from_db()
    assert response.status_code == 302
    assert (draft.status, draft.symbol) == (Plan.Status.PUBLISHED, "01/KH-CĐCS-MNSH")


def test_plan_publish_get_not_allowed(client, alice, union):
    draft = PlanFactory(issuer=union, status=Plan.Status.DRAFT)

    response = login(client, alice).get(reverse("campaigns:plan_publish", args=[draft.pk]))

    assert response.status_code == 405
    assert Plan.objects.get(pk=draft.pk).status == Plan.Status.DRAFT


def test_plan_publish_twice_403(client, alice, union_plan):
    response = login(client, alice).post(reverse("campaigns:plan_publish", args=[union_plan.pk]))

    assert response.status_code == 403


def test_plan_publish_member_404_on_draft(client, bob, union):
    draft = PlanFactory(issuer=union, status=Plan.Status.DRAFT)

    response = login(client, bob).post(reverse("campaigns:plan_publish", args=[draft.pk]))

    assert response.status_code == 404


def test_plan_close_by_chair_and_not_member(client, alice, bob, union_plan):
    url = reverse("campaigns:plan_close", args=[union_plan.pk])

    assert login(client, bob).post(url).status_code == 403
    assert login(client, alice).post(url).status_code == 302
    assert Plan.objects.get(pk=union_plan.pk).status == Plan.Status.CLOSED


# --- cascade --------------------------------------------------------------------------


def test_plan_cascade_creates_child_with_inherited_criteria(client, alice, union, federation):
    parent = PlanFactory(issuer=federation, number=9)
    CriterionFactory(plan=parent, text="Gương mẫu")

    response = login(client, alice).post(
        reverse("campaigns:plan_cascade", args=[parent.pk]), {"unit": union.pk}
    )

    child = Plan.objects.get(parent=parent)
    assert response.status_code == 302
    assert response["Location"] == child.get_absolute_url()
    assert [(c.text, c.is_inherited) for c in child.criteria.all()] == [("Gương mẫu", True)]


def test_plan_cascade_page_lists_my_units(client, alice, union, federation):
    parent = PlanFactory(issuer=federation)

    response = login(client, alice).get(reverse("campaigns:plan_cascade", args=[parent.pk]))

    assert list(response.context["form"].fields["unit"].queryset) == [union]


def test_plan_cascade_party_secretary_outside_the_tree(client, union, union_plan):
    committee = OrgUnitFactory(kind=OrgUnit.Kind.PARTY_COMMITTEE)
    cell = OrgUnitFactory(kind=OrgUnit.Kind.PARTY_CELL, parent=committee)
    secretary = UserFactory()
    MembershipFactory(user=secretary, unit=cell, role=Role.CELL_SECRETARY)
    MembershipFactory(user=secretary, unit=union, role=Role.MEMBER)
    url = reverse("campaigns:plan_cascade", args=[union_plan.pk])

    offered = list(login(client, secretary).get(url).context["form"].fields["unit"].queryset)
    response = client.post(url, {"unit": cell.pk})

    assert offered == [cell]
    assert response.status_code == 302
    assert Plan.objects.get(parent=union_plan).issuer == cell


def test_plan_cascade_federation_staff_of_issuer_403(client, federation_staff, federation):
    parent = PlanFactory(issuer=federation)

    response = login(client, federation_staff).get(
        reverse("campaigns:plan_cascade", args=[parent.pk])
    )

    assert response.status_code == 403


def test_plan_cascade_member_403_outsider_404(client, bob, charlie, union_plan):
    url = reverse("campaigns:plan_cascade", args=[union_plan.pk])

    assert login(client, bob).post(url, {"unit": 1}).status_code == 403
    assert login(client, charlie).post(url, {"unit": 1}).status_code == 404


def test_plan_cascade_other_unit_refused(client, alice, federation, other_union):
    parent = PlanFactory(issuer=federation)

    response = login(client, alice).post(
        reverse("campaigns:plan_cascade", args=[parent.pk]), {"unit": other_union.pk}
    )

    assert response.status_code == 200
    assert response.context["form"].errors["unit"]
    assert not Plan.objects.filter(parent=parent).exists()


# --- parts ----------------------------------------------------------------------------


def test_milestone_create_entered_in_vietnam_time(client, alice, union):
    plan = PlanFactory(issuer=union, status=Plan.Status.DRAFT)

    response = login(client, alice).post(
        reverse("campaigns:milestone_create", args=[plan.pk]),
        {
            "kind": Milestone.Kind.SELF_REPORT,
            "label": "Tự báo cáo",
            "starts_at": "2023-03-15T07:00",
            "ends_at": "2023-03-23T11:30",
        },
    )

    milestone = plan.milestones.get()
    assert response.status_code == 302
    assert milestone.ends_at == dt.datetime(2023, 3, 23, 4, 30, tzinfo=dt.UTC)


def test_milestone_create_outside_parent_shows_message(client, alice, union, union_plan):
    child_issuer = union
    plan = PlanFactory(issuer=child_issuer, status=Plan.Status.DRAFT, parent=union_plan.parent)

    response = login(client, alice).post(
        reverse("campaigns:milestone_create", args=[plan.pk]),
        {
            "kind": Milestone.Kind.SELF_REPORT,
            "starts_at": "2023-03-15T07:00",
            "ends_at": "2023-03-23T17:00",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "ends_at": [
            "Hạn tự báo cáo phải trước hoặc đúng 11h30 ngày 23/3/2023 — "
            "mốc của Kế hoạch số 09/LĐLĐ."
        ]
    }
    assert plan.milestones.count() == 0


def test_milestone_edit_form_shows_vietnam_time(client, alice, union_plan):
    milestone = union_plan.milestones.get(kind=Milestone.Kind.SELF_REPORT)

    response = login(client, alice).get(
        reverse("campaigns:milestone_edit", args=[union_plan.pk, milestone.pk])
    )

    assert 'value="2023-03-23T11:30"' in response.content.decode()


def test_inherited_criterion_form_locks_text_and_saves_order(client, alice, union, federation):
    parent = PlanFactory(issuer=federation)
    CriterionFactory(plan=parent, text="Gương mẫu", order=1)
    child = cascade_services.create_child_plan(parent=parent, issuer=union, actor=alice)
    criterion = child.criteria.get()
    url = reverse("campaigns:criterion_edit", args=[child.pk, criterion.pk])

    form = login(client, alice).get(url).context["form"]
    response = client.post(
        url, {"text": "Sửa trộm", "kind": "met", "target": "individual", "order": 7}
    )

    assert form.fields["text"].disabled is True
    assert response.status_code == 302
    assert Criterion.objects.values_list("text", "order").get(pk=criterion.pk) == ("Gương mẫu", 7)


def test_inherited_criterion_delete_refused_with_message(client, alice, union, federation):
    parent = PlanFactory(issuer=federation)
    CriterionFactory(plan=parent)
    child = cascade_services.create_child_plan(parent=parent, issuer=union, actor=alice)
    criterion = child.criteria.get()

    response = login(client, alice).post(
        reverse("campaigns:criterion_delete", args=[child.pk, criterion.pk]), follow=True
    )

    assert [str(m) for m in response.context["messages"]] == [
        "Tiêu chuẩn kế thừa từ kế hoạch cấp trên không xóa được."
    ]
    assert child.criteria.count() == 1


def test_criterion_of_other_plan_404(client, alice, union, union_plan):
    other = PlanFactory(issuer=union)
    criterion = CriterionFactory(plan=other)

    response = login(client, alice).get(
        reverse("campaigns:criterion_edit", args=[union_plan.pk, criterion.pk])
    )

    assert response.status_code == 404


def test_title_create_and_agenda_create(client, alice, union_plan):
    ceremony = union_plan.milestones.get(kind=Milestone.Kind.CEREMONY)
    login(client, alice)

    title_response = client.post(
        reverse("campaigns:title_create", args=[union_plan.pk]),
        {
            "name": "Gương điển hình tiên tiến",
            "level": "district",
            "target": "individual",
            "quota_count": "2",
            "vote_quorum": "0.6667",
            "vote_base": "members",
            "vote_threshold": "0.7",
            "secret_ballot": "on",
            "order": "1",
        },
    )
    agenda_response = client.post(
        reverse("campaigns:agenda_create", args=[union_plan.pk, ceremony.pk]),
        {"text": "Kết thúc Hội nghị"},
    )

    assert (title_response.status_code, agenda_response.status_code) == (302, 302)
    assert list(union_plan.titles.values_list("name", "quota_count")) == [
        ("Gương điển hình tiên tiến", 2)
    ]
    assert list(ceremony.agenda_items.values_list("text", flat=True)) == [
        "Văn nghệ",
        "Phát biểu của Bí thư chi bộ",
        "Kết thúc Hội nghị",
    ]


def test_section_and_phase_create(client, alice, union_plan):
    login(client, alice)

    section = client.post(
        reverse("campaigns:section_create", args=[union_plan.pk]),
        {"heading": "IV. Tổ chức thực hiện", "body": "Đoàn viên nhập báo cáo."},
    )
    phase = client.post(
        reverse("campaigns:phase_create", args=[union_plan.pk]),
        {"name": "Giai đoạn 1", "starts_on": "2023-03-15", "ends_on": "2023-05-19"},
    )

    assert (section.status_code, phase.status_code) == (302, 302)
    assert list(union_plan.sections.values_list("heading", flat=True)) == ["IV. Tổ chức thực hiện"]
    assert list(union_plan.phases.values_list("name", flat=True)) == ["Giai đoạn 1"]


def test_part_pages_member_403_outsider_404(client, bob, charlie, union_plan):
    url = reverse("campaigns:criterion_create", args=[union_plan.pk])

    assert login(client, bob).get(url).status_code == 403
    assert login(client, charlie).get(url).status_code == 404


def test_delete_by_get_not_allowed(client, alice, union_plan):
    criterion = union_plan.criteria.get()

    response = login(client, alice).get(
        reverse("campaigns:criterion_delete", args=[union_plan.pk, criterion.pk])
    )

    assert response.status_code == 405
    assert union_plan.criteria.count() == 1


# --- home page --------------------------------------------------------------------------


def test_home_lists_parent_plan_not_yet_cascaded_then_drops_it(client, alice, federation):
    parent = PlanFactory(issuer=federation, number=9, title="Kế hoạch thi đua của Quận")
    login(client, alice)

    before = [
        (i.title, i.status, i.unit_name, i.url)
        for i in client.get(reverse("home")).context["items"]
        if i.title.startswith("Kế hoạch")
    ]
    cascade_services.create_child_plan(
        parent=parent, issuer=alice.memberships.get().unit, actor=alice
    )
    after = [
        (i.title, i.status)
        for i in client.get(reverse("home")).context["items"]
        if i.title.startswith("Kế hoạch")
    ]

    assert before == [
        (
            "Kế hoạch cấp trên chưa triển khai: Kế hoạch thi đua của Quận",
            "Kế hoạch số 09/KH-LĐLĐ của LĐLĐ Quận Gò Vấp — chưa triển khai",
            "CĐCS Trường MN Sen Hồng",
            reverse("campaigns:plan_cascade", args=[parent.pk]) + f"?unit={union_of(alice).pk}",
        )
    ]
    assert after == [("Kế hoạch đang soạn: Kế hoạch thi đua của Quận", "Bản nháp")]


def test_home_member_has_no_plan_items(client, bob, federation):
    PlanFactory(issuer=federation)
    UserFactory()

    items = login(client, bob).get(reverse("home")).context["items"]

    assert [i for i in items if "Kế hoạch" in i.title] == []


# --- admin ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["plan", "milestone", "criterion", "title", "agendaitem"])
def test_admin_pages_render(client, union_plan, name):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    login(client, admin)

    changelist = client.get(reverse(f"admin:campaigns_{name}_changelist"))
    add = client.get(reverse(f"admin:campaigns_{name}_add"))

    assert (changelist.status_code, add.status_code) == (200, 200)


@pytest.mark.parametrize("query", ["\x00", "sen\x00hồng", "\x01\x1b[31m"])
def test_plan_list_search_with_control_characters_answers(client, bob, union_plan, query):
    """A NUL in ?q= reached PostgreSQL, which refuses it in a string: 500 before."""
    response = login(client, bob).get(reverse("campaigns:plan_list"), {"q": query})

    assert response.status_code == 200
    assert "\x00" not in response.content.decode()
