"""Every state change of a melding, one function each, in a transaction, with an audit event (rules MEL-*)."""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from stelselbeheer.kern.audit import vastleggen
from stelselbeheer.kern.rollen import Actie, vereist_recht
from stelselbeheer.kern.services import volgend_jaarnummer
from stelselbeheer.overleg.stappen import voorstel_bezwaren
from stelselbeheer.regionaal.dekking import bedienende_rso

from . import beslisboom as boom_regels
from . import servicenormen
from .models import Beslisboom, Fase, Melding, Meldinggebeurtenis, Niveau, Soort, Status, Zichtbaar

GESCHILSOORTEN = {Soort.KLACHT, Soort.GESCHIL}
INCIDENTSOORTEN = {Soort.INCIDENT, Soort.CALAMITEIT}


def _persoon(actor):
    return actor if getattr(actor, "pk", None) else None


def _mailen(berichten: list[tuple[str, str, str]]) -> None:
    """Send (subject, text, address) after the commit; a mail server that fails is logged, the change stands."""
    import logging

    from django.core.mail import send_mass_mail

    def versturen():
        try:
            send_mass_mail([(onderwerp, tekst, None, [adres]) for onderwerp, tekst, adres in berichten])
        except Exception:  # noqa: BLE001 - any transport error; the timeline already holds the content
            logging.getLogger(__name__).exception("E-mail over een melding niet verstuurd")

    if berichten:
        transaction.on_commit(versturen)


def _gebeurtenis(melding: Melding, soort: str, tekst: str = "", *, actor=None,
                 zichtbaar: str = Zichtbaar.INTERN) -> Meldinggebeurtenis:
    """One timeline entry. The first thing a handler does that the reporter sees is the first response
    (MEL-REACTIE), measured against the response norm; and the reporter gets an e-mail about it (MEL-BERICHT)."""
    door_behandelaar = actor is not None and soort not in {"ingediend", "reactie"}
    if zichtbaar == Zichtbaar.MELDER and door_behandelaar:
        if melding.eerste_reactie_op is None:
            melding.eerste_reactie_op = timezone.now()
            Melding.objects.filter(pk=melding.pk).update(eerste_reactie_op=melding.eerste_reactie_op)
        # the handler's words only: nothing the reporter typed goes to an address no one confirmed (MEL-MISBRUIK)
        _mailen([(f"Melding {melding.nummer}: {soort}",
                  f"Er is nieuws over uw melding {melding.nummer}.\n\n{soort.capitalize()}"
                  + (f": {tekst}" if tekst else "") + "\n\nDe statuspagina staat onder de link uit de bevestiging.",
                  melding.melder_email)])
    return Meldinggebeurtenis.objects.create(melding=melding, soort=soort, tekst=tekst, door=_persoon(actor),
                                             zichtbaar=zichtbaar)


