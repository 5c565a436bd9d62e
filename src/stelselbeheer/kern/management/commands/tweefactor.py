from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from stelselbeheer.kern.audit import vastleggen
from stelselbeheer.kern.models import Gebruiker


class Command(BaseCommand):
    help = ("Tweede factor (TOTP) van een account: 'code' toont de code van nu (voor de demo en voor "
            "ondersteuning met toegang tot de server), 'herstel' verwijdert het apparaat van een gebruiker die "
            "het kwijt is, zodat die bij de volgende keer inloggen een nieuw apparaat instelt.")

    def add_arguments(self, parser):
        parser.add_argument("actie", choices=["code", "herstel"])
        parser.add_argument("gebruiker")

    def handle(self, *args, actie, gebruiker, **options):
        user = Gebruiker.objects.filter(username=gebruiker).first()
        if user is None:
            raise CommandError(f"Onbekende gebruiker {gebruiker}")
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
        self.stdout.write(f"Tweede factor van {gebruiker} hersteld: stel bij de volgende keer inloggen een nieuwe in.")
