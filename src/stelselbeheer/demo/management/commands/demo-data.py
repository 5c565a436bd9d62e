import datetime as dt

from django.core.management.base import BaseCommand, CommandError

from stelselbeheer.demo.generator import RegisterNietLeeg, genereer


class Command(BaseCommand):
    help = "Genereer deterministische, realistische demodata in een lege database."

    def add_arguments(self, parser):
        parser.add_argument("--aanbieders", type=int, default=2000)
        parser.add_argument("--seed", type=int, default=2026)
        parser.add_argument("--peildatum", type=dt.date.fromisoformat, default=None,
                            help="Datum waartegen testdata en geldigheid worden gezet (JJJJ-MM-DD; standaard vandaag)")
        parser.add_argument("--zonder-accounts", action="store_true")

    def handle(self, *args, aanbieders, seed, peildatum, zonder_accounts, **options):
        if aanbieders < 0:
            raise CommandError("--aanbieders kan niet negatief zijn.")
        try:
            uitkomst = genereer(aanbieders=aanbieders, seed=seed, peildatum=peildatum, accounts=not zonder_accounts)
        except RegisterNietLeeg as e:
            raise CommandError(str(e)) from e
        rijen = sum(uitkomst.aantallen.values())
        for soort, aantal in uitkomst.aantallen.items():
            self.stdout.write(f"  {soort}: {aantal}")
        self.stdout.write(self.style.SUCCESS(
            f"Demodata klaar in {uitkomst.seconden:.1f} s ({rijen} rijen, {rijen / max(uitkomst.seconden, 1e-9):,.0f} "
            "rijen/s)."))
        if uitkomst.accounts:
            self.stdout.write("Demo-inloggegevens (één per rol):")
            for rol, naam, wachtwoord in uitkomst.accounts:
                self.stdout.write(f"  {rol:<24} gebruiker: {naam:<12} wachtwoord: {wachtwoord}")
