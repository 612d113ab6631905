"""Accounts people can use: sign in by phone or e-mail, activate with a printed one-time
code or an e-mailed link, set a password on first sign-in.

Codes are stored as a keyed hash (HMAC with the SECRET_KEY), expire, are used once and
die after a few wrong tries. Issuing a new code revokes the person's earlier ones.
"""

import datetime as dt
import hashlib
import hmac
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.audit import record
from portal.contacts import normalize_email, normalize_phone
from portal.models import ActivationCode, Membership, User

SLIP_LIFETIME = dt.timedelta(days=30)
EMAIL_LIFETIME = dt.timedelta(days=7)
MAX_FAILED_ATTEMPTS = 5
# No 0/O, 1/I/L: codes are read off paper and typed on a phone.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 8


def _hash(secret: str) -> str:
    normalized = secret.replace("-", "").replace(" ", "").upper()
    return hmac.new(settings.SECRET_KEY.encode(), normalized.encode(), hashlib.sha256).hexdigest()


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    return f"{raw[:4]}-{raw[4:]}"


@dataclass(frozen=True)
class Slip:
    """One printed slip: what the member needs to activate their account."""

    full_name: str
    group: str
    unit: str
    login: str
    code: str
    expires_at: dt.datetime


def find_account(identifier: str) -> User | None:
    """The active account with this phone number or e-mail (None if none or several)."""
    identifier = (identifier or "").strip()
    if "@" in identifier:
        people = list(User.objects.filter(email__iexact=normalize_email(identifier))[:2])
    else:
        phone = normalize_phone(identifier)
        people = list(User.objects.filter(phone=phone)[:2]) if phone else []
    return people[0] if len(people) == 1 else None


class PhoneOrEmailBackend(ModelBackend):
    """Sign in with a phone number or an e-mail address (or the username, as before)."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if not username or password is None:
            return None
        user = None
        if "@" in username or normalize_phone(username).isdigit():
            user = find_account(username)
        if user is None:
            return None  # ModelBackend, listed after this one, tries the username
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        User().set_password(password)  # same time as a wrong password for a known user
        return None


def _revoke(user: User, now) -> None:
    ActivationCode.objects.filter(user=user, used_at__isnull=True, revoked_at__isnull=True).update(
        revoked_at=now
    )


@transaction.atomic
def issue_slips(*, memberships, actor: User, now=None) -> list[Slip]:
    """New one-time codes for the members of `memberships`, for printing.

    Side effects: revokes each member's earlier unused codes; stores only hashes; one
    audit entry per member. The codes themselves exist only in the returned slips.
    """
    now = now or timezone.now()
    slips = []
    for membership in memberships:
        user = membership.user
        _revoke(user, now)
        code = _new_code()
        ActivationCode.objects.create(
            user=user,
            kind=ActivationCode.Kind.SLIP,
            code_hash=_hash(code),
            created_at=now,
            expires_at=now + SLIP_LIFETIME,
        )
        record(actor=actor, action="account.code_issued", obj=user, unit=membership.unit)
        slips.append(
            Slip(
                full_name=user.full_name,
                group=membership.group.name if membership.group_id else "",
                unit=membership.unit.name,
                login=user.phone or user.email or user.username,
                code=code,
                expires_at=now + SLIP_LIFETIME,
            )
        )
    return slips


@transaction.atomic
def send_activation_link(*, membership: Membership, actor: User, base_url: str, now=None) -> None:
    """E-mail the member a one-time activation link (for members with an e-mail).

    Side effects: revokes earlier codes; stores the token's hash; sends the mail after
    commit; one audit entry. Raises ValidationError when the member has no e-mail.
    """
    user = membership.user
    if not user.email:
        raise ValidationError(_("Đoàn viên chưa có email."))
    now = now or timezone.now()
    _revoke(user, now)
    token = secrets.token_urlsafe(32)
    ActivationCode.objects.create(
        user=user,
        kind=ActivationCode.Kind.EMAIL,
        code_hash=_hash(token),
        created_at=now,
        expires_at=now + EMAIL_LIFETIME,
    )
    record(actor=actor, action="account.link_sent", obj=user, unit=membership.unit)
    link = f"{base_url.rstrip('/')}/kich-hoat/{token}/"
    subject = _("Kích hoạt tài khoản Cổng thi đua")
    body = _(
        "Chào %(name)s,\n\n%(unit)s đã tạo tài khoản cho bạn trên Cổng thi đua. "
        "Mở liên kết dưới đây trong %(days)s ngày để đặt mật khẩu:\n\n%(link)s\n"
    ) % {
        "name": user.full_name,
        "unit": membership.unit.name,
        "days": EMAIL_LIFETIME.days,
        "link": link,
    }
    transaction.on_commit(lambda: send_mail(subject, body, None, [user.email]))


def _usable(code: ActivationCode | None, now) -> bool:
    return (
        code is not None
        and code.used_at is None
        and code.revoked_at is None
        and code.expires_at > now
        and code.failed_attempts < MAX_FAILED_ATTEMPTS
    )


def check_link(token: str, now=None) -> ActivationCode | None:
    """The usable e-mail activation this token names, or None."""
    now = now or timezone.now()
    code = (
        ActivationCode.objects.select_related("user")
        .filter(code_hash=_hash(token), kind=ActivationCode.Kind.EMAIL)
        .first()
    )
    return code if _usable(code, now) else None


def redeem_slip(*, identifier: str, code: str, now=None) -> User:
    """Check a printed code for the account with this phone or e-mail and use it up.

    Side effects: marks the code used; the account must set a password next; one audit
    entry. A wrong code counts as a failed try on the person's live codes (kept: it is
    written outside the refused transaction). Raises ValidationError with one message for
    every kind of failure (no hint which part was wrong).
    """
    now = now or timezone.now()
    refused = ValidationError(
        _("Số điện thoại/email hoặc mã kích hoạt không đúng, hoặc mã đã hết hạn.")
    )
    user = find_account(identifier)
    if user is None:
        raise refused
    live = ActivationCode.objects.filter(
        user=user, kind=ActivationCode.Kind.SLIP, used_at__isnull=True, revoked_at__isnull=True
    )
    with transaction.atomic():
        match = live.select_for_update().filter(code_hash=_hash(code)).first()
        if _usable(match, now):
            return _use(match, now)
    live.filter(expires_at__gt=now).update(failed_attempts=F("failed_attempts") + 1)
    raise refused


@transaction.atomic
def redeem_link(*, token: str, now=None) -> User:
    """Use up an e-mailed activation link. Raises ValidationError if it is not usable."""
    now = now or timezone.now()
    code = check_link(token, now)
    if code is None:
        raise ValidationError(_("Liên kết kích hoạt không đúng hoặc đã hết hạn."))
    return _use(ActivationCode.objects.select_for_update().get(pk=code.pk), now)


def _use(code: ActivationCode, now) -> User:
    if code.used_at is not None:
        raise ValidationError(_("Mã kích hoạt đã được dùng."))
    code.used_at = now
    code.save(update_fields=["used_at"])
    user = code.user
    user.must_set_password = True
    user.is_active = True
    user.save(update_fields=["must_set_password", "is_active"])
    record(actor=user, action="account.activated", obj=user, kind=code.kind)
    return user


@transaction.atomic
def set_first_password(*, user: User, password: str) -> User:
    """Set the password the member chose at first sign-in. Side effects: audit entry."""
    user.set_password(password)
    user.must_set_password = False
    user.save(update_fields=["password", "must_set_password"])
    record(actor=user, action="account.password_set", obj=user)
    return user
