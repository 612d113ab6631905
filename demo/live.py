"""The live campaign, dated from the moment of loading (fixtures/live/*.toml):
LĐLĐ Quận Gò Vấp's plan → CĐCS Trường MN Sen Hồng's plan made from it (inherited
criteria and titles, self-report window open now) → Chi bộ Trường MN Sen Hồng's
thematic-meeting plan implementing the CĐCS plan. All published.

The plans go through the campaign services, as each spec's ``actor`` would issue them in
the portal, so they pass the same checks (milestones inside the parent's) and leave the
same audit trail.
"""

from campaigns.models import Plan
from campaigns.services import cascade as cascade_services
from campaigns.services import milestones as milestone_services
from campaigns.services import plan_parts as part_services
from campaigns.services import plans as plan_services
from demo.context import DemoContext
from demo.specs import ResolvedPlan, read_folder, resolve_plan


def load(ctx: DemoContext) -> None:
    for spec in read_folder("live"):
        resolved = resolve_plan(spec, ctx, relative=True)
        ctx.plans[resolved.key] = issue_plan(resolved, ctx)
    chain = [plan.symbol for key, plan in ctx.plans.items() if key.startswith("live-")]
    ctx.log("live campaign: " + " → ".join(chain))


def issue_plan(resolved: ResolvedPlan, ctx: DemoContext) -> Plan:
    """Create `resolved` through the services, add its parts, publish it if it says so."""
    actor = ctx.user(resolved.actor)
    issuer, parent = resolved.issuer, resolved.parent
    if parent is not None and resolved.inherit:
        plan = cascade_services.create_child_plan(
            parent=parent, issuer=issuer, actor=actor, now=ctx.now, **resolved.fields
        )
    else:
        plan = plan_services.create_plan(issuer=issuer, actor=actor, now=ctx.now, **resolved.fields)
        if parent is not None:
            # A party cell's thematic-meeting plan names the union plan it implements
            # without taking over the union's criteria and titles.
            Plan.objects.filter(pk=plan.pk).update(parent=parent)
            plan.parent = parent
    for section in resolved.sections:
        part_services.add_section(plan=plan, actor=actor, **section)
    for phase in resolved.phases:
        part_services.add_phase(plan=plan, actor=actor, **phase)
    for criterion in resolved.criteria:
        part_services.add_criterion(plan=plan, actor=actor, **criterion)
    _add_titles(plan, resolved, actor)
    for spec in resolved.milestones:
        fields = {k: v for k, v in spec.items() if k != "agenda"}
        milestone = milestone_services.add_milestone(plan=plan, actor=actor, **fields)
        for text in spec["agenda"]:
            milestone_services.add_agenda_item(milestone=milestone, actor=actor, text=text)
    if resolved.status == Plan.Status.PUBLISHED:
        plan_services.publish_plan(plan=plan, actor=actor, now=ctx.now)
    return plan


def _add_titles(plan: Plan, resolved: ResolvedPlan, actor) -> None:
    by_key = {}
    for spec in resolved.titles:
        if spec.get("inherited"):
            raise ValueError("Live plans inherit their parent's titles with `inherit = true`.")
        fields = {k: v for k, v in spec.items() if k not in ("key", "prerequisite")}
        if spec.get("prerequisite"):
            fields["prerequisite"] = by_key[spec["prerequisite"]]
        title = part_services.add_title(plan=plan, actor=actor, **fields)
        if spec.get("key"):
            by_key[spec["key"]] = title
