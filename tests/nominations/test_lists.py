import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from campaigns.models import Title
from nominations.models import Dossier, Nomination, NominationList, Objection
from nominations.services.ballots import cast_ballot
from nominations.services.dossiers import (
    add_dossier_attachment,
    forward_dossier,
    prepare_dossier,
    receive_dossier,
    return_dossier,
)
from nominations.services.lists import (
    answer_objection,
    finalise_list,
    publish_list,
    submit_objection,
)
from portal.models import AuditEntry, Role
from tests.factories import MembershipFactory, TitleFactory, UserFactory
from tests.nominations.committee import close_round
from tests.nominations.factories import NominationFactory
from tests.nominations.test_votes import HOUR, make_round

pytestmark = pytest.mark.django_db

DAY = dt.timedelta(days=1)
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def pass_all(chair, voters, plan, nominations, now, approving=None):
    round = make_round(chair, plan, nominations, now)
    for i, voter in enumerate(voters):
        approve = approving is None or i < approving
        choices = {str(n.pk): "approve" if approve else "disapprove" for n in nominations}
        cast_ballot(round=round, actor=voter, choices=choices, now=now)
    return close_round(round=round, actor=chair, now=now + HOUR)


@pytest.fixture
def listed(bch, bob, plan, local_title, now):
    nomination = NominationFactory(plan=plan, title=local_title, nominee=bob, proposed_by=bch[0])
    pass_all(bch[0], bch, plan, [nomination], now, approving=4)
    return finalise_list(plan=plan, actor=bch[0], now=now + 2 * HOUR)


@pytest.fixture
def published(listed, bch, now):
    return publish_list(nomination_list=listed, actor=bch[0], feedback_days=5, now=now + 3 * HOUR)


@pytest.fixture
def cleared(published, now):
    """The feedback window is over."""
    return now + 3 * HOUR + 5 * DAY


def test_finalise_list_takes_passed_nominees_with_vote_share(listed, bob):
    entry = listed.entries.get()

    assert (entry.nomination.nominee, entry.approve, entry.base, entry.share) == (
        bob,
        4,
        5,
        Decimal("0.8000"),
    )
    assert entry.nomination.status == Nomination.Status.LISTED


def test_finalise_list_leaves_out_failed(bch, bob, plan, local_title, now):
    passing = NominationFactory(plan=plan, title=local_title, nominee=bob, proposed_by=bch[0])
    pass_all(bch[0], bch, plan, [passing], now)
    failing = NominationFactory(plan=plan, title=local_title, proposed_by=bch[0])
    pass_all(bch[0], bch, plan, [failing], now, approving=3)

    nomination_list = finalise_list(plan=plan, actor=bch[0], now=now + 2 * HOUR)

    assert [e.nomination for e in nomination_list.entries.all()] == [passing]


def test_finalise_list_keeps_highest_shares_within_quota(bch, bob, plan, local_title, now):
    first = NominationFactory(plan=plan, title=local_title, nominee=bob, proposed_by=bch[0])
    pass_all(bch[0], bch, plan, [first], now)  # 5/5
    second = NominationFactory(plan=plan, title=local_title, proposed_by=bch[0])
    pass_all(bch[0], bch, plan, [second], now, approving=4)  # 4/5
    local_title.quota_count = 1
    local_title.save()

    nomination_list = finalise_list(plan=plan, actor=bch[0], now=now + 2 * HOUR)

    assert [e.nomination for e in nomination_list.entries.all()] == [first]
    second.refresh_from_db()
    assert second.status == Nomination.Status.OUTSIDE_QUOTA
    assert AuditEntry.objects.get(action="list.finalise").data == {
        "entries": [first.pk],
        "outside_quota": [second.pk],
    }


def test_finalise_list_tie_on_last_place_refused(bch, bob, plan, local_title, now):
    nominations = [
        NominationFactory(plan=plan, title=local_title, nominee=bob, proposed_by=bch[0]),
        NominationFactory(plan=plan, title=local_title, nominee=bch[4], proposed_by=bch[0]),
    ]
    pass_all(bch[0], bch, plan, nominations, now)
    local_title.quota_count = 1
    local_title.save()

    with pytest.raises(ValidationError) as error:
        finalise_list(plan=plan, actor=bch[0], now=now + 2 * HOUR)

    assert error.value.messages == [
        "Danh hiệu “Gương điển hình tiên tiến” (chỉ tiêu 1 người): Lê Văn Bob, Ủy Viên Số3 "
        "cùng tỷ lệ phiếu ở vị trí cuối của chỉ tiêu. Cần biểu quyết lại giữa những người này."
    ]
    assert NominationList.objects.count() == 0


