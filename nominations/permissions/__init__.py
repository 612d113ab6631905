"""Who may see and do what in nominations/. Registered with the one policy in portal.

- The BCH of a unit sees its nominations and vote rounds; the chair (or vice chair)
  manages them.
- The consulted bodies — the committee of a party cell under the unit (secretary, cell
  committee) and the unit's school board — see the nominations and give opinions.
- Electors see the rounds they vote in; federation staff see what units below them do.

One module per topic; importing the package registers every rule and selector.
"""

from nominations.permissions import (  # noqa: F401  (registers the rules)
    conditions,
    dossiers,
    lists,
    nominations,
    reviews,
    votes,
)
