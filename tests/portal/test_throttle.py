"""Sign-in throttling (django-axes): lockout per account and per address, the Vietnamese
429 page, unlocking, and password reset by e-mail."""

import io
import re

import pytest
from axes.helpers import get_client_ip_address
from axes.models import AccessAttempt
from django.contrib.admin.sites import site
from django.contrib.auth import SESSION_KEY
from django.core import mail
from django.core.management import call_command
from django.test import RequestFactory, override_settings
from django.urls import reverse

from portal.admin import UserAdmin
from portal.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

LOGIN = "/dang-nhap/"


@pytest.fixture
def hoa(db):
    return UserFactory(username="hoa", phone="0901234567", email="hoa@truong.vn")


def sign_in(client, username, password, **extra):
    return client.post(LOGIN, {"username": username, "password": password}, **extra)


def signed_in(client) -> bool:
    return SESSION_KEY in client.session


def test_sixty_wrong_passwords_then_the_right_one_is_refused(client, hoa):
    for _ in range(60):
        sign_in(client, "hoa", "sai-mat-khau")

    response = sign_in(client, "hoa", "thidua2026")

    assert response.status_code == 429
    assert not signed_in(client)
    page = response.content.decode()
    assert "Mật khẩu đã bị nhập sai quá nhiều lần" in page
    assert re.search(r"Có thể thử lại sau 15 phút, lúc \d\d:\d\d ngày \d\d/\d\d/\d{4}", page)


def test_below_the_limit_the_right_password_still_works(client, hoa):
    for _ in range(9):
        assert sign_in(client, "hoa", "sai-mat-khau").status_code == 200

    assert sign_in(client, "hoa", "thidua2026").status_code == 302
    assert signed_in(client)
    assert AccessAttempt.objects.count() == 0  # a success forgets the failures


def test_phone_email_and_username_count_against_one_account(client, hoa):
    for identifier in ["hoa", "0901234567", "hoa@truong.vn"] * 4:
        sign_in(client, identifier, "sai-mat-khau", REMOTE_ADDR=f"10.0.0.{len(identifier)}")

    # Another address, the right password, the account's e-mail: still locked.
    response = sign_in(client, "HOA@truong.vn", "thidua2026", REMOTE_ADDR="10.9.9.9")

    assert response.status_code == 429
    assert not signed_in(client)


def test_one_address_trying_many_accounts_is_locked_out(client, hoa):
    for n in range(10):
        sign_in(client, f"khong-co-{n}", "sai-mat-khau", REMOTE_ADDR="203.0.113.7")

    from_that_address = sign_in(client, "hoa", "thidua2026", REMOTE_ADDR="203.0.113.7")
    assert from_that_address.status_code == 429

    from_elsewhere = sign_in(client, "hoa", "thidua2026", REMOTE_ADDR="198.51.100.1")
    assert from_elsewhere.status_code == 302


def test_forwarded_for_is_ignored_without_a_trusted_proxy(client, hoa):
    for n in range(10):
        sign_in(client, "hoa", "sai", REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR=f"1.2.3.{n}")

    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.7"}


@override_settings(
    AXES_IPWARE_PROXY_COUNT=1,
    AXES_IPWARE_PROXY_ORDER="right-most",
    AXES_IPWARE_META_PRECEDENCE_ORDER=["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"],
)
def test_behind_one_proxy_the_address_nginx_saw_counts():
    # nginx's $proxy_add_x_forwarded_for appends the address it saw to what the client sent.
    request = RequestFactory().post(
        LOGIN, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.23"
    )

    assert get_client_ip_address(request) == "198.51.100.23"


def test_unlock_account_command_lets_the_person_sign_in(client, hoa):
    for _ in range(12):
        sign_in(client, "0901234567", "sai-mat-khau")
    assert sign_in(client, "hoa", "thidua2026").status_code == 429

    out = io.StringIO()
    call_command("unlock_account", "0901234567", stdout=out)

    assert out.getvalue() == "Đã xóa 1 lần đăng nhập sai; có thể đăng nhập lại.\n"

    assert sign_in(client, "hoa", "thidua2026").status_code == 302
    assert signed_in(client)


def test_unlock_account_command_needs_an_account_or_address():
    from django.core.management import CommandError

    with pytest.raises(CommandError):
        call_command("unlock_account")


def test_admin_action_unlocks_the_chosen_accounts(client, hoa):
    other = UserFactory(username="lan")
    for n, username in enumerate(["hoa", "lan"]):
        for _ in range(10):
            sign_in(client, username, "sai", REMOTE_ADDR=f"10.1.1.{n}")
    request = RequestFactory().post("/admin/")
    request.user = User.objects.create_superuser("root", "root@x.vn", "x")
    request._messages = type("M", (), {"add": lambda *a, **k: None})()

    UserAdmin(User, site).unlock_sign_in(request, User.objects.filter(pk=hoa.pk))

    assert list(AccessAttempt.objects.values_list("username", flat=True)) == [other.username]
    assert sign_in(client, "hoa", "thidua2026", REMOTE_ADDR="10.1.1.0").status_code == 302


def test_password_reset_by_email_sets_a_new_password_and_unlocks(client, hoa):
    for _ in range(10):
        sign_in(client, "hoa", "sai-mat-khau")

    response = client.post(reverse("password_reset"), {"email": "HOA@truong.vn"})
    assert response["Location"] == reverse("password_reset_done")
    [message] = mail.outbox
    assert message.to == ["hoa@truong.vn"]
    assert message.subject == "Đặt lại mật khẩu Cổng thi đua"
    assert "Mở liên kết dưới đây trong một ngày" in message.body
    link = re.search(r"http://testserver(/quen-mat-khau/\S+/)", message.body).group(1)

    form_url = client.get(link)["Location"]  # Django hides the token behind a redirect
    response = client.post(
        form_url, {"new_password1": "Sen-Hong-2027!", "new_password2": "Sen-Hong-2027!"}
    )

    assert response["Location"] == reverse("password_reset_complete")
    assert sign_in(client, "hoa", "Sen-Hong-2027!").status_code == 302
    assert signed_in(client)
    # Used once: the same link no longer offers the form.
    client.logout()
    assert (
        "Liên kết không đúng, đã dùng hoặc đã hết hạn."
        in client.get(link, follow=True).content.decode()
    )


def test_password_reset_for_an_unknown_email_sends_nothing_and_says_the_same(client, hoa):
    response = client.post(reverse("password_reset"), {"email": "ai-do@example.vn"})

    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []
