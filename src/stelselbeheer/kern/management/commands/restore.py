from django.core.management.base import BaseCommand, CommandError

from stelselbeheer.kern.reservekopie import BackupFout, herstellen


class Command(BaseCommand):
    help = ("Zet een reservekopie van stelsel backup terug: controleert eerst het hele archief (manifest, SHA-256 "
            "van elk onderdeel, soort database, migraties), weigert een database met gegevens zonder "
            "--overschrijven, zet database, sleutels, bestanden en lijstbestanden terug en controleert daarna de "
            "audittrail en de live lijsten tegen het manifest. Stop eerst web en werker. docs/productie.md")

    def add_arguments(self, parser):
        parser.add_argument("archief", help="het archief (*.tar.gz, versleuteld *.tar.gz.age) van stelsel backup")
        parser.add_argument("--identiteit", metavar="BESTAND",
                            help="de age-privésleutel voor een versleuteld archief (standaard: "
                                 "STELSEL_BACKUP_IDENTITEIT)")
        parser.add_argument("--overschrijven", action="store_true",
                            help="vervang ook een database die al gegevens bevat (een audittrail of accounts)")
        parser.add_argument("--alleen-controleren", action="store_true",
                            help="controleer het archief alleen; verander niets")

    def handle(self, *args, archief, overschrijven, alleen_controleren, identiteit=None, **options):
        try:
            manifest = herstellen(archief, overschrijven=overschrijven, alleen_controleren=alleen_controleren,
                                  melden=self.stdout.write, identiteit=identiteit)
        except BackupFout as e:
            raise CommandError(str(e)) from e
        if not alleen_controleren:
            self.stdout.write(self.style.SUCCESS(
                f"Reservekopie van {manifest['gemaakt_op']} teruggezet. Start web en werker weer."))