def test_finalise_list_refused_while_round_open(bch, bob, plan, local_title, now):
    nomination = NominationFactory(plan=plan, title=local_title, nominee=bob, proposed_by=bch[0])
    make_round(bch[0], plan, [nomination], now)

    with pytest.raises(ValidationError) as error:
        finalise_list(plan=plan, actor=bch[0], now=now)

    assert error.value.messages == [
        "Chưa thể chốt danh sách đề nghị: phải xong bước trước “lấy ý kiến tập thể (biểu "
        "quyết) đã kiểm phiếu” (còn 1 đợt biểu quyết chưa kiểm phiếu)."
    ]


def test_finalise_list_refused_for_bch_member(bch, plan):
    with pytest.raises(PermissionDenied):
        finalise_list(plan=plan, actor=bch[1])


def test_finalise_list_twice_refused(listed, bch, plan):
    with pytest.raises(ValidationError) as error:
        finalise_list(plan=plan, actor=bch[0])

    assert error.value.messages == ["Danh sách đề nghị đã được chốt."]


def test_publish_opens_feedback_window(published, now):
    assert published.status == NominationList.Status.PUBLISHED
    assert published.feedback_ends_at == now + 3 * HOUR + 5 * DAY


def test_publish_twice_refused(published, bch):
    with pytest.raises(ValidationError):
        publish_list(nomination_list=published, actor=bch[0])


def test_member_objects_inside_window(published, bch, now):
    objection = submit_objection(
        nomination_list=published,
        actor=bch[2],
        text="Đề nghị xem lại thành tích",
        entry=published.entries.get(),
        now=now + DAY,
    )

    assert (objection.author, objection.is_answered) == (bch[2], False)
    assert AuditEntry.objects.filter(action="list.objection").count() == 1


def test_objection_after_window_refused(published, bch, cleared):
    with pytest.raises(ValidationError) as error:
        submit_objection(nomination_list=published, actor=bch[2], text="Muộn", now=cleared)

    # 09:00 UTC + 3 h + 5 days = 19h00 on 25/11/2026 in Asia/Ho_Chi_Minh.
    assert error.value.messages == [
        "Đã hết hạn góp ý lúc 19h00 ngày 25/11/2026; góp ý của bạn gửi đến lúc 19:00:00 ngày "
        "25/11/2026."
    ]


def test_objection_from_outsider_refused(published, charlie, now):
    with pytest.raises(PermissionDenied):
        submit_objection(nomination_list=published, actor=charlie, text="x", now=now + DAY)


def test_objection_before_publication_refused(listed, bch, now):
    with pytest.raises(ValidationError) as error:
        submit_objection(nomination_list=listed, actor=bch[2], text="x", now=now + DAY)

    assert error.value.messages == ["Danh sách chưa được công khai."]


def test_answer_objection_by_chair(published, bch, now):
    objection = submit_objection(nomination_list=published, actor=bch[2], text="?", now=now + DAY)

    answer_objection(objection=objection, actor=bch[0], answer="Đã xác minh, giữ nguyên.")

    objection.refresh_from_db()
    assert (objection.answer, objection.answered_by) == ("Đã xác minh, giữ nguyên.", bch[0])


def test_answer_objection_by_member_refused(published, bch, now):
    objection = submit_objection(nomination_list=published, actor=bch[2], text="?", now=now + DAY)

    with pytest.raises(PermissionDenied):
        answer_objection(objection=objection, actor=bch[2], answer="tự trả lời")


def test_answer_objection_twice_refused(published, bch, now):
    objection = submit_objection(nomination_list=published, actor=bch[2], text="?", now=now + DAY)
    answer_objection(objection=objection, actor=bch[0], answer="Có.")

    with pytest.raises(ValidationError):
        answer_objection(objection=objection, actor=bch[0], answer="Lại.")


# --- dossiers ---------------------------------------------------------------------------


@pytest.fixture
def dossier(published, bch, now):
    return prepare_dossier(nomination=published.entries.get().nomination, actor=bch[0], now=now)


def test_prepare_dossier_addresses_parent_plan(dossier, federation_plan):
    assert (dossier.status, dossier.target_plan) == (Dossier.Status.DRAFT, federation_plan)
    assert [e.action for e in dossier.events.all()] == ["prepare"]


