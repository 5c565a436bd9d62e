import datetime as dt

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from stelselbeheer.kern.models import ApiToken, Gebruiker
from stelselbeheer.kern.services import api_token_aanmaken, api_token_intrekken
from stelselbeheer.kern.tokens import toegestane_acties


class Command(BaseCommand):
    help = ("API-tokens op de server (API-TOKEN): 'aanmaken GEBRUIKER --naam …' maakt een token voor elk account, "
            "ook van bestuur en uitvoeringsorganisatie (in het portaal alleen voor deelnemer- en regioaccounts), met "
            "de gekozen acties (standaard alles wat de rol via een token mag) en drukt het één keer af; 'intrekken "
            "PUBLIEK_ID' trekt een token in; 'lijst [GEBRUIKER]' toont de tokens.")

    def add_arguments(self, parser):
        parser.add_argument("actie", choices=["aanmaken", "intrekken", "lijst"])
        parser.add_argument("wie", nargs="?", default="", help="gebruikersnaam (aanmaken, lijst) of publiek id "
                                                               "(intrekken, met of zonder stb_)")
        parser.add_argument("--naam", default="", help="waarvoor het token dient")
        parser.add_argument("--actie", dest="acties", action="append", default=[],
                            help="een actie uit kern/rollen.py (herhaal voor meer); standaard alle van de rol")
        parser.add_argument("--dagen", type=int, default=None, help="geldigheid in dagen (standaard de instelling)")
        parser.add_argument("--reden", default="", help="reden van intrekken, voor de audittrail")

    def handle(self, *args, actie, wie, naam, acties, dagen, reden, **options):
        if actie == "lijst":
            qs = ApiToken.objects.select_related("eigenaar")
            if wie:
                qs = qs.filter(eigenaar__username=wie)
            nu = timezone.now()
            for t in qs:
                gebruikt = (f"{timezone.localtime(t.laatst_gebruikt_op):%d-%m-%Y %H:%M}" if t.laatst_gebruikt_op
                            else "nooit")
                self.stdout.write(f"stb_{t.publiek_id}  {t.eigenaar.username:<20} {t.stand(nu):<11} "
                                  f"tot {timezone.localtime(t.geldig_tot):%d-%m-%Y}  gebruikt {gebruikt}  {t.naam}")
            return
        if actie == "intrekken":
            token = ApiToken.objects.filter(publiek_id=wie.removeprefix("stb_").rstrip("_")).first()
            if token is None:
                raise CommandError(f"Onbekend token {wie}")
            try:
                api_token_intrekken(actor=None, token=token, reden=reden)
            except ValidationError as e:
                raise CommandError(" ".join(e.messages)) from e
            self.stdout.write(f"{token} is ingetrokken.")
            return
        gebruiker = Gebruiker.objects.filter(username=wie).first()
        if gebruiker is None:
            raise CommandError(f"Onbekende gebruiker {wie}")
        geldig_tot = timezone.now() + dt.timedelta(days=dagen) if dagen is not None else None
        try:
            token, waarde = api_token_aanmaken(actor=None, eigenaar=gebruiker, naam=naam,
                                               acties=acties or toegestane_acties(gebruiker), geldig_tot=geldig_tot)
        except ValidationError as e:
            raise CommandError(" ".join(f"{veld}: {' '.join(m)}" for veld, m in e.message_dict.items())) from e
        self.stdout.write(f"{waarde}\n")
        self.stderr.write(f"API-token {token.publiek_id} voor {wie} ({', '.join(token.acties)}), geldig tot "
                          f"{timezone.localtime(token.geldig_tot):%d-%m-%Y %H:%M}. Het token wordt niet bewaard: "
                          "bewaar het nu. Gebruik: Authorization: Bearer <token>.")
