"""The work overview: the home page after login shows each role what waits for it (ROL-WERKOVERZICHT), as blocks
of tasks with a count, the first items and a link to the filtered list. The apps' ``werk.py`` modules count;
this module decides which blocks a role gets. Every block is one the role may open (the same rights table)."""

from django.urls import reverse

from stelselbeheer.afsprakenset import werk as afsprakenset_werk
from stelselbeheer.deelnemers import werk as deelnemers_werk
from stelselbeheer.deelnemers.services import vandaag
from stelselbeheer.implementatie import werk as implementatie_werk
from stelselbeheer.lijsten import werk as lijsten_werk
from stelselbeheer.meldingen import werk as meldingen_werk
from stelselbeheer.naleving import werk as naleving_werk
from stelselbeheer.overleg import werk as overleg_werk
from stelselbeheer.regionaal import werk as regionaal_werk
from stelselbeheer.register import werk as register_werk
from stelselbeheer.wijzigingen import werk as wijzigingen_werk

from .audit import kop_hash
from .models import AuditEvent, AuditKop
from .rollen import Rol, rol_van
from .taken import Blok, Regel, Taak

#: how many recent audit events the auditor's overview shows
RECENT = 10


def _uitvoering(user, dag) -> list[Blok]:
    return [
        Blok("Toe- en uittreding", deelnemers_werk.aanvragen_per_stap(deelnemers_werk.STAPPEN_UITVOERING),
             reverse("toetreding-workflow")),
        Blok("Naleving", [*naleving_werk.termijnen(dag), naleving_werk.opschortingen_einde_verstreken(dag)],
             reverse("naleving-werkvoorraad")),
        Blok("Meldingen", meldingen_werk.wachtrij(user), reverse("melding-lijst")),
        Blok("Register en lijsten", [register_werk.verzoeken_ingediend(), lijsten_werk.storingen(),
                                     lijsten_werk.tegengehouden()], reverse("lijsten-overzicht")),
        Blok("Afsprakenset", [afsprakenset_werk.uitrol_te_laat(dag), afsprakenset_werk.overeenkomst_verouderd()],
             reverse("release-lijst")),
        Blok("Landelijke implementatie", [implementatie_werk.risico_herzieningen(user, dag)],
             reverse("risico-lijst")),
        Blok("Regionaal beheer", regionaal_werk.taken(user, dag, landelijk=True), reverse("regionaal-index")),
        Blok("Wijzigingsverzoeken op de afspraken (RFC's)", wijzigingen_werk.voor_uitvoering(dag),  # wijzigingen
             reverse("rfc-lijst")),
    ]


def _bestuur(user, dag) -> list[Blok]:
    return [
        Blok("Besluitvorming", [overleg_werk.voorgelegd()], reverse("besluitvoorstel-lijst")),
        Blok("Besluiten over toe- en uittreding",
             deelnemers_werk.aanvragen_per_stap(deelnemers_werk.STAPPEN_BESTUUR), reverse("toetreding-workflow")),
        Blok("Naleving", [naleving_werk.ontbinding_mogelijk(dag), naleving_werk.opschortingen_einde_verstreken(dag),
                          *naleving_werk.termijnen(dag)], reverse("naleving-werkvoorraad")),
        Blok("Geschillen en klachten", [meldingen_werk.voor_het_bestuur(user)], reverse("melding-lijst")),
        Blok("Landelijke implementatie", [implementatie_werk.risico_herzieningen(user, dag)],
             reverse("risico-lijst")),
    ]


def _deelnemer(user, dag) -> list[Blok]:
    deelnemer = user.deelnemer
    if deelnemer is None:
        return []
    return [
        Blok("Naleving", [*naleving_werk.termijnen(dag, deelnemer=deelnemer),
                          naleving_werk.eigen_zaken_open(deelnemer)], reverse("mijn-zaken")),
        Blok("Kwalificaties en verzoeken", [deelnemers_werk.eigen_kwalificaties_verlopend(deelnemer, dag),
                                            register_werk.verzoeken_ingediend(deelnemer=deelnemer)],
             reverse("mijn-overzicht")),
        Blok("Meldingen", [meldingen_werk.eigen_open(user)], reverse("mijn-meldingen")),
        Blok("Afsprakenset", [afsprakenset_werk.eigen_uitrol(deelnemer, dag)], reverse("mijn-releases")),
        Blok("Wijzigingsverzoeken op de afspraken (RFC's)", [wijzigingen_werk.eigen_consultaties(deelnemer, dag)],
             reverse("mijn-rfcs")),  # wijzigingen
    ]


def _regio(user, dag) -> list[Blok]:
    naam = user.rso.regio.naam if user.rso_id and user.rso.regio_id else "uw regio"
    return [Blok(f"Meldingen in {naam}", meldingen_werk.wachtrij(user), reverse("melding-lijst")),
            Blok("Uw eigen meldingen", [meldingen_werk.eigen_open(user)], reverse("mijn-meldingen")),
            Blok("Landelijke implementatie", [implementatie_werk.risico_herzieningen(user, dag)],
                 reverse("risico-lijst")),
            Blok("Regionaal beheer", regionaal_werk.taken(user, dag), reverse("regionaal-index"))]


def _auditor(user, dag) -> list[Blok]:
    recent = list(AuditEvent.objects.order_by("-volgnummer")
                  .only("volgnummer", "tijdstip", "actor_naam", "actie", "object_omschrijving")[:RECENT])
    kop = AuditKop.objects.filter(pk=1).first()
    audit_url = reverse("audit-lijst")
    activiteit = Taak("Recente gebeurtenissen in de audittrail", kop.volgnummer if kop else 0, audit_url, [
        Regel(f"#{e.volgnummer} {e.actie}", f"{audit_url}?actie={e.actie}",
              f"{e.object_omschrijving}, door {e.actor_naam}") for e in recent])
    anker = lijsten_werk.verankering()
    if anker is None:
        keten = Regel("Nog geen lijst gepubliceerd: de kop is nog niet buiten de database vastgelegd",
                      f"{audit_url}?controleer=1")
    else:
        snapshot, gevonden = anker
        keten = Regel(f"Kop bij publicatie {snapshot.get_lijst_display()} #{snapshot.volgnummer}: "
                      f"{snapshot.kop_hash_audit[:16]}…",
                      f"{audit_url}?controleer=1",
                      "staat in de keten" if gevonden else "ONTBREEKT in de keten: controleer de audittrail")
    status = Taak("Keten: laatste event en de gepubliceerde kop", kop.volgnummer if kop else 0,
                  f"{audit_url}?controleer=1", [Regel(f"Kop van de keten: {kop_hash()[:16]}…",
                                                      f"{audit_url}?controleer=1", "de hele keten nu controleren"),
                                                keten], urgent=anker is not None and not anker[1],
                  uitleg="Het aantal is het volgnummer van het laatste event.")
    return [Blok("Audittrail", [activiteit, status], audit_url)]


PER_ROL = {Rol.UITVOERING: _uitvoering, Rol.BESTUUR: _bestuur, Rol.DEELNEMER: _deelnemer, Rol.REGIO: _regio,
           Rol.AUDITOR: _auditor}


def werkoverzicht(user) -> list[Blok]:
    """The blocks of ``user``'s work overview; empty for the public."""
    samensteller = PER_ROL.get(rol_van(user))
    return samensteller(user, vandaag()) if samensteller else []
