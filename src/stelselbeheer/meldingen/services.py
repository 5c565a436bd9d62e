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
from .models import Beslisboom, Melding, Meldinggebeurtenis, Niveau


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
    melding.save()
    Meldinggebeurtenis.objects.create(melding=melding, soort="ingediend", door=melding.melder,
                                      tekst=f"{melding.get_soort_display()}, {melding.get_niveau_display().lower()}")
    vastleggen(actor=actor, actie="melding.ingediend", obj=melding, omschrijving=melding.nummer,
               na={"soort": soort, "niveau": melding.niveau, "uitkomst": uitkomst})
    return melding, token


def melding_bij_token(token: str) -> Melding | None:
    return Melding.objects.filter(token_sha256=token_sha256(token or "")).first()
