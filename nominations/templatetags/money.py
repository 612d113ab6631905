"""{{ amount|dong }}: whole đồng with the Vietnamese thousands separator ("2.340.000")."""

from django import template

from nominations.money import dong as _dong

register = template.Library()


@register.filter
def dong(value):
    if value is None or value == "":
        return ""
    return _dong(int(value))
