"""Importing a plan from a document: read it, fix its encoding and lost diacritics, pull
the draft plan's fields out of the text, and let a chair check them before anything is
saved. Pure parsing lives in ``encodings``, ``diacritics``, ``readers`` and ``extract``
(no database); ``services`` turns a checked draft into a plan through the plan services."""
