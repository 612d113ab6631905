import datetime as dt
import threading
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection

from campaigns.models import AgendaItem, Criterion, Milestone, Plan, Title
from campaigns.services import cascade as cascade_services
from campaigns.services import milestones as milestone_services
from campaigns.services import plan_parts as part_services
from campaigns.services import plans as plan_services
from portal.models import AuditEntry, OrgUnit
from tests.factories import (
    CriterionFactory,
    FederationFactory,
    MilestoneFactory,
    OrgUnitFactory,
    PlanFactory,
    TitleFactory,
)

pytestmark = pytest.mark.django_db

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def vn(*args):
    return dt.datetime(*args, tzinfo=VN)


@pytest.fixture
def parent_plan(federation):
    """Seed 000's parent: Kế hoạch số 09/LĐLĐ of 14/3/2023, self-report until 23/3 11h30."""
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
    MilestoneFactory(
        plan=plan,
        kind=Milestone.Kind.CEREMONY,
        starts_at=vn(2023, 5, 19, 8, 0),
        ends_at=vn(2023, 5, 19, 11, 0),
    )
    return plan


@pytest.fixture
def child_plan(parent_plan, union, alice):
    return cascade_services.create_child_plan(parent=parent_plan, issuer=union, actor=alice)


# --- numbering ------------------------------------------------------------------------


def test_publish_plan_numbers_per_issuer_and_year_with_leading_zero(
    federation, union, federation_staff
):
    first = plan_services.create_plan(
        issuer=federation, actor=federation_staff, title="Một", kind=Plan.Kind.EMULATION
    )
    second = plan_services.create_plan(
        issuer=federation, actor=federation_staff, title="Hai", kind=Plan.Kind.EMULATION
    )
    other_body = PlanFactory(issuer=union, status=Plan.Status.DRAFT, issued_on=None)
    next_year = PlanFactory(
        issuer=federation, status=Plan.Status.DRAFT, issued_on=dt.date(2024, 1, 5), year=2024
    )
    now = vn(2023, 3, 14, 9, 0)

    for plan in (first, second, other_body, next_year):
        plan_services.publish_plan(plan=plan, actor=federation_staff, now=now)

    assert [first.symbol, second.symbol] == ["01/KH-LĐLĐ", "02/KH-LĐLĐ"]
    assert other_body.symbol == "01/KH-CĐCS-MNSH"
    assert next_year.symbol == "01/KH-LĐLĐ"
    assert (first.year, next_year.year) == (2023, 2024)
    assert first.issued_on == dt.date(2023, 3, 14)


def test_publish_plan_continues_after_existing_numbers(federation, federation_staff):
    PlanFactory(issuer=federation, number=9, year=2023)
    draft = PlanFactory(issuer=federation, status=Plan.Status.DRAFT, year=2023)

    plan_services.publish_plan(plan=draft, actor=federation_staff)

    assert draft.number == 10
    assert draft.symbol == "10/KH-LĐLĐ"


def test_publish_plan_separate_series_per_doc_type(federation, federation_staff):
    PlanFactory(issuer=federation, number=4, year=2023, doc_type="KH")
    draft = PlanFactory(issuer=federation, status=Plan.Status.DRAFT, year=2023, doc_type="HD")

    plan_services.publish_plan(plan=draft, actor=federation_staff)

    assert draft.symbol == "01/HD-LĐLĐ"


def test_publish_plan_twice_refused(federation, federation_staff):
    plan = PlanFactory(issuer=federation, status=Plan.Status.DRAFT)
    plan_services.publish_plan(plan=plan, actor=federation_staff)
    stale = Plan.objects.get(pk=plan.pk)
    stale.status = Plan.Status.DRAFT  # a second click with an old copy of the page

    with pytest.raises(ValidationError) as excinfo:
        plan_services.publish_plan(plan=stale, actor=federation_staff)

    assert excinfo.value.messages == [
        "Kế hoạch này đã được ban hành trước đó, không ban hành lại được."
    ]
    assert Plan.objects.get(pk=plan.pk).number == 1


