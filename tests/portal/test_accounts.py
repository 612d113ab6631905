"""Accounts: sign in by phone or e-mail, one-time codes and links, first password."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from portal.models import ActivationCode, Membership, Role, User
from portal.services import accounts
from tests.factories import MembershipFactory, UserFactory

# django-axes counts sign-ins per request; Client.login() passes none of its own.
SIGN_IN = RequestFactory().post("/dang-nhap/")

pytestmark = pytest.mark.django_db


@pytest.fixture
def newcomer(union):
    user = User(username="dv-new", full_name="Đỗ Thị Mới", phone="0907000111", email="")
    user.set_unusable_password()
    user.save()
    return MembershipFactory(user=user, unit=union, role=Role.MEMBER)


def test_login_with_phone_or_email(client, union):
    UserFactory(username="hoa", phone="0901234567", email="hoa@truong.vn")

    assert (
        client.post(
            reverse("login"), {"username": "0901 234 567", "password": "thidua2026"}
        ).status_code
        == 302
    )
    client.logout()
    assert (
        client.post(
            reverse("login"), {"username": "HOA@truong.vn", "password": "thidua2026"}
        ).status_code
        == 302
    )
    client.logout()
    assert (
        client.post(reverse("login"), {"username": "0901234567", "password": "sai"}).status_code
        == 200
    )


def test_slip_code_is_stored_hashed_single_use_and_asks_for_a_password(
    client, union, alice, newcomer
):
    [slip] = accounts.issue_slips(memberships=[newcomer], actor=alice)

    assert not ActivationCode.objects.filter(
        code_hash__contains=slip.code.replace("-", "")
    ).exists()
    assert (slip.full_name, slip.login) == ("Đỗ Thị Mới", "0907000111")
    response = client.post(
        reverse("activate"), {"identifier": "0907000111", "code": slip.code.lower()}
    )
    assert response.status_code == 302 and response["Location"] == reverse("first_password")
    # Nothing else opens until the password is set.
    assert client.get(reverse("home"))["Location"] == reverse("first_password")
    response = client.post(
        reverse("first_password"),
        {"new_password1": "Hoa-Mai-2026!", "new_password2": "Hoa-Mai-2026!"},
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).status_code == 200
    client.logout()
    again = client.post(reverse("activate"), {"identifier": "0907000111", "code": slip.code})
    assert again.status_code == 200  # used once
    assert client.login(request=SIGN_IN, username="0907000111", password="Hoa-Mai-2026!")


def test_expired_code_is_refused(union, alice, newcomer):
    issued = timezone.now() - accounts.SLIP_LIFETIME - dt.timedelta(minutes=1)
    [slip] = accounts.issue_slips(memberships=[newcomer], actor=alice, now=issued)

    with pytest.raises(ValidationError):
        accounts.redeem_slip(identifier="0907000111", code=slip.code)


def test_new_code_revokes_the_old_one(union, alice, newcomer):
    [old] = accounts.issue_slips(memberships=[newcomer], actor=alice)
    [new] = accounts.issue_slips(memberships=[newcomer], actor=alice)

    with pytest.raises(ValidationError):
        accounts.redeem_slip(identifier="0907000111", code=old.code)
    assert accounts.redeem_slip(identifier="0907000111", code=new.code) == newcomer.user


def test_wrong_tries_kill_the_code(union, alice, newcomer):
    [slip] = accounts.issue_slips(memberships=[newcomer], actor=alice)

    for _ in range(accounts.MAX_FAILED_ATTEMPTS):
        with pytest.raises(ValidationError):
            accounts.redeem_slip(identifier="0907000111", code="AAAA-AAAA")
    with pytest.raises(ValidationError):
        accounts.redeem_slip(identifier="0907000111", code=slip.code)


def test_code_of_someone_else_is_refused(union, alice, newcomer, bob):
    [slip] = accounts.issue_slips(memberships=[newcomer], actor=alice)
    bob.phone = "0907000222"
    bob.save()

    with pytest.raises(ValidationError):
        accounts.redeem_slip(identifier="0907000222", code=slip.code)


def test_activation_link_by_email(
    client, union, alice, newcomer, django_capture_on_commit_callbacks
):
    newcomer.user.email = "moi@truong.vn"
    newcomer.user.save()

    with django_capture_on_commit_callbacks(execute=True):
        accounts.send_activation_link(membership=newcomer, actor=alice, base_url="http://portal/")

    [message] = mail.outbox
    link = next(line for line in message.body.splitlines() if line.startswith("http"))
    path = link.removeprefix("http://portal")
    assert client.get(path).context["usable"] is True
    assert client.post(path)["Location"] == reverse("first_password")
    client.logout()
    assert client.get(path).context["usable"] is False  # single use


def test_slips_pdf_for_members_without_a_password(client, union, alice, newcomer, bob):
    client.force_login(alice)

    response = client.post(reverse("reports:activation_slips_pdf", kwargs={"pk": union.pk}))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    # Only the newcomer: bob already has a password.
    assert ActivationCode.objects.filter(user=newcomer.user).count() == 1
    assert not ActivationCode.objects.filter(user=bob).exists()


def test_slips_refused_to_a_member(client, union, bob, newcomer):
    client.force_login(bob)

    response = client.post(reverse("reports:activation_slips_pdf", kwargs={"pk": union.pk}))

    assert response.status_code == 403
    assert not ActivationCode.objects.exists()
    assert Membership.objects.filter(user=newcomer.user).count() == 1
