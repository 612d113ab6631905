from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from portal.models import (
    ActivationCode,
    AuditAnchor,
    AuditEntry,
    GuideDismissal,
    MemberImport,
    Membership,
    OrgUnit,
    PastAward,
    User,
)
from portal.throttle import unlock

# The admin speaks the portal's name, not Django's ("Trang quản trị cho Django"); the
# admin strings Django's vi catalogue lacks are in locale/vi/LC_MESSAGES/django.po.
admin.site.site_header = _("Quản trị Cổng thi đua")
admin.site.site_title = _("Quản trị Cổng thi đua")
admin.site.index_title = _("Quản trị Cổng thi đua")


class MembershipInline(admin.TabularInline):
    model = Membership
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["unit", "group"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "email", "phone", "is_active"]
    search_fields = ["username", "full_name", "search_name", "email", "phone"]
    fieldsets = BaseUserAdmin.fieldsets + (
        (
            None,
            {
                "fields": [
                    "full_name",
                    "phone",
                    "member_code",
                    "birth_date",
                    "gender",
                    "union_joined_on",
                    "party_member",
                    "must_set_password",
                ]
            },
        ),
    )
    add_fieldsets = BaseUserAdmin.add_fieldsets + (
        (None, {"fields": ["full_name", "email", "phone"]}),
    )
    inlines = [MembershipInline]
    actions = ["unlock_sign_in"]

    @admin.action(description=_("Mở khóa đăng nhập (xóa các lần nhập sai mật khẩu)"))
    def unlock_sign_in(self, request, queryset):
        removed = sum(unlock(username=user.username) for user in queryset)
        self.message_user(
            request, _("Đã mở khóa; đã xóa %(count)s lần nhập sai.") % {"count": removed}
        )


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "short_name", "parent", "path", "closed_on"]
    list_filter = ["kind"]
    search_fields = ["name", "code", "short_name"]
    autocomplete_fields = ["parent"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = [
        "user",
        "unit",
        "role",
        "group",
        "position",
        "starts_on",
        "ends_on",
        "end_reason",
    ]
    list_filter = ["role", "unit__kind"]
    search_fields = ["user__full_name", "user__username", "unit__name"]
    autocomplete_fields = ["user", "unit", "group"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "at",
        "chain",
        "seq",
        "actor_name",
        "action",
        "unit_name",
        "object_type",
        "object_id",
    ]
    list_filter = ["action"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyMixin:
    """For workflow records that change only through services (audited, state-checked):
    administrators may read them here, never add, change or delete them. Mix into a
    ModelAdmin or an inline."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyAdmin(ReadOnlyMixin, admin.ModelAdmin):
    pass


def register_read_only(*models):
    """Register each model with a read-only admin listing its first few fields."""
    for model in models:
        shown = [f.name for f in model._meta.fields if not f.many_to_one][:6]
        admin.site.register(
            model, type(f"{model.__name__}Admin", (ReadOnlyAdmin,), {"list_display": shown})
        )


@admin.register(ActivationCode)
class ActivationCodeAdmin(ReadOnlyAdmin):
    list_display = ["user", "kind", "created_at", "expires_at", "used_at", "revoked_at"]
    exclude = ["code_hash"]


@admin.register(MemberImport)
class MemberImportAdmin(ReadOnlyAdmin):
    list_display = ["unit", "kind", "file_name", "uploaded_by", "uploaded_at", "status"]


@admin.register(PastAward)
class PastAwardAdmin(ReadOnlyAdmin):
    list_display = ["full_name", "year", "title", "decision_number", "unit"]
    search_fields = ["full_name", "title", "decision_number"]


@admin.register(GuideDismissal)
class GuideDismissalAdmin(ReadOnlyAdmin):
    list_display = ["user", "guide", "dismissed_at"]


@admin.register(AuditAnchor)
class AuditAnchorAdmin(admin.ModelAdmin):
    """Anchors are made by `mail_audit_anchor` and checked by `verify_audit --anchor`."""

    list_display = ["id", "at", "chain", "count", "head_hash", "sent_to"]
    readonly_fields = [f.name for f in AuditAnchor._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
