"""Activation by printed code or e-mailed link, and the first password."""

from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from portal.forms.accounts import ActivateForm
from portal.permissions import login_view, public_view
from portal.services import accounts
from portal.throttle import unlock

BACKEND = "portal.services.accounts.PhoneOrEmailBackend"


@public_view
def activate(request):
    form = ActivateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = accounts.redeem_slip(
                identifier=form.cleaned_data["identifier"], code=form.cleaned_data["code"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            login(request, user, backend=BACKEND)
            return redirect("first_password")
    return render(request, "portal/accounts/activate.html", {"form": form})


@public_view
def activate_link(request, token):
    if request.method == "POST":
        try:
            user = accounts.redeem_link(token=token)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("activate")
        login(request, user, backend=BACKEND)
        return redirect("first_password")
    usable = accounts.check_link(token) is not None
    return render(request, "portal/accounts/activate_link.html", {"usable": usable})


@login_view
def first_password(request):
    if not request.user.must_set_password:
        return redirect("home")
    form = SetPasswordForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = accounts.set_first_password(
            user=request.user, password=form.cleaned_data["new_password1"]
        )
        update_session_auth_hash(request, user)
        messages.success(
            request, _("Đã đặt mật khẩu. Từ nay đăng nhập bằng số điện thoại hoặc email.")
        )
        return redirect("home")
    return render(request, "portal/accounts/first_password.html", {"form": form})


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """Set a new password from an e-mailed link; the account's sign-in lockout ends too."""

    def form_valid(self, form):
        response = super().form_valid(form)
        unlock(username=form.user.get_username())
        return response
