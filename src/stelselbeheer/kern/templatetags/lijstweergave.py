"""Template filters of the list pages: a count with its noun in singular or plural ("1 zaak", "67 zaken")."""

from django import template
from django.contrib.humanize.templatetags.humanize import intcomma

register = template.Library()


@register.filter
def aantal(getal, woorden: str = "resultaat,resultaten") -> str:
    """``{{ n|aantal:"zaak,zaken" }}``: the number with thousands separators and the right form of the noun."""
    een, _, meer = woorden.partition(",")
    try:
        n = int(getal)
    except (TypeError, ValueError):
        return str(getal)
    return f"{intcomma(n)} {een if n == 1 else (meer or een)}"