def test_publish_plan_writes_audit_entry(federation, federation_staff):
    plan = PlanFactory(issuer=federation, status=Plan.Status.DRAFT)

    plan_services.publish_plan(plan=plan, actor=federation_staff)

    entry = AuditEntry.objects.get(action="plan.publish")
    assert (entry.actor, entry.unit, entry.object_id) == (
        federation_staff,
        federation,
        str(plan.pk),
    )
    assert entry.data["symbol"] == "01/KH-LĐLĐ"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks")
@pytest.mark.django_db(transaction=True)
def test_publish_plan_concurrent_drafts_get_distinct_numbers():
    federation = FederationFactory(code="conc")
    drafts = [PlanFactory(issuer=federation, status=Plan.Status.DRAFT) for _ in range(6)]
    barrier = threading.Barrier(len(drafts))
    errors = []

    def publish(plan):
        try:
            barrier.wait()
            plan_services.publish_plan(plan=plan, actor=None)
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=publish, args=(p,)) for p in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    numbers = sorted(Plan.objects.filter(issuer=federation).values_list("number", flat=True))
    assert numbers == [1, 2, 3, 4, 5, 6]


# --- state guards ---------------------------------------------------------------------


def test_close_plan_from_published(federation, federation_staff):
    plan = PlanFactory(issuer=federation)

    plan_services.close_plan(plan=plan, actor=federation_staff)

    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.CLOSED


def test_close_plan_draft_refused(federation, federation_staff):
    plan = PlanFactory(issuer=federation, status=Plan.Status.DRAFT)

    with pytest.raises(ValidationError) as excinfo:
        plan_services.close_plan(plan=plan, actor=federation_staff)

    assert excinfo.value.messages == ["Chỉ kết thúc được kế hoạch đang ban hành."]
    assert Plan.objects.get(pk=plan.pk).status == Plan.Status.DRAFT


def test_update_plan_closed_refused(federation, federation_staff):
    plan = PlanFactory(issuer=federation, status=Plan.Status.CLOSED, title="Cũ")

    with pytest.raises(ValidationError) as excinfo:
        plan_services.update_plan(plan=plan, actor=federation_staff, title="Mới")

    assert excinfo.value.messages == ["Kế hoạch đã kết thúc, không sửa được."]
    assert Plan.objects.get(pk=plan.pk).title == "Cũ"


def test_update_plan_records_changed_fields(federation, federation_staff):
    plan = PlanFactory(issuer=federation, status=Plan.Status.DRAFT, title="Cũ")

    plan_services.update_plan(plan=plan, actor=federation_staff, title="Mới", place="Gò Vấp")

    assert Plan.objects.get(pk=plan.pk).title == "Mới"
    assert AuditEntry.objects.get(action="plan.update").data == {"changed": ["title"]}


def test_update_plan_period_end_before_start_refused(federation, federation_staff):
    plan = PlanFactory(issuer=federation, status=Plan.Status.DRAFT)

    with pytest.raises(ValidationError) as excinfo:
        plan_services.update_plan(
            plan=plan,
            actor=federation_staff,
            period_start=dt.date(2023, 9, 1),
            period_end=dt.date(2023, 5, 31),
        )

    assert excinfo.value.message_dict == {
        "period_end": ["Ngày kết thúc phải sau hoặc đúng ngày bắt đầu."]
    }


def test_create_plan_defaults_from_issuer(federation, union, alice):
    cell = OrgUnitFactory(kind=OrgUnit.Kind.PARTY_CELL, parent=union, place="Gò Vấp")

    union_plan = plan_services.create_plan(
        issuer=union, actor=alice, title="KH", kind=Plan.Kind.EMULATION
    )
    cell_plan = plan_services.create_plan(
        issuer=cell, actor=alice, title="KH", kind=Plan.Kind.THEMATIC_MEETINGS
    )

    assert (union_plan.status, union_plan.place, union_plan.number) == ("draft", "Gò Vấp", None)
    assert (union_plan.signing_body, union_plan.signer_title) == ("BAN CHẤP HÀNH", "CHỦ TỊCH")
    assert (cell_plan.signing_body, cell_plan.signer_title) == ("CHI BỘ", "BÍ THƯ")


