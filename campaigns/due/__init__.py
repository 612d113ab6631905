"""What campaigns/ adds to "what is due for me": plans to implement, party-cell meeting
work, registration windows, self-reports, units' self-assessments. One module per topic;
importing the package registers the providers (in this order)."""

# isort: off
from campaigns.due import (  # noqa: F401  (registers the due providers, in this order)
    plans,
    meetings,
    registrations,
    selfreports,
    unitassessments,
)
# isort: on
