"""Forms of the member pages and the sheet import."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from portal.models import PERSONAL_END_REASONS, Gender, MemberImport, OrgUnit, Role
from portal.services.members import GRANTABLE_ROLES


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class MemberForm(forms.Form):
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    birth_date = forms.DateField(label=_("Ngày sinh"), required=False, widget=DateInput())
    gender = forms.ChoiceField(
        label=_("Giới tính"), choices=[("", "—"), *Gender.choices], required=False
    )
    position = forms.CharField(label=_("Chức vụ"), max_length=120, required=False)
    group = forms.ModelChoiceField(
        label=_("Tổ công đoàn"), queryset=OrgUnit.objects.none(), required=False
    )
    phone = forms.CharField(label=_("Số điện thoại"), max_length=20, required=False)
    email = forms.EmailField(label=_("Email"), required=False)
    member_code = forms.CharField(label=_("Mã đoàn viên"), max_length=30, required=False)
    union_joined_on = forms.DateField(
        label=_("Ngày vào công đoàn"), required=False, widget=DateInput()
    )
    party_member = forms.BooleanField(label=_("Đảng viên"), required=False)

    def __init__(self, *args, unit: OrgUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = unit.children.filter(
            kind=OrgUnit.Kind.UNION_GROUP, closed_on__isnull=True
        ).order_by("name")
        if unit.kind != OrgUnit.Kind.GRASSROOTS_UNION:
            del self.fields["group"]

    def clean(self):
        data = super().clean()
        if not (data.get("phone") or data.get("email") or data.get("member_code")):
            raise forms.ValidationError(
                _("Cần ít nhất một trong số điện thoại, email, mã đoàn viên.")
            )
        return data


class RolesForm(forms.Form):
    roles = forms.MultipleChoiceField(
        label=_("Vai trò"), required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, unit: OrgUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = [(r, Role(r).label) for r in GRANTABLE_ROLES[unit.kind]]


class EndMembershipForm(forms.Form):
    ends_on = forms.DateField(label=_("Ngày kết thúc"), widget=DateInput())
    reason = forms.ChoiceField(label=_("Lý do"), choices=PERSONAL_END_REASONS)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("initial", {"ends_on": timezone.localdate()})
        super().__init__(*args, **kwargs)


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Loại danh sách"), choices=MemberImport.Kind.choices, initial="members"
    )
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))