def test_create_plan_for_union_group_refused(group, alice):
    with pytest.raises(ValidationError) as excinfo:
        plan_services.create_plan(issuer=group, actor=alice, title="KH", kind=Plan.Kind.EMULATION)

    assert excinfo.value.message_dict == {"issuer": ["Tổ công đoàn không ban hành kế hoạch."]}


# --- cascade and inheritance ----------------------------------------------------------


def test_create_child_plan_inherits_criteria_and_titles(parent_plan, union, alice):
    c1 = CriterionFactory(plan=parent_plan, text="Gương mẫu chấp hành", order=1)
    c2 = CriterionFactory(
        plan=parent_plan,
        text="Điểm rèn luyện",
        kind=Criterion.Kind.POINTS,
        max_points=10,
        order=2,
    )
    ldtt = TitleFactory(plan=parent_plan, name="Lao động tiên tiến", order=1)
    cstd = TitleFactory(plan=parent_plan, name="Chiến sĩ thi đua cơ sở", prerequisite=ldtt)

    child = cascade_services.create_child_plan(parent=parent_plan, issuer=union, actor=alice)

    assert child.parent == parent_plan
    assert (child.status, child.title, child.kind) == ("draft", parent_plan.title, "learn_follow")
    criteria = list(child.criteria.all())
    assert [(c.text, c.inherited_from) for c in criteria] == [
        ("Gương mẫu chấp hành", c1),
        ("Điểm rèn luyện", c2),
    ]
    assert criteria[1].max_points == Decimal("10.00")
    titles = {t.name: t for t in child.titles.all()}
    assert titles["Lao động tiên tiến"].inherited_from == ldtt
    assert titles["Chiến sĩ thi đua cơ sở"].inherited_from == cstd
    assert titles["Chiến sĩ thi đua cơ sở"].prerequisite == titles["Lao động tiên tiến"]
    assert AuditEntry.objects.filter(action="plan.cascade", object_id=str(child.pk)).count() == 1


def test_create_child_plan_draft_parent_refused(federation, union, alice):
    parent = PlanFactory(issuer=federation, status=Plan.Status.DRAFT)

    with pytest.raises(ValidationError) as excinfo:
        cascade_services.create_child_plan(parent=parent, issuer=union, actor=alice)

    assert excinfo.value.messages == ["Chỉ triển khai được kế hoạch đang ban hành."]
    assert Plan.objects.filter(parent=parent).count() == 0


def test_create_child_plan_unit_not_below_issuer_refused(parent_plan, alice):
    elsewhere = OrgUnitFactory(name="CĐCS Quận 1", parent=FederationFactory(code="q1"))

    with pytest.raises(ValidationError) as excinfo:
        cascade_services.create_child_plan(parent=parent_plan, issuer=elsewhere, actor=alice)

    assert excinfo.value.message_dict == {
        "issuer": [
            "CĐCS Quận 1 không trực thuộc LĐLĐ Quận Gò Vấp nên không triển khai kế hoạch này."
        ]
    }


def test_create_child_plan_party_cell_outside_the_tree_adopts_union_plan(union, alice):
    committee = OrgUnitFactory(name="Đảng ủy Phường 10", kind=OrgUnit.Kind.PARTY_COMMITTEE)
    cell = OrgUnitFactory(name="Chi bộ Sen Hồng", kind=OrgUnit.Kind.PARTY_CELL, parent=committee)
    union_plan = PlanFactory(issuer=union, number=8)

    cell_plan = cascade_services.create_child_plan(parent=union_plan, issuer=cell, actor=alice)

    assert (cell_plan.parent, cell_plan.signing_body, cell_plan.signer_title) == (
        union_plan,
        "CHI BỘ",
        "BÍ THƯ",
    )


