from django.core.management.base import BaseCommand, CommandError

from stelselbeheer.kern.reservekopie import BackupFout, sleutelpaar_maken


class Command(BaseCommand):
    help = ("Maak een age-sleutelpaar voor versleutelde reservekopieën: de privésleutel in BESTAND (0600; bewaar hem "
            "buiten deze machine, bij wie terugzet), de publieke sleutel op het scherm (voor "
            "STELSEL_BACKUP_ONTVANGERS). docs/productie.md")

    def add_arguments(self, parser):
        parser.add_argument("bestand", help="nieuw bestand voor de privésleutel (wordt niet overschreven)")

    def handle(self, *args, bestand, **options):
        try:
            publiek = sleutelpaar_maken(bestand)
        except BackupFout as e:
            raise CommandError(str(e)) from e
        self.stdout.write(f"Privésleutel geschreven naar {bestand}. Zet op de machine die de reservekopieën maakt:")
        self.stdout.write(self.style.SUCCESS(f"STELSEL_BACKUP_ONTVANGERS={publiek}"))
