"""Filing a melding and keeping the decision tree (rules MEL-VOORDEUR, MEL-TOKEN, MEL-BOOM)."""

from __future__ import annotations

import hashlib
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from stelselbeheer.kern.audit import vastleggen
from stelselbeheer.kern.services import volgend_jaarnummer

from . import beslisboom as boom_regels
from . import servicenormen
from .models import Beslisboom, Melding, Meldinggebeurtenis, Niveau, Status


def token_sha256(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def actieve_boom() -> Beslisboom:
    boom = Beslisboom.objects.filter(actief=True).first()
    if boom is None:  # a fresh installation: the standard tree as version 1
        boom = beslisboom_vastleggen(actor=None, boom=boom_regels.STANDAARD)
    return boom


@transaction.atomic
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
def melding_indienen(*, actor, soort: str, onderwerp: str, omschrijving: str, melder_naam: str, melder_email: str,
                     regio=None, uitkomst: str = "", beslisboom: Beslisboom | None = None) -> tuple[Melding, str]:
    """File a melding; returns it with its status code. The code is shown once and stored only as SHA-256: it
    opens this melding's status page and no other (MEL-TOKEN)."""
    if uitkomst and uitkomst in boom_regels.UITKOMSTEN and not boom_regels.UITKOMSTEN[uitkomst][1]:
        raise ValidationError({"uitkomst": "Volgens de beslisboom hoort dit bij een ander loket; het wordt hier "
                                           "niet in behandeling genomen."})
    token = secrets.token_urlsafe(32)
    melding = Melding(soort=soort, onderwerp=onderwerp, omschrijving=omschrijving, melder_naam=melder_naam,
                      melder_email=melder_email, melder=actor if getattr(actor, "pk", None) else None, regio=regio,
                      niveau=Niveau.REGIONAAL if uitkomst == "rso" and regio else Niveau.LANDELIJK,
                      uitkomst=uitkomst, beslisboom=beslisboom, token_sha256=token_sha256(token))
    if uitkomst == "rso" and regio is None:
        raise ValidationError({"regio": "Kies uw regio: de regionale desk pakt dit op."})
    melding.full_clean(exclude=["nummer"])
    melding.nummer = volgend_jaarnummer(Melding, "M", timezone.now().year)
    melding.reactie_voor, melding.oplossing_voor = servicenormen.doelen(soort, melding.prioriteit, timezone.now())
    melding.save()
    Meldinggebeurtenis.objects.create(melding=melding, soort="ingediend", door=melding.melder,
                                      tekst=f"{melding.get_soort_display()}, {melding.get_niveau_display().lower()}")
    vastleggen(actor=actor, actie="melding.ingediend", obj=melding, omschrijving=melding.nummer,
               na={"soort": soort, "niveau": melding.niveau, "uitkomst": uitkomst})
    return melding, token


def melding_bij_token(token: str) -> Melding | None:
    return Melding.objects.filter(token_sha256=token_sha256(token or "")).first()


def _mag_behandelen(user, melding: Melding) -> None:
    from django.core.exceptions import PermissionDenied

    from .zichtbaar import zichtbare_meldingen

    if user is not None and not zichtbare_meldingen(user).filter(pk=melding.pk).exists():
        raise PermissionDenied("Deze melding hoort niet bij uw desk.")


@transaction.atomic
def melding_triage(*, actor, melding: Melding, prioriteit: str, team: str = "", toegewezen_aan=None,
                   niveau: str | None = None, regio=None) -> Melding:
    """Classify (regional or national), set priority, team and person (MEL-TRIAGE). The service levels are
    counted from the filing moment with the new priority. Every hand-over is a timeline event."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    _mag_behandelen(actor, melding)
    melding.prioriteit, melding.team, melding.toegewezen_aan = prioriteit, team, toegewezen_aan
    if niveau:
        melding.niveau = niveau
        melding.regio = regio if niveau == Niveau.REGIONAAL else melding.regio
        if niveau == Niveau.REGIONAAL and melding.regio is None:
            raise ValidationError({"regio": "Een regionale melding hoort bij een regio."})
    melding.reactie_voor, melding.oplossing_voor = servicenormen.doelen(melding.soort, prioriteit,
                                                                        melding.ingediend_op)
    if melding.status == Status.NIEUW:
        melding.status = Status.IN_BEHANDELING
    melding.full_clean()
    melding.save()
    delen = [melding.get_niveau_display(), f"prioriteit {melding.get_prioriteit_display().lower()}"]
    delen += [f"team {team}"] if team else []
    delen += [f"toegewezen aan {toegewezen_aan}"] if toegewezen_aan else []
    Meldinggebeurtenis.objects.create(melding=melding, soort="triage", tekst=", ".join(delen),
                                      door=actor if getattr(actor, "pk", None) else None)
    vastleggen(actor=actor, actie="melding.triage", obj=melding, omschrijving=melding.nummer,
               na={"niveau": melding.niveau, "prioriteit": prioriteit, "team": team})
    return melding


@transaction.atomic
def melding_escaleren(*, actor, melding: Melding, reden: str) -> Melding:
    """A regional desk hands a melding to the national desk in one step; the whole history stays with it."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    _mag_behandelen(actor, melding)
    if melding.niveau != Niveau.REGIONAAL:
        raise ValidationError({"niveau": "Alleen een regionale melding kan naar de landelijke desk."})
    if not (reden or "").strip():
        raise ValidationError({"reden": "Geef de reden van de escalatie."})
    melding.niveau = Niveau.LANDELIJK
    melding.save(update_fields=["niveau"])
    Meldinggebeurtenis.objects.create(melding=melding, soort="geëscaleerd naar de landelijke desk", tekst=reden,
                                      door=actor if getattr(actor, "pk", None) else None)
    vastleggen(actor=actor, actie="melding.geescaleerd", obj=melding, omschrijving=melding.nummer, reden=reden)
    return melding


#: the allowed status changes after triage (MEL-STATUS)
OVERGANGEN = {Status.NIEUW: {Status.IN_BEHANDELING}, Status.IN_BEHANDELING: {Status.OPGELOST},
              Status.OPGELOST: {Status.GESLOTEN, Status.IN_BEHANDELING}, Status.GESLOTEN: set()}


@transaction.atomic
def melding_status_zetten(*, actor, melding: Melding, status: str, toelichting: str) -> Melding:
    """Solve, reopen or close, with an explanation the reporter sees on the status page."""
    melding = Melding.objects.select_for_update().get(pk=melding.pk)
    _mag_behandelen(actor, melding)
    if status not in OVERGANGEN.get(melding.status, set()):
        raise ValidationError({"status": f"Van '{melding.get_status_display()}' kan een melding niet naar "
                                         f"'{Status(status).label if status in Status.values else status}'."})
    if not (toelichting or "").strip():
        raise ValidationError({"toelichting": "Geef een toelichting; de melder ziet die."})
    van = melding.status
    melding.status = status
    melding.save(update_fields=["status"])
    Meldinggebeurtenis.objects.create(melding=melding, soort=Status(status).label.lower(), tekst=toelichting,
                                      door=actor if getattr(actor, "pk", None) else None)
    vastleggen(actor=actor, actie="melding.status", obj=melding, omschrijving=melding.nummer,
               voor={"status": van}, na={"status": status}, reden=toelichting)
    return melding
