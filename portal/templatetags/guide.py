"""The help lines of portal/help.py in templates: ``{% step_help "vote" %}`` under a step's
heading, ``{{ item.step|step_after }}`` on a home page card."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from portal import help

register = template.Library()


@register.simple_tag
def step_help(key):
    """What the step is for, and what comes next: one line under the page's heading."""
    step = help.step(key)
    return format_html(
        '<p class="step-help small text-body-secondary mb-3" data-step="{}">{} '
        '<span class="step-next">{}: {}</span></p>',
        key,
        step.purpose,
        _("Tiếp theo"),
        step.after,
    )


@register.filter
def step_after(key):
    """What happens once the person has done the card's action ("" without a step)."""
    return help.step(key).after if key else ""