def test_create_child_plan_upward_refused(union, federation, alice):
    union_plan = PlanFactory(issuer=union, number=8)

    with pytest.raises(ValidationError) as excinfo:
        cascade_services.create_child_plan(parent=union_plan, issuer=federation, actor=alice)

    assert excinfo.value.message_dict == {
        "issuer": [
            "LĐLĐ Quận Gò Vấp không trực thuộc CĐCS Trường MN Sen Hồng "
            "nên không triển khai kế hoạch này."
        ]
    }


def test_create_child_plan_twice_refused(child_plan, parent_plan, union, alice):
    with pytest.raises(ValidationError) as excinfo:
        cascade_services.create_child_plan(parent=parent_plan, issuer=union, actor=alice)

    assert excinfo.value.message_dict == {
        "issuer": [
            "CĐCS Trường MN Sen Hồng đã có kế hoạch thực hiện Kế hoạch số 09/LĐLĐ: "
            "“Sơ kết 02 năm thực hiện Kết luận số 01-KL/TW”."
        ]
    }
    assert Plan.objects.filter(parent=parent_plan).count() == 1


def test_child_adds_own_criterion_and_deletes_it(child_plan, alice):
    own = part_services.add_criterion(plan=child_plan, actor=alice, text="Đảm bảo an toàn trẻ")

    part_services.delete_criterion(criterion=own, actor=alice)

    assert child_plan.criteria.count() == 0
    assert AuditEntry.objects.filter(action__startswith="criterion.").count() == 2


def test_inherited_criterion_cannot_be_deleted(parent_plan, union, alice):
    CriterionFactory(plan=parent_plan, text="Gương mẫu")
    child = cascade_services.create_child_plan(parent=parent_plan, issuer=union, actor=alice)
    inherited = child.criteria.get()

    with pytest.raises(ValidationError) as excinfo:
        part_services.delete_criterion(criterion=inherited, actor=alice)

    assert excinfo.value.messages == ["Tiêu chuẩn kế thừa từ kế hoạch cấp trên không xóa được."]
    assert child.criteria.count() == 1


def test_inherited_criterion_text_cannot_change_but_order_can(parent_plan, union, alice):
    CriterionFactory(plan=parent_plan, text="Gương mẫu", order=1)
    child = cascade_services.create_child_plan(parent=parent_plan, issuer=union, actor=alice)
    inherited = child.criteria.get()

    with pytest.raises(ValidationError) as excinfo:
        part_services.update_criterion(criterion=inherited, actor=alice, text="Khác")
    part_services.update_criterion(
        criterion=Criterion.objects.get(pk=inherited.pk), actor=alice, order=5
    )

    assert excinfo.value.messages == [
        "Tiêu chuẩn này kế thừa từ kế hoạch cấp trên: chỉ đổi được thứ tự, không sửa được nội dung."
    ]
    assert Criterion.objects.values_list("text", "order").get(pk=inherited.pk) == ("Gương mẫu", 5)


def test_inherited_criterion_lock_checks_stored_row_not_instance(parent_plan, union, alice):
    CriterionFactory(plan=parent_plan, text="Gương mẫu")
    child = cascade_services.create_child_plan(parent=parent_plan, issuer=union, actor=alice)
    inherited = child.criteria.get()
    inherited.text = "Đã bị sửa trong bộ nhớ"  # as a bound ModelForm does

    with pytest.raises(ValidationError):
        part_services.update_criterion(criterion=inherited, actor=alice, text=inherited.text)

    assert Criterion.objects.get(pk=inherited.pk).text == "Gương mẫu"


def test_inherited_title_quota_editable_name_locked(parent_plan, union, alice):
    TitleFactory(plan=parent_plan, name="Gương điển hình tiên tiến")
    child = cascade_services.create_child_plan(parent=parent_plan, issuer=union, actor=alice)
    title = child.titles.get()

    part_services.update_title(
        title=title, actor=alice, quota_count=2, vote_threshold=Decimal("0.9")
    )
    with pytest.raises(ValidationError) as excinfo:
        part_services.update_title(title=Title.objects.get(pk=title.pk), actor=alice, name="Khác")
    with pytest.raises(ValidationError):
        part_services.delete_title(title=title, actor=alice)

    stored = Title.objects.get(pk=title.pk)
    assert (stored.name, stored.quota_count, stored.vote_threshold) == (
        "Gương điển hình tiên tiến",
        2,
        Decimal("0.9000"),
    )
    assert excinfo.value.messages == [
        "Danh hiệu này kế thừa từ kế hoạch cấp trên: chỉ đổi được chỉ tiêu, "
        "cách biểu quyết và thứ tự."
    ]


