"""Template helpers for the components in ``templates/includes/`` (NL Design System look, one template per
component): a form field's widget wired to its help and error texts, and the scroll wrapper around a table."""

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

register = template.Library()


def beschrijving_ids(veld) -> str:
    """The ids of the help and error texts that includes/veld.html renders for ``veld``, in reading order: Django's
    own ``<id>_helptext`` for the help text and ``<id>_error`` for the errors (the ids Django's widgets name)."""
    ids = []
    if veld.help_text:
        ids.append(f"{veld.auto_id}_helptext")
    if veld.errors:
        ids.append(f"{veld.auto_id}_error")
    return " ".join(ids)


@register.filter
def beschreven(veld):
    """The field's widget with aria-describedby naming exactly the help and error texts on the page (so a screen
    reader announces them) and aria-invalid when the field has errors. A group of radio buttons or checkboxes
    (rendered in a fieldset) gets these on the fieldset instead."""
    if veld.use_fieldset:
        return veld.as_widget()
    attrs = {}
    if ids := beschrijving_ids(veld):
        attrs["aria-describedby"] = ids
    if veld.errors:
        attrs["aria-invalid"] = "true"
    if veld.field.required:
        attrs["aria-required"] = "true"
    return veld.as_widget(attrs=attrs)


@register.filter
def veld_beschrijving(veld):
    return beschrijving_ids(veld)


class TabelNode(template.Node):
    def __init__(self, nodelist, label):
        self.nodelist, self.label = nodelist, label

    def render(self, context):
        label = self.label.resolve(context) if self.label else ""
        return render_to_string("includes/tabel.html", {"inhoud": mark_safe(self.nodelist.render(context)),
                                                        "label": label})


@register.tag
def tabel(parser, token):
    """``{% tabel "Label" %}<table>…</table>{% endtabel %}``: the table in a wrapper that scrolls sideways on a
    small screen (the page itself never does), reachable and named for keyboard and screen reader users."""
    delen = token.split_contents()
    label = parser.compile_filter(delen[1]) if len(delen) > 1 else None
    nodelist = parser.parse(("endtabel",))
    parser.delete_first_token()
    return TabelNode(nodelist, label)
