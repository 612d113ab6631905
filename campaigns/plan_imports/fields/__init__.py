"""The fields of a draft plan, one module per group: ``heading`` (issuer, body above,
number, place and date, title, parent plan), ``criteria`` (sections, criteria, titles),
``milestones`` (self-report window, milestones), ``closing`` (recipients, signatory), and
``common`` for what they share. ``campaigns.plan_imports.extract`` builds the draft from
them."""