def test_add_title_quota_count_and_share_refused(child_plan, alice):
    with pytest.raises(ValidationError) as excinfo:
        part_services.add_title(
            plan=child_plan, actor=alice, name="LĐTT", quota_count=3, quota_share=Decimal("0.15")
        )

    assert excinfo.value.message_dict == {
        "quota_share": ["Chỉ tiêu là một số lượng hoặc một tỷ lệ, không nhập cả hai."]
    }


def test_add_title_with_model_defaults(child_plan, alice):
    title = part_services.add_title(plan=child_plan, actor=alice, name="Lao động tiên tiến")

    assert (title.vote_quorum, title.vote_threshold) == (Decimal("0.6667"), Decimal("0.7000"))


def test_add_criterion_points_without_max_refused(child_plan, alice):
    with pytest.raises(ValidationError) as excinfo:
        part_services.add_criterion(
            plan=child_plan, actor=alice, text="Điểm", kind=Criterion.Kind.POINTS
        )

    assert excinfo.value.message_dict == {
        "max_points": ["Tiêu chuẩn chấm điểm cần điểm tối đa lớn hơn 0."]
    }


# --- nested milestones ----------------------------------------------------------------


def test_child_self_report_after_parent_deadline_refused_with_parent_date(child_plan, alice):
    with pytest.raises(ValidationError) as excinfo:
        milestone_services.add_milestone(
            plan=child_plan,
            actor=alice,
            kind=Milestone.Kind.SELF_REPORT,
            starts_at=vn(2023, 3, 15, 7, 0),
            ends_at=vn(2023, 3, 23, 17, 0),
        )

    assert excinfo.value.message_dict == {
        "ends_at": [
            "Hạn tự báo cáo phải trước hoặc đúng 11h30 ngày 23/3/2023 — "
            "mốc của Kế hoạch số 09/LĐLĐ."
        ]
    }
    assert child_plan.milestones.count() == 0


def test_child_self_report_at_parent_deadline_accepted(child_plan, alice):
    milestone = milestone_services.add_milestone(
        plan=child_plan,
        actor=alice,
        kind=Milestone.Kind.SELF_REPORT,
        starts_at=vn(2023, 3, 15, 7, 0),
        ends_at=vn(2023, 3, 23, 11, 30),
    )

    assert list(child_plan.milestones.all()) == [milestone]
    assert AuditEntry.objects.filter(action="milestone.add").count() == 1


def test_child_self_report_before_parent_start_refused(child_plan, alice):
    with pytest.raises(ValidationError) as excinfo:
        milestone_services.add_milestone(
            plan=child_plan,
            actor=alice,
            kind=Milestone.Kind.SELF_REPORT,
            starts_at=vn(2023, 3, 14, 7, 0),
            ends_at=vn(2023, 3, 20, 11, 30),
        )

    assert excinfo.value.message_dict == {
        "starts_at": [
            "Thời gian tự báo cáo phải từ 7h00 ngày 15/3/2023 trở đi — mốc của Kế hoạch số 09/LĐLĐ."
        ]
    }


def test_child_milestone_without_same_kind_must_fit_parent_span(child_plan, alice):
    milestone_services.add_milestone(
        plan=child_plan,
        actor=alice,
        kind=Milestone.Kind.REVIEW_MEETING,
        starts_at=vn(2023, 3, 23, 14, 0),
        ends_at=vn(2023, 3, 23, 16, 0),
    )

    with pytest.raises(ValidationError) as excinfo:
        milestone_services.add_milestone(
            plan=child_plan,
            actor=alice,
            kind=Milestone.Kind.VOTE,
            starts_at=vn(2023, 5, 20, 8, 0),
            ends_at=vn(2023, 5, 20, 9, 0),
        )

    assert excinfo.value.message_dict == {
        "ends_at": [
            "Hạn lấy ý kiến tập thể phải trước hoặc đúng 11h00 ngày 19/5/2023 — "
            "mốc cuối cùng của Kế hoạch số 09/LĐLĐ."
        ]
    }


