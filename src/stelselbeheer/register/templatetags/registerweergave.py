"""The rows of the register search's result table, written in Python (``{% aanbieder_rijen pagina beheer %}``).

The busiest page of the public site: through the template engine its 25 rows (a link reversed per row, the
gegevensdiensten as abbreviations) cost 2.5 ms of a page's 17 ms in process (bench/productie.py, 50,000 aanbieders);
written here they cost a tenth of that. Same markup as the template had; every value escaped.
"""

from urllib.parse import quote

from django import template
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe

register = template.Library()

_PLAATS = "0plaatshouder0"
#: the characters Django's reverse() leaves unquoted in a path (django.urls.resolvers: RFC 3986 sub-delimiters, "/~:@")
_VEILIG = "!$&'()*+,;=/~:@"


def _diensten(diensten: list[dict]) -> str:
    return ", ".join(f'<abbr title="{escape(d["naam"])}">{escape(d["code"])}</abbr>' for d in diensten)


@register.simple_tag
def aanbieder_rijen(pagina, beheer=False) -> str:
    """``<tr>`` per aanbieder of ``pagina`` (rows of ``register.zoeken.rijen``): the name linking to the public page
    (to the staff page when ``beheer``), the aanbiedernaam, the place and the gegevensdiensten."""
    rijen = list(pagina)
    if not rijen:
        return mark_safe('<tr><td colspan="4">Geen aanbieders gevonden.</td></tr>')
    if beheer:
        voor, _, na = reverse("aanbieder-detail", args=[0]).rpartition("0")
        adres = lambda a: f"{voor}{a['id']}{na}"  # noqa: E731
    else:
        voor, _, na = reverse("publiek-aanbieder", args=[_PLAATS]).partition(_PLAATS)
        adres = lambda a: escape(f"{voor}{quote(a['naam'], safe=_VEILIG)}{na}")  # noqa: E731
    return mark_safe("\n".join(
        f'<tr><td><a href="{adres(a)}">{escape(a["weergavenaam"])}</a></td><td><code>{escape(a["naam"])}</code></td>'
        f'<td>{escape(a["plaats"])}</td><td>{_diensten(a["gegevensdiensten"])}</td></tr>' for a in rijen))
