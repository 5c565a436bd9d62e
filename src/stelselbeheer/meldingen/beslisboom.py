"""The decision tree (beslisboom) that sends a problem to the right desk before anything is filed (seed 004:
own ICT service, own vendor, the regional RSO helpdesk, or the national desk). The tree is data: versioned in
``Beslisboom`` and editable by staff; this module only checks and walks it (rule MEL-BOOM).

A tree is ``{"start": id, "knopen": {id: knoop}}``; a question is ``{"vraag": str, "opties": [{"label": str,
"naar": id}, ...]}``, a leaf is ``{"uitkomst": one of UITKOMSTEN, "tekst": str}``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

#: outcome -> (desk, whether it is filed here as a melding). "afspraken" is filed here too, but as a change request
#: on the agreements (an RFC, app ``wijzigingen``), not as a melding: the page links to that form instead.
UITKOMSTEN = {
    "eigen_ict": ("De eigen ICT-dienst of functioneel beheer van uw zorgorganisatie", False),
    "leverancier": ("De leverancier van uw eigen systeem", False),
    "rso": ("De regionale helpdesk van uw RSO", True),
    "landelijk": ("De landelijke desk van het afsprakenstelsel", True),
    "afspraken": ("Het wijzigingsloket van het afsprakenstelsel: een wijzigingsverzoek op de afspraken (RFC)", False),
}
#: the outcome whose form is the RFC form of the ``wijzigingen`` app
RFC = "afspraken"

STANDAARD = {
    "start": "werkplek",
    "knopen": {
        "werkplek": {"vraag": "Gaat het om uw eigen werkplek, inloggen of uw account bij uw zorgorganisatie?",
                     "opties": [{"label": "Ja", "naar": "eigen_ict"}, {"label": "Nee", "naar": "bronsysteem"},
                                {"label": "Ik wil een wijziging van de afspraken voorstellen", "naar": "afspraken"},
                                {"label": "Ik ben cliënt of patiënt, geen zorgverlener", "naar": "client"}]},
        "bronsysteem": {"vraag": "Zit het probleem in het eigen systeem van uw organisatie (EPD, ECD, HIS)?",
                        "opties": [{"label": "Ja", "naar": "leverancier"}, {"label": "Nee", "naar": "regionaal"}]},
        "regionaal": {"vraag": "Speelt het alleen in uw regio (de regionale viewer of een regionale afspraak)?",
                      "opties": [{"label": "Ja", "naar": "rso"}, {"label": "Nee, landelijk of onbekend",
                                                                    "naar": "landelijk"}]},
        "eigen_ict": {"uitkomst": "eigen_ict", "tekst": "Neem contact op met de ICT-dienst of het functioneel beheer "
                                                       "van uw eigen organisatie."},
        "leverancier": {"uitkomst": "leverancier", "tekst": "Meld het bij de leverancier van uw systeem, via de "
                                                           "contactpersoon van uw organisatie."},
        "rso": {"uitkomst": "rso", "tekst": "Dit hoort bij de regionale helpdesk van uw RSO. U kunt het hier melden; "
                                           "de regionale desk pakt het op."},
        "landelijk": {"uitkomst": "landelijk", "tekst": "Dit hoort bij de landelijke desk. Meld het hier."},
        "afspraken": {"uitkomst": "afspraken", "tekst": "Een voorstel om de afspraken van het stelsel, de viewer of "
                                                       "een bronsysteem te wijzigen is een wijzigingsverzoek (RFC). "
                                                       "Dien het hier in; het komt op de juiste ontwikkelagenda."},
        # seed 004, bijlage 3 theme 6: the national helpdesk is the clients' first point of contact (RSO-DEKKING)
        "client": {"uitkomst": "landelijk", "tekst": "Voor cliënten is de landelijke helpdesk het eerste "
                                                    "aanspreekpunt, niet de regionale desk van een RSO. Meld het "
                                                    "hier; de landelijke desk pakt het op."},
    },
}


def controleer(boom: dict) -> None:
    """ValidationError when the tree is not well-formed: unknown targets, unreachable nodes, cycles, bad leaves."""
    fouten = []
    knopen = boom.get("knopen") if isinstance(boom, dict) else None
    if not isinstance(knopen, dict) or boom.get("start") not in knopen:
        raise ValidationError({"boom": "Een boom heeft 'knopen' en een 'start' die daarin voorkomt."})
    for naam, k in knopen.items():
        if "uitkomst" in k:
            if k["uitkomst"] not in UITKOMSTEN or not str(k.get("tekst", "")).strip():
                fouten.append(f"{naam}: een uitkomst is een van {', '.join(UITKOMSTEN)}, met tekst.")
        elif not str(k.get("vraag", "")).strip() or len(k.get("opties") or []) < 2:
            fouten.append(f"{naam}: een vraag heeft tekst en ten minste twee opties.")
        else:
            fouten += [f"{naam}: optie '{o.get('label')}' wijst naar onbekende knoop '{o.get('naar')}'."
                       for o in k["opties"] if o.get("naar") not in knopen or not str(o.get("label", "")).strip()]
    bereikt, pad = set(), []

    def loop(naam):
        if naam in pad:
            fouten.append(f"kringloop via {' -> '.join([*pad, naam])}")
            return
        bereikt.add(naam)
        pad.append(naam)
        for o in knopen[naam].get("opties") or []:
            if o.get("naar") in knopen:
                loop(o["naar"])
        pad.pop()

    if not fouten:
        loop(boom["start"])
        fouten += [f"{naam}: niet bereikbaar vanaf de start." for naam in knopen if naam not in bereikt]
    if fouten:
        raise ValidationError({"boom": fouten})


def bladeren(boom: dict) -> dict[str, list[str]]:
    """Every leaf with the path of option labels that reaches it (for the tests and the staff page)."""
    uit = {}

    def loop(naam, pad):
        k = boom["knopen"][naam]
        if "uitkomst" in k:
            uit[naam] = pad
        for o in k.get("opties") or []:
            loop(o["naar"], [*pad, o["label"]])

    loop(boom["start"], [])
    return uit


def stap(boom: dict, pad: list[int]) -> tuple[str, dict]:
    """The node reached by choosing option numbers ``pad`` from the start. ValidationError on a bad path."""
    naam = boom["start"]
    for keuze in pad:
        opties = boom["knopen"][naam].get("opties") or []
        if not 0 <= keuze < len(opties):
            raise ValidationError({"pad": "Deze keuze bestaat niet."})
        naam = opties[keuze]["naar"]
    return naam, boom["knopen"][naam]