def test_child_milestone_must_fit_parent_period_when_parent_has_no_milestones(
    federation, union, alice
):
    parent = PlanFactory(
        issuer=federation,
        number=3,
        period_start=dt.date(2023, 9, 1),
        period_end=dt.date(2024, 5, 31),
    )
    child = cascade_services.create_child_plan(parent=parent, issuer=union, actor=alice)

    milestone_services.add_milestone(
        plan=child,
        actor=alice,
        kind=Milestone.Kind.REGISTRATION,
        starts_at=vn(2023, 9, 1, 0, 0),
        ends_at=vn(2024, 5, 31, 23, 59),
    )
    with pytest.raises(ValidationError) as excinfo:
        milestone_services.add_milestone(
            plan=child,
            actor=alice,
            kind=Milestone.Kind.CEREMONY,
            starts_at=vn(2024, 6, 1, 8, 0),
            ends_at=vn(2024, 6, 1, 10, 0),
        )

    assert excinfo.value.message_dict == {
        "ends_at": [
            "Hội nghị tuyên dương phải trước hoặc đúng ngày 31/5/2024 — "
            "thời gian thực hiện Kế hoạch số 03/KH-LĐLĐ."
        ]
    }


def test_update_milestone_out_of_parent_refused_and_unchanged(child_plan, alice):
    milestone = milestone_services.add_milestone(
        plan=child_plan,
        actor=alice,
        kind=Milestone.Kind.SELF_REPORT,
        starts_at=vn(2023, 3, 15, 7, 0),
        ends_at=vn(2023, 3, 22, 17, 0),
    )

    with pytest.raises(ValidationError):
        milestone_services.update_milestone(
            milestone=milestone, actor=alice, ends_at=vn(2023, 3, 24, 8, 0)
        )

    assert Milestone.objects.get(pk=milestone.pk).ends_at == vn(2023, 3, 22, 17, 0)


def test_milestone_end_before_start_refused(child_plan, alice):
    with pytest.raises(ValidationError) as excinfo:
        milestone_services.add_milestone(
            plan=child_plan,
            actor=alice,
            kind=Milestone.Kind.SELF_REPORT,
            starts_at=vn(2023, 3, 20, 7, 0),
            ends_at=vn(2023, 3, 19, 7, 0),
        )

    assert excinfo.value.message_dict == {
        "ends_at": ["Thời điểm kết thúc phải sau hoặc đúng thời điểm bắt đầu."]
    }


def test_publish_child_refused_when_parent_deadline_moved_earlier(
    child_plan, parent_plan, alice, federation_staff
):
    milestone_services.add_milestone(
        plan=child_plan,
        actor=alice,
        kind=Milestone.Kind.SELF_REPORT,
        starts_at=vn(2023, 3, 15, 7, 0),
        ends_at=vn(2023, 3, 23, 11, 30),
    )
    parent_milestone = parent_plan.milestones.get(kind=Milestone.Kind.SELF_REPORT)
    milestone_services.update_milestone(
        milestone=parent_milestone, actor=federation_staff, ends_at=vn(2023, 3, 22, 11, 30)
    )

    with pytest.raises(ValidationError) as excinfo:
        plan_services.publish_plan(plan=child_plan, actor=alice)

    assert excinfo.value.messages == [
        "Chưa ban hành được: Hạn tự báo cáo phải trước hoặc đúng 11h30 ngày 22/3/2023 — "
        "mốc của Kế hoạch số 09/LĐLĐ."
    ]
    assert Plan.objects.get(pk=child_plan.pk).status == Plan.Status.DRAFT


