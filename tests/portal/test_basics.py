import pytest
from django.db import DatabaseError

from portal.audit import record, verify_chain
from portal.models import AuditEntry
from portal.vietnamese import fold, name_sort_key

pytestmark = pytest.mark.django_db


def test_healthz_ok_when_database_reachable(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_503_when_database_unreachable(client, monkeypatch):
    from django.db.backends.utils import CursorWrapper

    def broken(self, sql, params=None):
        raise DatabaseError("down")

    monkeypatch.setattr(CursorWrapper, "execute", broken)

    response = client.get("/healthz")

    assert response.status_code == 503


def test_vietnamese_sort_by_given_name_then_rest():
    names = ["Trần Thị Ánh", "Nguyễn Văn An", "Lê Thị Ân", "Phạm Văn Ă", "Đỗ Văn Bình", "Võ Đức"]

    ordered = sorted(names, key=name_sort_key)

    assert ordered == [
        "Nguyễn Văn An",
        "Trần Thị Ánh",
        "Phạm Văn Ă",
        "Lê Thị Ân",
        "Đỗ Văn Bình",
        "Võ Đức",
    ]


def test_vietnamese_sort_d_before_dd_and_o_variants():
    names = ["A Ơn", "A Ôn", "A On", "A Đan", "A Dan"]

    assert sorted(names, key=name_sort_key) == ["A Dan", "A Đan", "A On", "A Ôn", "A Ơn"]


def test_fold_strips_diacritics():
    assert fold("Đoàn Viên Công Đoàn Sen Hồng") == "doan vien cong doan sen hong"


def test_audit_chain_detects_tampering(alice):
    record(actor=alice, action="plan.create", note="một")
    second = record(actor=alice, action="plan.publish", note="hai")
    assert verify_chain() == (True, None)

    AuditEntry.objects.filter(pk=second.pk).update(data={"note": "đã sửa"})

    assert verify_chain() == (False, second.pk)


def test_audit_entry_cannot_be_changed(alice):
    entry = record(actor=alice, action="plan.create")

    entry.action = "other"
    with pytest.raises(RuntimeError):
        entry.save()
    with pytest.raises(RuntimeError):
        entry.delete()


def test_audit_verify_runs_only_for_the_policy_allowed(client, alice):
    from tests.factories import UserFactory

    record(actor=alice, action="plan.create")
    client.force_login(alice)
    chair_page = client.get("/nhat-ky/?verify=1").content.decode()
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    admin_page = client.get("/nhat-ky/?verify=1").content.decode()

    assert "Chuỗi nhật ký toàn vẹn." not in chair_page
    assert "Chuỗi nhật ký toàn vẹn." in admin_page
