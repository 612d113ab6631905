import pytest

from nominations.services.reviews import score_report
from portal.due import due_items_for
from tests.factories import CriterionFactory
from tests.nominations.factories import SelfReportFactory

pytestmark = pytest.mark.django_db


def _titles(user):
    return [item.title for item in due_items_for(user)]


def test_bch_member_has_reports_to_score_until_scored(bch, bob, plan, union):
    criterion = CriterionFactory(plan=plan)
    report = SelfReportFactory(plan=plan, member=bob, unit=union)

    before = _titles(bch[1])
    score_report(report=report, actor=bch[1], scores={criterion.pk: {"met": True}})

    assert before == ["Chấm 1 báo cáo: Kế hoạch bình xét năm học 2025-2026"]
    assert _titles(bch[1]) == []


def test_author_is_not_asked_to_score_own_report(bch, plan, union):
    SelfReportFactory(plan=plan, member=bch[1], unit=union)

    assert _titles(bch[1]) == []


def test_consultees_asked_for_opinions(secretary, school_board, nomination):
    from nominations.services.nominations import give_opinion

    assert _titles(secretary) == [
        "Cho ý kiến về 1 người được đề nghị: Kế hoạch bình xét năm học 2025-2026"
    ]
    give_opinion(nomination=nomination, body="party_cell", agree=True, actor=secretary)
    assert _titles(secretary) == []
    assert _titles(school_board) == [
        "Cho ý kiến về 1 người được đề nghị: Kế hoạch bình xét năm học 2025-2026"
    ]


def test_chair_asked_to_answer_objections(alice, bch, plan):
    from django.utils import timezone

    from nominations.models import NominationList, Objection

    nomination_list = NominationList.objects.create(
        plan=plan, finalised_by=alice, finalised_at=timezone.now()
    )
    Objection.objects.create(list=nomination_list, author=bch[2], text="?")

    assert _titles(alice) == ["Trả lời 1 góp ý về danh sách: Kế hoạch bình xét năm học 2025-2026"]
    assert _titles(bch[1]) == []
