"""The Vietnamese formats of ``portal.vietnamese`` as template filters, built into every
template (settings: TEMPLATES OPTIONS "builtins"): {{ x|vi_number }}, {{ p|vi_points:max }},
{{ share|vi_percent }}, {{ part|vi_ratio:whole }}, {{ day|vi_date }}, and
{{ x|machine_number }} for the value of a number input."""

from datetime import datetime

from django import template

from portal import vietnamese

register = template.Library()


@register.filter
def vi_number(value):
    return vietnamese.format_number(value)


@register.filter
def vi_points(value, max_points=None):
    return vietnamese.format_points(value, max_points)


@register.filter
def vi_percent(value):
    return vietnamese.format_percent(value)


@register.filter
def vi_ratio(part, whole):
    return vietnamese.format_ratio(part, whole)


@register.filter
def vi_date(value):
    """ "14/3/2023"; a moment is read on the Vietnamese wall clock first."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = vietnamese.to_local(value).date()
    return vietnamese.format_short_date(value)


@register.filter
def machine_number(value):
    return vietnamese.machine_number(value)
