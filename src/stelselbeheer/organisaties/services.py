from django.db import transaction

from stelselbeheer.kern.audit import momentopname, vastleggen
from stelselbeheer.kern.rollen import Actie, vereist_recht
from stelselbeheer.kern.services import opslaan_nieuw, wijzigen

from .models import Organisatie, OrganisatieRelatie

WIJZIGBARE_VELDEN = {"naam", "soort", "kvk_nummer", "ura", "agb_code", "oin", "sector", "plaats", "regio",
                     "website"}


@transaction.atomic
@vereist_recht(Actie.ORGANISATIE_WIJZIGEN)
def organisatie_aanmaken(*, actor, reden: str = "", **velden) -> Organisatie:
    return opslaan_nieuw(actor=actor, obj=Organisatie(**velden), actie="organisatie.aangemaakt", reden=reden)


@transaction.atomic
@vereist_recht(Actie.ORGANISATIE_WIJZIGEN)
def organisatie_wijzigen(*, actor, organisatie: Organisatie, wijzigingen: dict, reden: str = "") -> Organisatie:
    organisatie = Organisatie.objects.select_for_update().get(pk=organisatie.pk)
    return wijzigen(actor=actor, obj=organisatie, wijzigingen=wijzigingen, toegestaan=WIJZIGBARE_VELDEN,
                    actie="organisatie.gewijzigd", reden=reden)


@transaction.atomic
@vereist_recht(Actie.ORGANISATIE_WIJZIGEN)
def relatie_leggen(*, actor, van: Organisatie, naar: Organisatie, soort: str, sinds=None,
                   reden: str = "") -> OrganisatieRelatie:
    relatie = OrganisatieRelatie(van=van, naar=naar, soort=soort, sinds=sinds)
    return opslaan_nieuw(actor=actor, obj=relatie, actie="organisatie.relatie_gelegd", reden=reden)


@transaction.atomic
@vereist_recht(Actie.ORGANISATIE_WIJZIGEN)
def relatie_beeindigen(*, actor, relatie: OrganisatieRelatie, reden: str = "") -> None:
    voor = momentopname(relatie)
    vastleggen(actor=actor, actie="organisatie.relatie_beeindigd", obj=relatie, voor=voor, reden=reden)
    relatie.delete()
