"""Who may see and change what in campaigns/. Registered with the one policy in
portal.permissions; one module per topic, and importing the package registers every rule
and selector."""

from campaigns.permissions import (  # noqa: F401  (registers the rules)
    clusters,
    meetings,
    plan_imports,
    plans,
    registrations,
    selfreports,
    unitassessments,
)
