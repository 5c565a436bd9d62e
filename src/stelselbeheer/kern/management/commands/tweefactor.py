from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from stelselbeheer.kern.audit import vastleggen
from stelselbeheer.kern.models import Gebruiker
from stelselbeheer.kern.services import inschrijfcode_uitgeven


class Command(BaseCommand):
    help = ("Tweede factor (TOTP) van een account: 'code' toont de code van nu (voor de demo en voor "
            "ondersteuning met toegang tot de server), 'herstel' verwijdert het apparaat van een gebruiker die "
            "het kwijt is, 'inschrijfcode' maakt een eenmalige inschrijfcode waarmee de gebruiker na het inloggen "
            "met zijn wachtwoord een nieuw apparaat instelt (zonder code toont het systeem geen geheime sleutel).")

    def add_arguments(self, parser):
        parser.add_argument("actie", choices=["code", "herstel", "inschrijfcode"])
        parser.add_argument("gebruiker")

    def handle(self, *args, actie, gebruiker, **options):
        user = Gebruiker.objects.filter(username=gebruiker).first()
        if user is None:
            raise CommandError(f"Onbekende gebruiker {gebruiker}")
        if actie == "inschrijfcode":
            try:
                inschrijving, code = inschrijfcode_uitgeven(actor=None, gebruiker=user)
            except ValidationError as e:
                raise CommandError(" ".join(e.messages)) from e
            geldig_tot = timezone.localtime(inschrijving.geldig_tot)
            self.stdout.write(f"Inschrijfcode voor {gebruiker}: {code}\n"
                              f"Eenmalig, geldig tot {geldig_tot:%d-%m-%Y %H:%M}. Geef hem via een ander kanaal dan "
                              "het wachtwoord; na het inloggen vult de gebruiker hem in op /account/tweefactor/.")
            return
        apparaat = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if actie == "code":
            if apparaat is None:
                raise CommandError(f"{gebruiker} heeft nog geen tweede factor ingesteld.")
            code = totp(apparaat.bin_key, apparaat.step, apparaat.t0, apparaat.digits, apparaat.drift)
            self.stdout.write(f"{code:0{apparaat.digits}d}")
            return
        with transaction.atomic():
            aantal = TOTPDevice.objects.filter(user=user).delete()[0]
            vastleggen(actor=None, actie="gebruiker.tweede_factor_hersteld", obj=user, na={"apparaten": aantal})
        self.stdout.write(f"Tweede factor van {gebruiker} hersteld. Voor een nieuwe is een inschrijfcode nodig: een "
                          f"collega maakt die aan bij het account (Accounts), of: stelsel tweefactor inschrijfcode "
                          f"{gebruiker}")
