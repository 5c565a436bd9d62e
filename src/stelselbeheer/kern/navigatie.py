"""The main menu as data: pages grouped by task, each with the right that shows it (the same table as the pages
themselves check, ``rollen.RECHTEN``), so a role sees only what it may use. A new page gets a row here.

The current section is found from the request's path: the menu item whose path is the longest prefix of it. The
same match gives the breadcrumb trail of a detail page (Start > the list it belongs to > the page itself).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse

from .rollen import Actie, kan


@dataclass(frozen=True)
class Item:
    label: str
    url_naam: str
    actie: str
    #: hidden for a role that has this right (the public list where the role has the full one)
    behalve_met: str | None = None


@dataclass(frozen=True)
class Groep:
    naam: str
    items: tuple[Item, ...]


_A = Actie
MENU: tuple[Groep, ...] = (
    Groep("Register", (
        Item("Aanbiedersregister", "publiek-register", _A.REGISTER_PUBLIEK_LEZEN, behalve_met=_A.AANBIEDER_LEZEN),
        Item("Aanbieders", "aanbieder-lijst", _A.AANBIEDER_LEZEN),
        Item("Gegevensdiensten", "gegevensdienst-lijst", _A.REGISTER_PUBLIEK_LEZEN),
        Item("Wijzigingsverzoeken (register)", "verzoek-lijst", _A.AANBIEDER_LEZEN),
        Item("Aanbieders importeren", "aanbieder-import", _A.AANBIEDER_IMPORTEREN),
    )),
    # the agreements and how they change: the board's meetings and decisions, the releases, the change requests
    Groep("Afspraken", (
        Item("Besluiten", "besluit-lijst", _A.REGISTER_PUBLIEK_LEZEN),
        Item("Overleg", "overleg-lijst", _A.OVERLEG_PUBLIEK_LEZEN),
        Item("Besluitvoorstellen", "besluitvoorstel-lijst", _A.OVERLEG_LEZEN),
        Item("Afsprakenset", "release-lijst", _A.RELEASE_PUBLIEK_LEZEN),
        Item("Roadmap", "release-roadmap", _A.RELEASE_PUBLIEK_LEZEN),
        Item("Uitrol", "uitrol-lijst", _A.RELEASE_LEZEN),
        Item("Ontwikkelagenda's en RFC's", "rfc-agendas", _A.RFC_PUBLIEK_LEZEN),
        Item("Mijn RFC's en consultaties", "mijn-rfcs", _A.RFC_REAGEREN),
    )),
    Groep("Deelnemers", (
        Item("Mijn deelname", "mijn-overzicht", _A.EIGEN_DEELNEMER_LEZEN),
        Item("Mijn releases", "mijn-releases", _A.EIGEN_DEELNEMER_LEZEN),  # afsprakenset
        Item("Mijn regio", "regio-overzicht", _A.REGIO_LEZEN),
        Item("Regionaal beheer", "regionaal-index", _A.REGIONAAL_LEZEN),
        Item("Overeenkomsten RSO-VSV", "overeenkomst-lijst", _A.REGIONAAL_LEZEN),
        Item("Dekking helpdesks", "regionaal-dekking", _A.REGIONAAL_LEZEN),
        Item("Deelnemers", "publiek-deelnemers", _A.REGISTER_PUBLIEK_LEZEN, behalve_met=_A.DEELNEMER_LEZEN),
        Item("Deelnemers", "deelnemer-lijst", _A.DEELNEMER_LEZEN),
        Item("Toe- en uittreding", "toetreding-workflow", _A.DEELNEMER_LEZEN),
        Item("Organisaties", "organisatie-lijst", _A.ORGANISATIE_LEZEN),
        Item("Aanmelden als deelnemer", "aanmelden", _A.DEELNEMER_AANMELDEN),
    )),
    Groep("Naleving", (
        Item("Werkvoorraad", "naleving-werkvoorraad", _A.NALEVING_LEZEN),
        Item("Constateringen", "constatering-lijst", _A.NALEVING_LEZEN),
        Item("Mijn nalevingszaken", "mijn-zaken", _A.EIGEN_DEELNEMER_LEZEN),
    )),
    Groep("Meldingen", (
        Item("Meldingen", "melding-lijst", _A.MELDINGEN_BEHANDELEN),
        Item("Cijfers", "melding-cijfers", _A.MELDINGEN_BEHANDELEN),
        Item("Mijn meldingen", "mijn-meldingen", _A.EIGEN_MELDINGEN_LEZEN),
        Item("Melden", "melden", _A.MELDING_INDIENEN),
        Item("Kennisbank", "kennisbank", _A.KENNISBANK_LEZEN),
        Item("Beslisboom", "beslisboom-beheer", _A.BESLISBOOM_BEHEREN),
    )),
    Groep("Implementatie", (
        Item("Producten", "product-lijst", _A.IMPLEMENTATIE_PUBLIEK_LEZEN),
        Item("Volgorde (WSJF)", "wsjf-volgorde", _A.IMPLEMENTATIE_LEZEN),
        Item("Risico's", "risico-lijst", _A.IMPLEMENTATIE_LEZEN),
        Item("Taken per organisatie", "implementatie-taken", _A.IMPLEMENTATIE_LEZEN),
        Item("Wat er van mij wordt gevraagd", "implementatie-mijn-taken", _A.EIGEN_TAKEN_LEZEN),
        Item("Adoptiemonitor", "adoptie-overzicht", _A.ADOPTIE_LEZEN),
        Item("Knelpunten", "knelpunt-lijst", _A.KNELPUNT_LEZEN),
    )),
    Groep("Lijsten", (
        Item("Publicaties", "lijsten-overzicht", _A.LIJST_LEZEN),
        Item("Waarom op de lijst?", "lijsten-waarom", _A.LIJST_LEZEN),
    )),
    Groep("Beheer", (
        Item("Audittrail", "audit-lijst", _A.AUDIT_LEZEN),
        Item("Accounts", "account-lijst", _A.GEBRUIKERS_BEHEREN),
        Item("Beheeromgeving", "admin:index", _A.BEHEER_LEZEN),
    )),
)


@dataclass
class MenuItem:
    label: str
    url: str
    huidig: bool = False


@dataclass
class MenuGroep:
    naam: str
    items: list[MenuItem] = field(default_factory=list)
    huidig: bool = False

    @property
    def url(self) -> str:
        return self.items[0].url


def _url(naam: str) -> str | None:
    try:
        return reverse(naam)
    except NoReverseMatch:  # a page of an app that is not installed
        return None


def menu_voor(user, pad: str) -> list[MenuGroep]:
    """The groups and items ``user`` may use, empty groups left out, the item for ``pad`` marked current."""
    groepen = []
    for groep in MENU:
        items = [MenuItem(i.label, url) for i in groep.items
                 if kan(user, i.actie) and not (i.behalve_met and kan(user, i.behalve_met))
                 and (url := _url(i.url_naam))]
        if items:
            groepen.append(MenuGroep(groep.naam, items))
    beste = max((i for g in groepen for i in g.items if _onder(pad, i.url)), key=lambda i: len(i.url), default=None)
    for g in groepen:
        for i in g.items:
            if i is beste:
                i.huidig = g.huidig = True
    return groepen


def _onder(pad: str, url: str) -> bool:
    return url != "/" and pad.startswith(url)


def kruimels(menu: list[MenuGroep], pad: str) -> list[MenuItem]:
    """The trail above the page at ``pad``: the menu item it belongs to (when the page is not that item itself)."""
    for g in menu:
        for i in g.items:
            if i.huidig and i.url != pad:
                return [i]
    return []