def test_prepare_dossier_for_unit_level_title_refused(bch, bob, plan, now):
    unit_title = TitleFactory(plan=plan, name="Lao động tiên tiến", level=Title.Level.UNIT)
    nomination = NominationFactory(plan=plan, title=unit_title, nominee=bob, proposed_by=bch[0])
    nomination.status = Nomination.Status.LISTED
    nomination.save()

    with pytest.raises(ValidationError) as error:
        prepare_dossier(nomination=nomination, actor=bch[0])

    assert error.value.messages == ["Danh hiệu cấp cơ sở không gửi lên cấp trên."]


def test_prepare_dossier_for_unlisted_nominee_refused(bch, bob, plan, local_title):
    nomination = NominationFactory(plan=plan, title=local_title, nominee=bob, proposed_by=bch[0])

    with pytest.raises(ValidationError):
        prepare_dossier(nomination=nomination, actor=bch[0])


def test_forward_refused_during_feedback_window(dossier, bch, now):
    with pytest.raises(ValidationError) as error:
        forward_dossier(dossier=dossier, actor=bch[0], now=now + DAY)

    assert error.value.messages == [
        "Chưa thể gửi hồ sơ lên cấp trên: phải xong bước trước “công khai danh sách, hết hạn "
        "góp ý, trả lời mọi góp ý” (còn nhận góp ý đến 19h00 ngày 25/11/2026)."
    ]


def test_forward_refused_while_objection_unanswered(dossier, published, bch, now, cleared):
    submit_objection(nomination_list=published, actor=bch[2], text="?", now=now + DAY)

    with pytest.raises(ValidationError) as error:
        forward_dossier(dossier=dossier, actor=bch[0], now=cleared)

    assert error.value.messages == [
        "Chưa thể gửi hồ sơ lên cấp trên: phải xong bước trước “công khai danh sách, hết hạn "
        "góp ý, trả lời mọi góp ý” (còn 1 góp ý chưa trả lời)."
    ]
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.DRAFT


def test_forward_after_objection_answered(dossier, published, bch, now, cleared):
    objection = submit_objection(nomination_list=published, actor=bch[2], text="?", now=now + DAY)
    answer_objection(objection=objection, actor=bch[0], answer="Giữ nguyên.")

    forwarded = forward_dossier(dossier=dossier, actor=bch[0], now=cleared)

    assert forwarded.status == Dossier.Status.FORWARDED
    assert forwarded.nomination.status == Nomination.Status.LISTED  # the old object
    assert Nomination.objects.get(pk=forwarded.nomination_id).status == "forwarded"


def test_forward_by_bch_member_refused(dossier, bch, cleared):
    with pytest.raises(PermissionDenied):
        forward_dossier(dossier=dossier, actor=bch[1], now=cleared)


def test_attach_typed_pdf(dossier, bch, now):
    attachment = add_dossier_attachment(
        dossier=dossier,
        file=SimpleUploadedFile("to-trinh.pdf", PDF),
        kind="submission",
        actor=bch[0],
        now=now,
    )

    assert (attachment.kind, attachment.mime, attachment.original_name) == (
        "submission",
        "application/pdf",
        "to-trinh.pdf",
    )


@pytest.mark.parametrize("name", ["to-trinh.bat", "to-trinh.hta", "to-trinh.html"])
def test_attach_pdf_named_otherwise_refused_saying_it_is_a_pdf(dossier, bch, now, name):
    with pytest.raises(ValidationError) as refused:
        add_dossier_attachment(
            dossier=dossier,
            file=SimpleUploadedFile(name, PDF),
            kind="submission",
            actor=bch[0],
            now=now,
        )

    assert "thực chất là tệp PDF" in refused.value.messages[0]
    assert dossier.attachments.count() == 0


def test_attach_fake_pdf_refused_and_nothing_stored(dossier, bch, now):
    with pytest.raises(ValidationError):
        add_dossier_attachment(
            dossier=dossier,
            file=SimpleUploadedFile("to-trinh.pdf", b"MZ not a pdf"),
            kind="submission",
            actor=bch[0],
            now=now,
        )

    assert dossier.attachments.count() == 0


