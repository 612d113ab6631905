"""Small helpers for page layout: the stacked tables of narrow screens."""

from django import template

register = template.Library()


@register.filter
def at(sequence, index):
    """`sequence[index]`, or "" when there is none: a header beside its cell in a loop."""
    try:
        return sequence[int(index)]
    except (IndexError, TypeError, ValueError, KeyError):
        return ""
