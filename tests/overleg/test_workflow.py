"""The declared workflows have no unreachable state and no dead end: every open state can be left, and every
state can be reached from the start."""

from stelselbeheer.kern.rollen import RECHTEN, Rol
from stelselbeheer.overleg import workflow
from stelselbeheer.overleg.models import NotulenStatus, VergaderStatus, Voorstelgebeurtenis, VoorstelStatus


def _bereikbaar(begin, opvolgers):
    gezien, rij = {begin}, [begin]
    while rij:
        for naar in opvolgers(rij.pop()):
            if naar not in gezien:
                gezien.add(naar)
                rij.append(naar)
    return gezien


def test_besluitvoorstel_elke_status_bereikbaar_en_geen_doodlopende_open_status():
    def opvolgers(status):
        return [o.naar for o in workflow.OVERGANGEN if status in o.van]

    assert _bereikbaar(VoorstelStatus.CONCEPT, opvolgers) == set(VoorstelStatus)
    for status in workflow.OPEN:
        assert opvolgers(status), status
    for status in set(VoorstelStatus) - set(workflow.OPEN):
        assert not opvolgers(status), f"{status} is a final state"


def test_ovl_scheiding_in_de_tabel():
    """OVL-SCHEIDING as data: the body's steps need the board's right, staff's steps staff's right, and no role
    holds both."""
    for o in workflow.OVERGANGEN:
        assert o.actie == ("besluitvoorstel.vaststellen" if o.door_orgaan else "besluitvoorstel.indienen")
    for rol, acties in RECHTEN.items():
        assert not {"besluitvoorstel.vaststellen", "besluitvoorstel.indienen"} <= acties, rol
    assert "besluitvoorstel.vaststellen" in RECHTEN[Rol.BESTUUR]
    assert "besluitvoorstel.indienen" in RECHTEN[Rol.UITVOERING]


def test_vergadering_en_notulen():
    assert _bereikbaar(VergaderStatus.GEPLAND, workflow.VERGADERING_OVERGANGEN.get) == set(VergaderStatus)
    assert _bereikbaar(NotulenStatus.CONCEPT, workflow.NOTULEN_OVERGANGEN.get) == set(NotulenStatus)


def test_elke_gebeurtenis_heeft_een_label():
    assert {o.naam for o in workflow.OVERGANGEN} | {"opgesteld", "gewijzigd"} == set(Voorstelgebeurtenis.LABELS)
