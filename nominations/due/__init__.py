"""What nominations/ adds to "what is due for me": ballots to cast, reports to score,
opinions to give, objections to answer, dossiers to send. One module per topic; importing
the package registers the providers (in this order)."""

# isort: off
from nominations.due import (  # noqa: F401  (registers the due providers, in this order)
    votes,
    reviews,
    nominations,
    lists,
    dossiers,
)
# isort: on
