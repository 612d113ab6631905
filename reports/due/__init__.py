"""What reports/ adds to "what is due for me": the periodic reports a unit's chair must
send to the parent unit, and, for federation staff, the plans they are watching. One
module per topic; importing the package registers the providers (in this order)."""

# isort: off
from reports.due import (  # noqa: F401  (registers the due providers, in this order)
    periodic,
    dashboard,
)
# isort: on