def test_milestone_of_plan_without_parent_unrestricted(federation, federation_staff):
    plan = PlanFactory(issuer=federation, status=Plan.Status.DRAFT)

    milestone = milestone_services.add_milestone(
        plan=plan,
        actor=federation_staff,
        kind=Milestone.Kind.CEREMONY,
        starts_at=vn(2030, 1, 1, 8, 0),
        ends_at=vn(2030, 1, 1, 10, 0),
        place="Hội trường",
    )

    assert milestone.place == "Hội trường"


# --- agenda, sections, phases ---------------------------------------------------------


def test_agenda_items_appended_in_order(child_plan, alice):
    ceremony = milestone_services.add_milestone(
        plan=child_plan,
        actor=alice,
        kind=Milestone.Kind.CEREMONY,
        starts_at=vn(2023, 5, 19, 8, 0),
        ends_at=vn(2023, 5, 19, 10, 0),
        place="Lớp Chồi 1",
    )

    for text in ("Văn nghệ", "Tuyên bố lý do, giới thiệu đại biểu", "Kết thúc Hội nghị"):
        milestone_services.add_agenda_item(milestone=ceremony, actor=alice, text=text)
    milestone_services.add_agenda_item(milestone=ceremony, actor=alice, text="Khai mạc", order=0)

    assert list(ceremony.agenda_items.values_list("text", "order")) == [
        ("Khai mạc", 0),
        ("Văn nghệ", 1),
        ("Tuyên bố lý do, giới thiệu đại biểu", 2),
        ("Kết thúc Hội nghị", 3),
    ]


def test_agenda_item_delete(child_plan, alice):
    ceremony = MilestoneFactory(
        plan=child_plan,
        kind=Milestone.Kind.CEREMONY,
        starts_at=vn(2023, 5, 19, 8, 0),
        ends_at=vn(2023, 5, 19, 10, 0),
    )
    item = milestone_services.add_agenda_item(milestone=ceremony, actor=alice, text="Văn nghệ")

    milestone_services.delete_agenda_item(item=item, actor=alice)

    assert AgendaItem.objects.count() == 0


def test_sections_appended_in_order_and_updated(child_plan, alice):
    first = part_services.add_section(plan=child_plan, actor=alice, heading="I. Mục đích yêu cầu")
    second = part_services.add_section(plan=child_plan, actor=alice, heading="II. Tiêu chuẩn")

    part_services.update_section(section=second, actor=alice, heading="II. Biểu dương", order=None)

    assert list(child_plan.sections.values_list("heading", "order")) == [
        ("I. Mục đích yêu cầu", first.order),
        ("II. Biểu dương", 2),
    ]


def test_phase_outside_plan_period_refused(federation, federation_staff):
    plan = PlanFactory(
        issuer=federation,
        status=Plan.Status.DRAFT,
        period_start=dt.date(2017, 7, 1),
        period_end=dt.date(2020, 12, 31),
    )
    part_services.add_phase(
        plan=plan,
        actor=federation_staff,
        name="Giai đoạn 1",
        starts_on=dt.date(2017, 7, 1),
        ends_on=dt.date(2018, 6, 30),
    )

    with pytest.raises(ValidationError) as excinfo:
        part_services.add_phase(
            plan=plan,
            actor=federation_staff,
            name="Giai đoạn 3",
            starts_on=dt.date(2020, 7, 1),
            ends_on=dt.date(2021, 6, 30),
        )

    assert excinfo.value.message_dict == {
        "ends_on": [
            "Giai đoạn phải kết thúc trước hoặc đúng ngày 31/12/2020 — thời gian của kế hoạch."
        ]
    }
    assert list(plan.phases.values_list("name", flat=True)) == ["Giai đoạn 1"]


def test_closed_plan_parts_cannot_change(federation, federation_staff):
    plan = PlanFactory(issuer=federation, status=Plan.Status.CLOSED)
    criterion = CriterionFactory(plan=plan)

    with pytest.raises(ValidationError):
        part_services.add_section(plan=plan, actor=federation_staff, heading="X")
    with pytest.raises(ValidationError):
        part_services.delete_criterion(criterion=criterion, actor=federation_staff)

    assert plan.criteria.count() == 1
    assert plan.sections.count() == 0
