from django import template
from django.utils.formats import number_format
from django.utils.html import format_html

register = template.Library()


@register.simple_tag
def tabelcel(tabel, rij, index, warmte=False):
    """One cell of a monitor table: a percentage as "81,2%" (in the heat table with its shade class), a yes/no
    as words, nothing as a dash."""
    waarde = rij[index]
    if waarde is None:
        return format_html('<td class="{}">–</td>', "warmte-leeg" if warmte else "getal")
    if isinstance(waarde, bool):
        return format_html("<td>{}</td>", "ja" if waarde else "nee")
    if index in tabel.procentkolommen:
        tekst = f"{number_format(waarde, 1)}%"
        if warmte:
            return format_html('<td class="getal warmte-{}">{}</td>', min(int(waarde // 20), 4), tekst)
        return format_html('<td class="getal">{}</td>', tekst)
    if isinstance(waarde, int | float):
        return format_html('<td class="getal">{}</td>', waarde)
    return format_html("<td>{}</td>", waarde)


@register.filter
def procent(waarde):
    return "–" if waarde is None else f"{number_format(waarde, 1)}%"


@register.filter
def uit(woordenboek, sleutel):
    return (woordenboek or {}).get(sleutel)
