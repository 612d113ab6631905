"""Importing a plan from a document: read it, fix its encoding and lost diacritics, pull
the draft plan's fields out of the text, and let a chair check them before anything is
saved. This package is the pure parsing only (no database, no Django models):
``encodings``, ``diacritics``, ``readers``, ``extract`` (with ``fields/``), ``pipeline`` and
``data/``. The layers of the topic are ``plan_imports.py`` in ``campaigns/services``,
``selectors``, ``forms``, ``views``, ``urls`` and ``permissions``;
``services.plan_imports`` turns a checked draft into a plan through the plan services."""
