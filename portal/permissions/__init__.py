"""The one permission policy. Deny by default.

- ``can(user, action, obj)`` answers whether `user` may take `action` on `obj`; an action
  with no registered rule is denied.
- ``visible_to(user, Model)`` gives the queryset of objects of `Model` the user may see;
  a model with no registered selector shows nothing.
- Views declare their policy with ``@policy_view`` (or ``@public_view``); the
  ``PolicyMiddleware`` answers 403 for any view that declared none, so a new view
  without a rule is refused until someone writes one.

Objects a user may not see answer 404 (their existence stays hidden); actions on an
object they may see but not change answer 403.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404

from portal.models import BCH_ROLES, UNION_MEMBER_ROLES, Membership, OrgUnit, Role

_rules: dict[str, Callable] = {}
_selectors: dict[type, Callable] = {}


def rule(action: str):
    """Register the rule for `action`: a function (user, obj) -> bool."""

    def register(fn):
        if action in _rules:
            raise ValueError(f"Rule for {action!r} registered twice")
        _rules[action] = fn
        return fn

    return register


def selector(model: type[Model]):
    """Register the function (user) -> QuerySet of `model` objects the user may see."""

    def register(fn):
        _selectors[model] = fn
        return fn

    return register


def can(user, action: str, obj=None) -> bool:
    """May `user` take `action` on `obj`? Unknown actions and anonymous users: no."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    check = _rules.get(action)
    if check is None:
        return False
    return bool(check(user, obj))


def visible_to(user, model: type[Model]) -> QuerySet:
    """Objects of `model` that `user` may see (none for a model without a selector)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return model._default_manager.none()
    select = _selectors.get(model)
    if select is None:
        return model._default_manager.none()
    return select(user)


def get_object_for(user, model: type[Model], action: str, **lookup):
    """Fetch an object through the policy: 404 if not visible, 403 if `action` is refused."""
    try:
        obj = visible_to(user, model).get(**lookup)
    except model.DoesNotExist as exc:
        raise Http404 from exc
    authorize(user, action, obj)
    return obj


def authorize(user, action: str, obj=None) -> None:
    if not can(user, action, obj):
        raise PermissionDenied


# --- roles --------------------------------------------------------------------------


@dataclass(frozen=True)
class Grant:
    unit_id: int
    unit_path: str
    unit_kind: str
    role: str


def grants(user) -> tuple[Grant, ...]:
    """The user's current memberships, loaded once per request (cached on the user)."""
    cached = getattr(user, "_policy_grants", None)
    if cached is None:
        rows = (
            Membership.objects.current()
            .filter(user=user)
            .values_list("unit_id", "unit__path", "unit__kind", "role")
        )
        cached = tuple(Grant(*row) for row in rows)
        user._policy_grants = cached
    return cached


def has_role(user, unit: OrgUnit, roles) -> bool:
    """Does the user hold one of `roles` in `unit` itself?"""
    return any(g.unit_id == unit.pk and g.role in roles for g in grants(user))


def has_role_over(user, unit: OrgUnit, roles) -> bool:
    """Does the user hold one of `roles` in `unit` or in a unit above it?"""
    return any(unit.path.startswith(g.unit_path) and g.role in roles for g in grants(user))


def unit_ids_with(user, roles) -> set[int]:
    return {g.unit_id for g in grants(user) if g.role in roles}


def paths_with(user, roles) -> list[str]:
    return [g.unit_path for g in grants(user) if g.role in roles]


def is_admin(user) -> bool:
    return user.is_active and user.is_superuser


def is_member(user, unit: OrgUnit) -> bool:
    return has_role(user, unit, UNION_MEMBER_ROLES)


def is_bch(user, unit: OrgUnit) -> bool:
    return has_role(user, unit, BCH_ROLES)


def is_chair(user, unit: OrgUnit) -> bool:
    return has_role(user, unit, (Role.CHAIR, Role.VICE_CHAIR))


def is_federation_over(user, unit: OrgUnit) -> bool:
    return has_role_over(user, unit, (Role.FEDERATION_STAFF,))


# --- views ----------------------------------------------------------------------------


def policy_view(action: str | None = None, *, model: type[Model] | None = None, lookup="pk"):
    """Declare a view's policy.

    With `model`, the object named by the URL kwarg `lookup` is fetched through
    ``get_object_for`` (404 when invisible, 403 when `action` is refused) and passed to the
    view as ``obj``. Without it, ``can(user, action, None)`` must hold. Anonymous users
    are sent to the login page.
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if model is not None:
                value = kwargs.pop(lookup)
                kwargs["obj"] = get_object_for(request.user, model, action, **{lookup: value})
            elif action is not None:
                authorize(request.user, action)
            return view(request, *args, **kwargs)

        wrapper.policy_declared = True
        return wrapper

    return decorate


def login_view(view):
    """A view any signed-in user may open; it narrows what it shows with ``visible_to``."""
    return policy_view()(view)


def public_view(view):
    """A view anyone may open, signed in or not (login page, health check)."""
    view.policy_declared = True
    return view


class PolicyMiddleware:
    """Deny by default: a view that declared no policy answers 403."""

    exempt_prefixes = ("/admin/", "/static/", "/i18n/")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if request.path.startswith(self.exempt_prefixes):
            return None
        target = getattr(view_func, "view_class", None) or view_func
        if getattr(view_func, "policy_declared", False) or getattr(
            target, "policy_declared", False
        ):
            return None
        raise PermissionDenied("No permission policy declared for this view")


# --- portal's own rules ---------------------------------------------------------------


@selector(OrgUnit)
def units_visible_to(user):
    """The user's units, the units above them, and for managers the units below."""
    if is_admin(user):
        return OrgUnit.objects.all()
    from portal.models import MANAGER_ROLES

    paths = {g.unit_path for g in grants(user)}
    above = {
        "/".join(p.strip("/").split("/")[: i + 1]) + "/" for p in paths for i in range(p.count("/"))
    }
    q = Q(path__in=above)
    for path in paths_with(user, MANAGER_ROLES):
        q |= Q(path__startswith=path)
    return OrgUnit.objects.filter(q)


@rule("audit.view")
def can_view_audit(user, obj):
    from portal.models import MANAGER_ROLES

    return is_admin(user) or bool(paths_with(user, MANAGER_ROLES))


@rule("audit.verify")
def can_verify_audit(user, obj):
    """Walking the whole hash chain is an administrator's check."""
    return is_admin(user)


# Rules of portal's topics live in their own modules; importing registers them.
from portal.permissions import members as _members  # noqa: E402, F401