def test_receive_creates_nomination_at_parent_plan(
    dossier, bch, bob, federation_staff, federation_plan, district_title, cleared
):
    forward_dossier(dossier=dossier, actor=bch[0], now=cleared)

    received = receive_dossier(dossier=dossier, actor=federation_staff, now=cleared)

    up = received.received_as
    assert (up.plan, up.title, up.nominee, up.status) == (
        federation_plan,
        district_title,
        bob,
        Nomination.Status.PROPOSED,
    )
    assert [e.action for e in received.events.all()] == ["prepare", "forward", "receive"]


def test_receive_a_draft_refused(dossier, federation_staff):
    with pytest.raises(ValidationError) as error:
        receive_dossier(dossier=dossier, actor=federation_staff)

    assert error.value.messages == ["Không thể tiếp nhận hồ sơ đang ở trạng thái “Đang chuẩn bị”."]


def test_receive_by_sending_chair_refused(dossier, bch, cleared):
    forward_dossier(dossier=dossier, actor=bch[0], now=cleared)

    with pytest.raises(PermissionDenied):
        receive_dossier(dossier=dossier, actor=bch[0])


def test_return_needs_reason(dossier, bch, federation_staff, cleared):
    forward_dossier(dossier=dossier, actor=bch[0], now=cleared)

    with pytest.raises(ValidationError) as error:
        return_dossier(dossier=dossier, actor=federation_staff, reason=" ")

    assert error.value.messages == ["Cần ghi lý do trả lại hồ sơ."]


def test_return_supplement_and_forward_again(dossier, bch, federation_staff, cleared):
    forward_dossier(dossier=dossier, actor=bch[0], now=cleared)
    receive_dossier(dossier=dossier, actor=federation_staff, now=cleared)
    first_up = Dossier.objects.get().received_as

    return_dossier(dossier=dossier, actor=federation_staff, reason="Thiếu tờ trình", now=cleared)
    add_dossier_attachment(
        dossier=dossier,
        file=SimpleUploadedFile("to-trinh.pdf", PDF),
        kind="submission",
        actor=bch[0],
        now=cleared,
    )
    forward_dossier(dossier=dossier, actor=bch[0], now=cleared + HOUR)
    again = receive_dossier(dossier=dossier, actor=federation_staff, now=cleared + HOUR)

    first_up.refresh_from_db()
    assert first_up.status == Nomination.Status.WITHDRAWN
    assert again.received_as.status == Nomination.Status.PROPOSED
    assert [(e.action, e.note) for e in again.events.all()] == [
        ("prepare", ""),
        ("forward", ""),
        ("receive", ""),
        ("return", "Thiếu tờ trình"),
        ("attach", "Tờ trình: to-trinh.pdf"),
        ("forward", ""),
        ("receive", ""),
    ]


def test_return_after_vote_up_there_refused(dossier, bch, federation_staff, cleared):
    forward_dossier(dossier=dossier, actor=bch[0], now=cleared)
    receive_dossier(dossier=dossier, actor=federation_staff, now=cleared)
    Nomination.objects.filter(pk=Dossier.objects.get().received_as_id).update(status="passed")

    with pytest.raises(ValidationError) as error:
        return_dossier(dossier=dossier, actor=federation_staff, reason="x")

    assert error.value.messages == ["Không trả lại được: đề nghị ở cấp trên đã “Đạt biểu quyết”."]


def test_forward_a_forwarded_dossier_refused(dossier, bch, cleared):
    forward_dossier(dossier=dossier, actor=bch[0], now=cleared)

    with pytest.raises(ValidationError) as error:
        forward_dossier(dossier=dossier, actor=bch[0], now=cleared)

    assert error.value.messages == ["Không thể gửi hồ sơ đang ở trạng thái “Đã gửi lên cấp trên”."]


def test_attach_to_forwarded_dossier_refused(dossier, bch, cleared):
    forward_dossier(dossier=dossier, actor=bch[0], now=cleared)

    with pytest.raises(ValidationError):
        add_dossier_attachment(
            dossier=dossier,
            file=SimpleUploadedFile("x.pdf", PDF),
            kind="other",
            actor=bch[0],
        )


def test_return_a_draft_refused(dossier, federation_staff):
    with pytest.raises(ValidationError):
        return_dossier(dossier=dossier, actor=federation_staff, reason="x")


def test_objection_model_ordering(published, bch, now):
    submit_objection(nomination_list=published, actor=bch[3], text="b", now=now + 2 * DAY)
    submit_objection(nomination_list=published, actor=bch[2], text="a", now=now + DAY)

    assert list(Objection.objects.values_list("text", flat=True)) == ["a", "b"]