def token_sha256(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def actieve_boom() -> Beslisboom:
    boom = Beslisboom.objects.filter(actief=True).first()
    if boom is None:  # a fresh installation: the standard tree as version 1
        boom = beslisboom_vastleggen(actor=None, boom=boom_regels.STANDAARD)
    return boom


@transaction.atomic
@vereist_recht(Actie.BESLISBOOM_BEHEREN)
def beslisboom_vastleggen(*, actor, boom: dict) -> Beslisboom:
    """A new version of the tree becomes the active one; earlier versions are kept (meldingen name theirs)."""
    boom_regels.controleer(boom)
    laatste = Beslisboom.objects.select_for_update().order_by("-versie").first()
    Beslisboom.objects.filter(actief=True).update(actief=False)
    nieuw = Beslisboom.objects.create(versie=(laatste.versie + 1) if laatste else 1, boom=boom, actief=True,
                                      door=actor if getattr(actor, "pk", None) else None)
    vastleggen(actor=actor, actie="beslisboom.vastgelegd", obj=nieuw, na={"versie": nieuw.versie})
    return nieuw


@transaction.atomic
@vereist_recht(Actie.MELDING_INDIENEN)
def melding_indienen(*, actor, soort: str, onderwerp: str, omschrijving: str, melder_naam: str, melder_email: str,
                     regio=None, uitkomst: str = "", beslisboom: Beslisboom | None = None,
                     basis_url: str = "") -> tuple[Melding, str]:
    """File a melding; returns it with its status code. The code is shown once and stored only as SHA-256: it
    opens this melding's status page and no other (MEL-TOKEN). The reporter gets a confirmation with the
    reference and, given the site's ``basis_url``, the status link (MEL-BERICHT), and nothing else."""
    if uitkomst and uitkomst in boom_regels.UITKOMSTEN and not boom_regels.UITKOMSTEN[uitkomst][1]:
        raise ValidationError({"uitkomst": "Volgens de beslisboom hoort dit bij een ander loket; het wordt hier "
                                           "niet in behandeling genomen."})
    token = secrets.token_urlsafe(32)
    # RSO-DEKKING: a regional melding goes to the RSO that serves the region; without one, to the national desk
    ongedekt = uitkomst == "rso" and regio is not None and bedienende_rso(regio) is None
    melding = Melding(soort=soort, onderwerp=onderwerp, omschrijving=omschrijving, melder_naam=melder_naam,
                      melder_email=melder_email, melder=actor if getattr(actor, "pk", None) else None, regio=regio,
                      niveau=Niveau.REGIONAAL if uitkomst == "rso" and regio and not ongedekt else Niveau.LANDELIJK,
                      uitkomst=uitkomst, beslisboom=beslisboom, token_sha256=token_sha256(token))
    if uitkomst == "rso" and regio is None:
        raise ValidationError({"regio": "Kies uw regio: de regionale desk pakt dit op."})
    melding.fase = Fase.BEMIDDELING if soort in GESCHILSOORTEN else ""
    melding.full_clean(exclude=["nummer"])
    melding.nummer = volgend_jaarnummer(Melding, "M", timezone.now().year)
    melding.reactie_voor, melding.oplossing_voor = servicenormen.doelen(soort, melding.prioriteit, timezone.now())
    melding.save()
    if soort in GESCHILSOORTEN and getattr(melding.melder, "deelnemer_id", None):
        melding.partijen.add(melding.melder.deelnemer_id)  # a participant filing a dispute is a party to it
    _gebeurtenis(melding, "ingediend", f"{melding.get_soort_display()}, {melding.get_niveau_display().lower()}",
                 zichtbaar=Zichtbaar.MELDER)
    if ongedekt:
        _gebeurtenis(melding, "naar de landelijke desk", f"In {regio} is geen RSO actief: de landelijke desk "
                                                         f"behandelt deze melding.", zichtbaar=Zichtbaar.MELDER)
    link = f"{basis_url.rstrip('/')}/meldingen/status/{token}/" if basis_url else ""
    # only the reference and the link: the address is not confirmed, so nothing the sender typed (name, subject,
    # text) goes into the mail, or the front door would relay anyone's text to anyone (MEL-MISBRUIK)
    _mailen([(f"Melding {melding.nummer} ontvangen",
              f"Geachte melder,\n\nUw melding is ontvangen onder referentie {melding.nummer}.\n"
              + (f"De status volgt u op {link}\nBewaar deze link: hij wordt niet opnieuw verstuurd.\n" if link
                 else "") + "\nMet vriendelijke groet,\nde desk van het afsprakenstelsel", melder_email)])
    vastleggen(actor=actor, actie="melding.ingediend", obj=melding, omschrijving=melding.nummer,
               na={"soort": soort, "niveau": melding.niveau, "uitkomst": uitkomst},
               reden="geen RSO in de regio" if ongedekt else "")
    return melding, token


def melding_bij_token(token: str) -> Melding | None:
    return Melding.objects.filter(token_sha256=token_sha256(token or "")).first()


def _vergrendeld(actor, melding: Melding) -> Melding:
    """The melding re-read under a row lock, for a handler whose desk it belongs to (PermissionDenied otherwise;
    no actor: the system itself)."""
    from .zichtbaar import zichtbare_meldingen

    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    if actor is not None and not zichtbare_meldingen(actor).filter(pk=melding.pk).exists():
        raise PermissionDenied("Deze melding hoort niet bij uw desk.")
    return melding


@transaction.atomic
@vereist_recht(Actie.MELDINGEN_BEHANDELEN)
def melding_triage(*, actor, melding: Melding, prioriteit: str, team: str = "", toegewezen_aan=None,
                   niveau: str | None = None, regio=None, soort: str | None = None) -> Melding:
    """Classify (regional or national, and if need be another type), set priority, team and person
    (MEL-TRIAGE). The service levels are counted from the filing moment with the new type and priority.
    Every hand-over is a timeline event; the first triage tells the reporter the melding is being handled."""
    melding = _vergrendeld(actor, melding)
    if soort and soort != melding.soort:
        melding.soort = soort
        melding.fase = Fase.BEMIDDELING if soort in GESCHILSOORTEN else ""
    melding.prioriteit, melding.team, melding.toegewezen_aan = prioriteit, team, toegewezen_aan
    if niveau:
        melding.niveau = niveau
        melding.regio = regio if niveau == Niveau.REGIONAAL else melding.regio
        if niveau == Niveau.REGIONAAL and melding.regio is None:
            raise ValidationError({"regio": "Een regionale melding hoort bij een regio."})
    melding.reactie_voor, melding.oplossing_voor = servicenormen.doelen(melding.soort, prioriteit,
                                                                        melding.ingediend_op)
    nieuw = melding.status == Status.NIEUW
    if nieuw:
        melding.status = Status.IN_BEHANDELING
    melding.full_clean()
    melding.save()
    delen = [melding.get_soort_display(), melding.get_niveau_display().lower(),
             f"prioriteit {melding.get_prioriteit_display().lower()}"]
    delen += [f"team {team}"] if team else []
    delen += [f"toegewezen aan {toegewezen_aan}"] if toegewezen_aan else []
    _gebeurtenis(melding, "triage", ", ".join(delen), actor=actor)
    if nieuw:
        _gebeurtenis(melding, "in behandeling", "Uw melding is in behandeling genomen.", actor=actor,
                     zichtbaar=Zichtbaar.MELDER)
    vastleggen(actor=actor, actie="melding.triage", obj=melding, omschrijving=melding.nummer,
               na={"soort": melding.soort, "niveau": melding.niveau, "prioriteit": prioriteit, "team": team})
    return melding


@transaction.atomic
@vereist_recht(Actie.MELDINGEN_BEHANDELEN)
def melding_escaleren(*, actor, melding: Melding, reden: str) -> Melding:
    """A regional desk hands a melding to the national desk in one step; the whole history stays with it."""
    melding = _vergrendeld(actor, melding)
    if melding.niveau != Niveau.REGIONAAL:
        raise ValidationError({"niveau": "Alleen een regionale melding kan naar de landelijke desk."})
    if not (reden or "").strip():
        raise ValidationError({"reden": "Geef de reden van de escalatie."})
    melding.niveau = Niveau.LANDELIJK
    melding.save(update_fields=["niveau"])
    _gebeurtenis(melding, "geëscaleerd naar de landelijke desk", reden, actor=actor)
    vastleggen(actor=actor, actie="melding.geescaleerd", obj=melding, omschrijving=melding.nummer, reden=reden)
    return melding


#: the allowed status changes after triage (MEL-STATUS)
OVERGANGEN = {Status.NIEUW: {Status.IN_BEHANDELING}, Status.IN_BEHANDELING: {Status.OPGELOST},
              Status.OPGELOST: {Status.GESLOTEN, Status.IN_BEHANDELING}, Status.GESLOTEN: set()}


@transaction.atomic
@vereist_recht(Actie.MELDINGEN_BEHANDELEN)
def melding_status_zetten(*, actor, melding: Melding, status: str, toelichting: str) -> Melding:
    """Solve, reopen or close, with an explanation the reporter sees on the status page. A calamity, or an
    incident of severity 'ernstig' or worse, is closed only after its evaluation (MEL-EVALUATIE); a dispute
    before the board is solved by the board's ruling, not here (MEL-GESCHIL)."""
    melding = _vergrendeld(actor, melding)
    if status not in OVERGANGEN.get(melding.status, set()):
        raise ValidationError({"status": f"Van '{melding.get_status_display()}' kan een melding niet naar "
                                         f"'{Status(status).label if status in Status.values else status}'."})
    if not (toelichting or "").strip():
        raise ValidationError({"toelichting": "Geef een toelichting; de melder ziet die."})
    if status == Status.GESLOTEN and evaluatie_vereist(melding) and not melding.evaluatie.strip():
        raise ValidationError({"status": "Leg eerst de evaluatie na het incident vast; een calamiteit of ernstig "
                                         "incident wordt niet gesloten zonder evaluatie."})
    if status == Status.OPGELOST and melding.fase == Fase.BESTUUR and not melding.uitspraak:
        raise ValidationError({"status": "Dit ligt bij het bestuur; het is opgelost met de uitspraak van het "
                                         "bestuur."})
    van = melding.status
    melding.status = status
    if status == Status.OPGELOST:
        melding.opgelost_op = timezone.now()
    elif status == Status.IN_BEHANDELING:
        melding.opgelost_op = None
    melding.save(update_fields=["status", "opgelost_op"])
    _gebeurtenis(melding, Status(status).label.lower(), toelichting, actor=actor, zichtbaar=Zichtbaar.MELDER)
    vastleggen(actor=actor, actie="melding.status", obj=melding, omschrijving=melding.nummer,
               voor={"status": van}, na={"status": status}, reden=toelichting)
    return melding


def evaluatie_vereist(melding: Melding) -> bool:
    return melding.soort == Soort.CALAMITEIT or (
        melding.soort == Soort.INCIDENT and melding.ernst in {"ernstig", "zeer_ernstig"})


def _open(melding: Melding) -> None:
    if melding.status == Status.GESLOTEN:
        raise ValidationError({"status": "Deze melding is gesloten."})


@transaction.atomic
@vereist_recht(Actie.MELDINGEN_BEHANDELEN)
def melding_bijwerken(*, actor, melding: Melding, tekst: str, zichtbaar: str = Zichtbaar.INTERN
                      ) -> Meldinggebeurtenis:
    """An update on the timeline: internal, for affected participants and parties, or also for the reporter."""
    melding = _vergrendeld(actor, melding)
    _open(melding)
    if not (tekst or "").strip():
        raise ValidationError({"tekst": "Schrijf de update."})
    if zichtbaar not in Zichtbaar.values:
        raise ValidationError({"zichtbaar": "Kies voor wie de update zichtbaar is."})
    g = _gebeurtenis(melding, "update", tekst, actor=actor, zichtbaar=zichtbaar)
    vastleggen(actor=actor, actie="melding.update", obj=melding, omschrijving=melding.nummer,
               na={"zichtbaar": zichtbaar})
    return g


@transaction.atomic
@vereist_recht(Actie.EIGEN_MELDINGEN_LEZEN)
def melding_reageren(*, actor, melding: Melding, tekst: str) -> Meldinggebeurtenis:
    """The reporter, or a party to a dispute, adds a reaction (the mediation runs on these)."""
    from .zichtbaar import eigen_meldingen

    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    if not eigen_meldingen(actor).filter(pk=melding.pk).exists():
        raise PermissionDenied("U bent geen melder of partij van deze melding.")
    _open(melding)
    if not (tekst or "").strip():
        raise ValidationError({"tekst": "Schrijf uw reactie."})
    wie = actor.deelnemer if getattr(actor, "deelnemer_id", None) else actor.get_full_name() or actor.username
    g = _gebeurtenis(melding, "reactie", f"{wie}: {tekst}", actor=actor, zichtbaar=Zichtbaar.DEELNEMERS
                     if melding.soort in GESCHILSOORTEN | INCIDENTSOORTEN and melding.melder_id != actor.pk
                     else Zichtbaar.MELDER)
    vastleggen(actor=actor, actie="melding.reactie", obj=melding, omschrijving=melding.nummer)
    return g


@transaction.atomic
@vereist_recht(Actie.MELDINGEN_BEHANDELEN)
def incident_vastleggen(*, actor, melding: Melding, ernst: str, deelnemers=(), aanbieders=(),
                        gegevensdiensten=()) -> Melding:
    """Severity and what is affected, linked to the register (MEL-INCIDENT). The participants affected are
    those named plus the DVA of every affected zorgaanbieder: they receive the internal notice."""
    from .models import Ernst

    melding = _vergrendeld(actor, melding)
    _open(melding)
    if melding.soort not in INCIDENTSOORTEN:
        raise ValidationError({"ernst": "Alleen een incident of calamiteit heeft een ernst en getroffen onderdelen; "
                                        "wijzig eerst de soort bij de triage."})
    if ernst not in Ernst.values:
        raise ValidationError({"ernst": "Kies de ernst."})
    aanbieders, gegevensdiensten = list(aanbieders), list(gegevensdiensten)
    getroffen = {d.pk for d in deelnemers} | {a.dva_id for a in aanbieders}
    melding.ernst = ernst
    melding.save(update_fields=["ernst"])
    melding.betrokken_aanbieders.set(aanbieders)
    melding.betrokken_gegevensdiensten.set(gegevensdiensten)
    melding.betrokken_deelnemers.set(getroffen)
    tekst = (f"Ernst: {melding.get_ernst_display()}; getroffen: {len(getroffen)} deelnemer(s), "
             f"{len(aanbieders)} zorgaanbieder(s), {len(gegevensdiensten)} gegevensdienst(en)")
    _gebeurtenis(melding, "incident vastgelegd", tekst, actor=actor)
    vastleggen(actor=actor, actie="melding.incident", obj=melding, omschrijving=melding.nummer,
               na={"ernst": ernst, "deelnemers": sorted(getroffen), "aanbieders": sorted(a.pk for a in aanbieders),
                   "gegevensdiensten": sorted(g.pk for g in gegevensdiensten)})
    return melding


def _adressen(deelnemers) -> list[str]:
    from stelselbeheer.kern.models import Gebruiker

    adressen = {d.contact_email for d in deelnemers if d.contact_email}
    adressen |= set(Gebruiker.objects.filter(deelnemer__in=deelnemers, is_active=True).exclude(email="")
                    .values_list("email", flat=True))
    return sorted(adressen)


@transaction.atomic
@vereist_recht(Actie.MELDINGEN_BEHANDELEN)
def incident_bericht(*, actor, melding: Melding, tekst: str) -> int:
    """The internal notice to the affected participants (e-mail after the commit, and on their own melding page);
    returns the number of addresses."""
    melding = _vergrendeld(actor, melding)
    deelnemers = list(melding.betrokken_deelnemers.all())
    if melding.soort not in INCIDENTSOORTEN or not deelnemers:
        raise ValidationError({"tekst": "Leg eerst vast welke deelnemers getroffen zijn."})
    if not (tekst or "").strip():
        raise ValidationError({"tekst": "Schrijf het bericht."})
    adressen = _adressen(deelnemers)
    aanbieders = list(melding.betrokken_aanbieders.values_list("naam", flat=True)[:50])
    diensten = list(melding.betrokken_gegevensdiensten.values_list("code", flat=True))
    inhoud = (f"{melding.get_soort_display()} {melding.nummer}: {melding.onderwerp}\n"
              f"Ernst: {melding.get_ernst_display()}\n"
              f"Getroffen gegevensdiensten: {', '.join(diensten) or 'geen'}\n"
              f"Getroffen zorgaanbieders: {', '.join(aanbieders) or 'geen'}\n\n{tekst}\n\n"
              "Dit bericht is bestemd voor de getroffen deelnemers van het afsprakenstelsel.")
    onderwerp = f"{melding.get_soort_display()} {melding.nummer}: {melding.onderwerp}"
    _mailen([(onderwerp, inhoud, a) for a in adressen])
    _gebeurtenis(melding, "bericht aan getroffen deelnemers", tekst, actor=actor, zichtbaar=Zichtbaar.DEELNEMERS)
    vastleggen(actor=actor, actie="melding.bericht", obj=melding, omschrijving=melding.nummer,
               na={"deelnemers": [d.pk for d in deelnemers], "adressen": len(adressen)})
    return len(adressen)


@transaction.atomic
@vereist_recht(Actie.MELDINGEN_BEHANDELEN)
def incident_evalueren(*, actor, melding: Melding, evaluatie: str) -> Melding:
    """The post-incident review: cause, course, measures. Required before a calamity or serious incident closes."""
    melding = _vergrendeld(actor, melding)
    if melding.soort not in INCIDENTSOORTEN:
        raise ValidationError({"evaluatie": "Alleen een incident of calamiteit wordt geëvalueerd."})
    if melding.status not in {Status.OPGELOST, Status.GESLOTEN}:
        raise ValidationError({"evaluatie": "Evalueer nadat het incident is opgelost."})
    if not (evaluatie or "").strip():
        raise ValidationError({"evaluatie": "Schrijf de evaluatie: oorzaak, verloop en maatregelen."})
    melding.evaluatie, melding.evaluatie_op = evaluatie, timezone.now()
    melding.save(update_fields=["evaluatie", "evaluatie_op"])
    _gebeurtenis(melding, "evaluatie vastgelegd", evaluatie, actor=actor, zichtbaar=Zichtbaar.DEELNEMERS)
    vastleggen(actor=actor, actie="melding.evaluatie", obj=melding, omschrijving=melding.nummer)
    return melding


@transaction.atomic
@vereist_recht(Actie.MELDINGEN_BEHANDELEN, Actie.NALEVING_BEHANDELEN)
def melding_naar_naleving(*, actor, melding: Melding, deelnemer, verplichting: str):
    """Link a calamity or incident to a compliance finding against an affected participant (MEL-NALEVING): a
    Constatering with the melding as its source, and a case unless one is open for that obligation."""
    from stelselbeheer.deelnemers.services import vandaag
    from stelselbeheer.kern.rollen import Actie, kan
    from stelselbeheer.naleving.models import Bron, Constatering, Nalevingszaak, ZaakStap
    from stelselbeheer.naleving.services import zaak_openen

    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    if actor is not None and not kan(actor, Actie.NALEVING_BEHANDELEN):  # None: the system itself
        raise PermissionDenied("Uw rol legt geen constateringen vast.")
    if melding.soort not in INCIDENTSOORTEN:
        raise ValidationError({"deelnemer": "Alleen een incident of calamiteit leidt tot een constatering."})
    if melding.constatering_id:
        raise ValidationError({"deelnemer": "Deze melding heeft al een constatering."})
    if not melding.betrokken_deelnemers.filter(pk=deelnemer.pk).exists():
        raise ValidationError({"deelnemer": "Kies een deelnemer die bij dit incident getroffen of betrokken is."})
    if not (verplichting or "").strip():
        raise ValidationError({"verplichting": "Noem de verplichting uit het afsprakenstelsel."})
    constatering = Constatering.objects.create(
        deelnemer=deelnemer, bron=Bron.MELDING, verplichting=verplichting, datum=vandaag(),
        omstandigheden=f"{melding.get_soort_display()} {melding.nummer}: {melding.onderwerp}\n\n{melding.omschrijving}")
    melding.constatering = constatering
    melding.save(update_fields=["constatering"])
    if not Nalevingszaak.objects.filter(deelnemer=deelnemer, verplichting=verplichting).exclude(
            stap=ZaakStap.GESLOTEN).exists():
        zaak_openen(actor=actor, deelnemer=deelnemer, verplichting=verplichting,
                    omstandigheden=constatering.omstandigheden, constatering=constatering)
    _gebeurtenis(melding, "constatering vastgelegd", f"{deelnemer}: {verplichting}", actor=actor)
    vastleggen(actor=actor, actie="melding.constatering", obj=melding, omschrijving=melding.nummer,
               na={"constatering": constatering.pk, "deelnemer": deelnemer.pk})
    return constatering


@transaction.atomic
@vereist_recht(Actie.MELDINGEN_BEHANDELEN)
def partijen_vastleggen(*, actor, melding: Melding, partijen) -> Melding:
    """The participants that are party to a complaint or dispute; only they (and the handlers) see it."""
    melding = _vergrendeld(actor, melding)
    _open(melding)
    if melding.soort not in GESCHILSOORTEN:
        raise ValidationError({"partijen": "Alleen een klacht of geschil heeft partijen."})
    melding.partijen.set(partijen)
    namen = ", ".join(sorted(str(p) for p in partijen)) or "geen"
    _gebeurtenis(melding, "partijen", namen, actor=actor, zichtbaar=Zichtbaar.DEELNEMERS)
    vastleggen(actor=actor, actie="melding.partijen", obj=melding, omschrijving=melding.nummer,
               na={"partijen": sorted(p.pk for p in partijen)})
    return melding


@transaction.atomic
@vereist_recht(Actie.MELDINGEN_BEHANDELEN)
def naar_bestuur(*, actor, melding: Melding, reden: str) -> Melding:
    """Mediation did not resolve it: the complaint or dispute goes to the board (MEL-GESCHIL)."""
    melding = _vergrendeld(actor, melding)
    if melding.fase != Fase.BEMIDDELING or melding.status not in {Status.NIEUW, Status.IN_BEHANDELING}:
        raise ValidationError({"reden": "Alleen een open klacht of geschil in bemiddeling gaat naar het bestuur."})
    if not (reden or "").strip():
        raise ValidationError({"reden": "Leg vast waarom de bemiddeling niet tot een oplossing leidde."})
    melding.fase = Fase.BESTUUR
    melding.status = Status.IN_BEHANDELING
    melding.save(update_fields=["fase", "status"])
    _gebeurtenis(melding, "voorgelegd aan het bestuur", reden, actor=actor, zichtbaar=Zichtbaar.MELDER)
    vastleggen(actor=actor, actie="melding.naar_bestuur", obj=melding, omschrijving=melding.nummer, reden=reden)
    return melding


@transaction.atomic
@vereist_recht(Actie.MELDING_UITSPRAAK)
def uitspraak_vastleggen(*, actor, melding: Melding, uitspraak: str, besluit=None) -> Melding:
    """The board's outcome on a complaint or dispute before it; the melding is then solved (MEL-GESCHIL)."""
    from stelselbeheer.kern.rollen import Actie, kan

    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    if not kan(actor, Actie.MELDING_UITSPRAAK):
        raise PermissionDenied("Alleen het bestuur doet uitspraak.")
    if melding.fase != Fase.BESTUUR or melding.uitspraak:
        raise ValidationError({"uitspraak": "Alleen over een klacht of geschil dat aan het bestuur is voorgelegd "
                                            "en nog geen uitspraak heeft."})
    if not (uitspraak or "").strip():
        raise ValidationError({"uitspraak": "Schrijf de uitspraak."})
    if besluit is not None and (bezwaren := voorstel_bezwaren(besluit, "uitspraak", melding_id=melding.pk)):
        raise ValidationError({"besluit": bezwaren})  # OVL-STAP: only the decision the board adopted for this ruling
    melding.uitspraak, melding.uitspraak_op, melding.besluit = uitspraak, timezone.now(), besluit
    melding.status, melding.opgelost_op = Status.OPGELOST, melding.uitspraak_op
    melding.save(update_fields=["uitspraak", "uitspraak_op", "besluit", "status", "opgelost_op"])
    _gebeurtenis(melding, "uitspraak van het bestuur", uitspraak + (f" (besluit {besluit.nummer})" if besluit else ""),
                 actor=actor, zichtbaar=Zichtbaar.MELDER)
    vastleggen(actor=actor, actie="melding.uitspraak", obj=melding, omschrijving=melding.nummer,
               na={"besluit": getattr(besluit, "nummer", None)})
    return melding


@transaction.atomic
@vereist_recht(Actie.KENNISBANK_BEHEREN)
def artikel_vastleggen(*, actor, titel: str, tekst: str, doelgroep: str, trefwoorden: str = "",
                       gepubliceerd: bool = True, melding: Melding | None = None, artikel=None):
    """Write or change a knowledge-base article, often from a question's answer (MEL-KENNIS)."""
    from .models import Kennisartikel

    nieuw = artikel is None
    artikel = artikel or Kennisartikel()
    voor = None if nieuw else {"titel": artikel.titel, "doelgroep": artikel.doelgroep,
                               "gepubliceerd": artikel.gepubliceerd}
    artikel.titel, artikel.tekst, artikel.doelgroep = titel, tekst, doelgroep
    artikel.trefwoorden, artikel.gepubliceerd = trefwoorden, gepubliceerd
    if melding is not None:
        artikel.melding = melding
    artikel.full_clean()
    artikel.save()
    if melding is not None and nieuw:
        _gebeurtenis(melding, "kennisartikel", artikel.titel, actor=actor)
    vastleggen(actor=actor, actie="kennisartikel.vastgelegd", obj=artikel, omschrijving=artikel.titel, voor=voor,
               na={"titel": titel, "doelgroep": doelgroep, "gepubliceerd": gepubliceerd})
    return artikel
