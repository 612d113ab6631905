"""Demo accounts and members (fixtures/people.toml), all with the password thidua2026."""

from demo.context import DemoContext
from demo.specs import read
from portal.models import Membership, Role, User


def people() -> list[dict]:
    return read("people.toml")["people"]


def demo_logins() -> dict[str, str]:
    """username -> what the account shows, for the accounts marked ``demo``."""
    return {p["username"]: p["demo"] for p in people() if p.get("demo")}


def load(ctx: DemoContext) -> None:
    """Create the people (one shared password hash) and their memberships."""
    memberships = []
    for spec in people():
        superuser = spec.get("superuser", False)
        user = User(
            username=spec["username"],
            full_name=spec["full_name"],
            email=spec.get("email", ""),
            password=ctx.password_hash,
            is_superuser=superuser,
            is_staff=superuser,
        )
        user.save()  # computes sort_name and search_name
        ctx.users[user.username] = user
        if spec.get("demo"):
            ctx.logins[user.username] = spec["demo"]
        for m in spec["memberships"]:
            if m["role"] not in Role.values:
                raise ValueError(f"Unknown role {m['role']!r} for {user.username}")
            memberships.append(
                Membership(
                    user=user,
                    unit=ctx.unit(m["unit"]),
                    role=m["role"],
                    group=ctx.unit(m["group"]) if m.get("group") else None,
                    position=m.get("position", spec.get("position", "")),
                )
            )
    Membership.objects.bulk_create(memberships)
    ctx.log(f"{len(ctx.users)} people, {len(memberships)} memberships")
