"""Every audit action the code writes has a Dutch sentence (kern/auditweergave.py): a new action without one fails
here, instead of showing up in the audit trail as its code ("knelpunt naar rfc")."""

import ast
from pathlib import Path

import pytest

import stelselbeheer
from stelselbeheer.kern import auditweergave
from stelselbeheer.kern.models import AuditEvent

pytestmark = pytest.mark.eenmaal

BRON = Path(stelselbeheer.__file__).parent


def _waarden(knoop) -> list:
    """The expressions an argument may evaluate to (both branches of ``a if c else b``)."""
    if isinstance(knoop, ast.IfExp):
        return _waarden(knoop.body) + _waarden(knoop.orelse)
    return [knoop]


def acties_in_de_code() -> tuple[dict[str, str], dict[str, str]]:
    """(action -> where, prefix of an f-string action -> where): every value given as ``actie`` (keyword, positional
    to a function of the same module with a parameter ``actie``, or that parameter's default)."""
    vast, dynamisch = {}, {}
    for pad in sorted(BRON.rglob("*.py")):
        if "migrations" in pad.parts:
            continue
        boom = ast.parse(pad.read_text(), str(pad))
        positie = {}
        kandidaten = []
        for knoop in ast.walk(boom):
            if isinstance(knoop, ast.FunctionDef | ast.AsyncFunctionDef):
                argumenten = knoop.args.posonlyargs + knoop.args.args
                namen = [a.arg for a in argumenten]
                if "actie" in namen:
                    positie[knoop.name] = namen.index("actie")
                standaard = list(zip(argumenten[len(argumenten) - len(knoop.args.defaults):], knoop.args.defaults,
                                     strict=True))
                for arg, waarde in standaard + list(zip(knoop.args.kwonlyargs, knoop.args.kw_defaults, strict=True)):
                    if arg.arg == "actie" and waarde is not None:
                        kandidaten += _waarden(waarde)
        for knoop in ast.walk(boom):
            if not isinstance(knoop, ast.Call):
                continue
            for kw in knoop.keywords:
                if kw.arg == "actie":
                    kandidaten += _waarden(kw.value)
            naam = getattr(knoop.func, "id", None) or getattr(knoop.func, "attr", None)
            if naam in positie and len(knoop.args) > positie[naam]:
                kandidaten += _waarden(knoop.args[positie[naam]])
        for waarde in kandidaten:
            waar = f"{pad.relative_to(BRON)}:{waarde.lineno}"
            if isinstance(waarde, ast.Constant) and isinstance(waarde.value, str):
                vast.setdefault(waarde.value, waar)
            elif isinstance(waarde, ast.JoinedStr) and waarde.values and isinstance(waarde.values[0], ast.Constant):
                dynamisch.setdefault(waarde.values[0].value, waar)
    return vast, dynamisch


def test_de_scan_vindt_de_acties():
    """The scan itself: keyword, positional (regionaal's ``_opslaan``), conditional and f-string actions."""
    vast, dynamisch = acties_in_de_code()
    assert {"besluit.vastgelegd", "regionaal.tarief_vastgesteld", "gebruiker.geactiveerd",
            "gebruiker.gedeactiveerd", "lijst.gepubliceerd"} <= set(vast)
    assert {"deelnemer.", "zaak.", "besluitvoorstel."} <= set(dynamisch)
    assert len(vast) > 100


def test_elke_auditactie_heeft_een_zin(db):
    vast, dynamisch = acties_in_de_code()
    zonder = {actie: waar for actie, waar in vast.items() if actie not in auditweergave.ZINNEN
              and actie.partition(".")[2] not in auditweergave._STAPPEN.get(actie.partition(".")[0], {})}
    assert not zonder, f"auditacties zonder zin in kern/auditweergave.py (ZINNEN of een app's ready()): {zonder}"
    # an action built from a workflow's step: that workflow's steps are registered (stappen_registreren)
    onbekend = {prefix: waar for prefix, waar in dynamisch.items() if prefix.rstrip(".") not in auditweergave._STAPPEN}
    assert not onbekend, f"stappen van een workflow zonder labels in de audittrail: {onbekend}"


@pytest.mark.parametrize("actie,verwacht", [
    ("knelpunt.naar_rfc", "Medewerker maakte van knelpunt K-2026-0001 Inloggen een wijzigingsverzoek op de afspraken."),
    ("besluitvoorstel.vaststellen", "Medewerker zette bij besluitvoorstel K-2026-0001 Inloggen de stap ‘Vaststellen’."),
    ("api_token.ingetrokken", "Medewerker trok API-token K-2026-0001 Inloggen in."),
])
def test_zin_in_plaats_van_de_code(actie, verwacht):
    event = AuditEvent(actie=actie, actor_naam="medewerker", actor_id=1, object_omschrijving="K-2026-0001 Inloggen")
    assert auditweergave.zin(event) == verwacht