def test_federation_votes_on_received_nominee_with_same_machinery(
    dossier, bch, federation_staff, federation_plan, cleared
):
    forward_dossier(dossier=dossier, actor=bch[0], now=cleared)
    received = receive_dossier(dossier=dossier, actor=federation_staff, now=cleared).received_as

    # A federation's counting committee: two of its staff.
    second = UserFactory(username="staff2")
    MembershipFactory(user=second, unit=federation_plan.issuer, role=Role.FEDERATION_STAFF)
    round = make_round(
        federation_staff, federation_plan, [received], cleared, counters=[federation_staff, second]
    )
    for voter in (federation_staff, second):
        cast_ballot(round=round, actor=voter, choices={str(received.pk): "approve"}, now=cleared)
    close_round(round=round, actor=federation_staff, now=cleared + HOUR)
    federation_list = finalise_list(
        plan=federation_plan, actor=federation_staff, now=cleared + HOUR
    )

    assert list(round.electors.order_by("user").values_list("user", flat=True)) == [
        federation_staff.pk,
        second.pk,
    ]
    assert [e.nomination for e in federation_list.entries.all()] == [received]


def test_list_document_rows_for_the_renderer(listed, bob, union):
    from nominations.selectors.lists import list_document_rows

    rows = list_document_rows(listed)

    assert [(r.number, r.name, r.unit, r.title, r.share_text) for r in rows] == [
        (1, "Lê Văn Bob", "CĐCS Trường MN Sen Hồng", "Gương điển hình tiên tiến", "4/5 (80%)")
    ]


def test_forward_after_receiving_plans_nomination_due_refused(
    dossier, bch, federation_plan, cleared
):
    from campaigns.models import Milestone
    from tests.factories import MilestoneFactory

    MilestoneFactory(
        plan=federation_plan,
        kind=Milestone.Kind.NOMINATION_DUE,
        starts_at=cleared - 3 * DAY,
        ends_at=cleared - DAY,
    )

    with pytest.raises(ValidationError) as error:
        forward_dossier(dossier=dossier, actor=bch[0], now=cleared)

    # cleared - 1 day = 19h00 on 24/11/2026 in Asia/Ho_Chi_Minh.
    assert error.value.messages == [
        "Đã quá hạn gửi hồ sơ đề nghị lên LĐLĐ Quận Gò Vấp (19h00 ngày 24/11/2026)."
    ]
    dossier.refresh_from_db()
    assert dossier.status == Dossier.Status.DRAFT


def test_forward_one_millisecond_before_nomination_due(dossier, bch, federation_plan, cleared):
    from campaigns.models import Milestone
    from tests.factories import MilestoneFactory

    MilestoneFactory(
        plan=federation_plan,
        kind=Milestone.Kind.NOMINATION_DUE,
        starts_at=cleared - DAY,
        ends_at=cleared + dt.timedelta(milliseconds=1),
    )

    assert forward_dossier(dossier=dossier, actor=bch[0], now=cleared).status == "forwarded"


def test_due_items_for_dossiers_to_send_and_to_receive(dossier, bch, federation_staff, cleared):
    from portal.due import due_items_for

    to_send = [i.title for i in due_items_for(bch[0])]
    forward_dossier(dossier=dossier, actor=bch[0], now=cleared)

    assert to_send == ["Gửi 1 hồ sơ đề nghị lên cấp trên: Kế hoạch bình xét năm học 2025-2026"]
    assert [i.title for i in due_items_for(bch[0])] == []
    # Federation staff also watch their live plans (reports/due/dashboard.py); only dossiers
    # count here.
    staff_items = [i.title for i in due_items_for(federation_staff)]
    assert [t for t in staff_items if not t.startswith("Theo dõi tiến độ")] == [
        "Tiếp nhận 1 hồ sơ gửi lên: Kế hoạch tuyên dương của LĐLĐ"
    ]


def test_publish_until_a_given_time_for_a_short_meeting_window(listed, bch, now):
    published = publish_list(
        nomination_list=listed, actor=bch[0], feedback_ends_at=now + 3 * HOUR, now=now
    )

    assert published.feedback_ends_at == now + 3 * HOUR


def test_publish_until_a_past_time_refused(listed, bch, now):
    with pytest.raises(ValidationError) as error:
        publish_list(nomination_list=listed, actor=bch[0], feedback_ends_at=now, now=now)

    assert error.value.messages == ["Hạn góp ý phải sau lúc công khai và trong vòng 30 ngày."]
