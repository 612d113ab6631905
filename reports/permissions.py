"""Who may download which document. Registered with the one policy in portal.permissions.

A document is read with the rule of the object it comes from: the plan's PDF and its
ceremony programme with "plan.view" (campaigns/permissions.py), so whoever sees the plan
sees its documents and an invisible plan answers 404 for its documents too.
"""
