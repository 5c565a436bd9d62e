from django.core.management.base import BaseCommand, CommandError

from stelselbeheer.kern.reservekopie import BackupFout, backup_maken


class Command(BaseCommand):
    help = ("Reservekopie van de hele installatie in één archief (tar.gz): de database, de sleutel en certificaten "
            "van de lijsten, de geüploade bestanden en de lijstbestanden, met een manifest (versies, tijdstip, "
            "SHA-256 per onderdeel). Terugzetten: stelsel restore ARCHIEF. docs/productie.md")

    def add_arguments(self, parser):
        parser.add_argument("doel", nargs="?", help="een map (het archief krijgt een naam met datum en tijd) of een "
                                                    "bestand *.tar.gz (*.tar.gz.age met STELSEL_BACKUP_ONTVANGERS; "
                                                    "standaard: STELSEL_BACKUP_MAP)")
        parser.add_argument("--bewaren", type=int, metavar="N",
                            help="bewaar in de map alleen de N nieuwste archieven (de oudere worden verwijderd)")

    def handle(self, *args, doel=None, bewaren=None, **options):
        if bewaren is not None and (bewaren < 1 or (doel or "").endswith((".tar.gz", ".tar.gz.age"))):
            raise CommandError("--bewaren: minstens 1, en alleen met een map als doel.")
        try:
            archief, manifest = backup_maken(doel, bewaren=bewaren)
        except BackupFout as e:
            raise CommandError(str(e)) from e
        grootte = archief.stat().st_size
        lijsten = ", ".join(f"{lijst} #{v['volgnummer']}" for lijst, v in manifest["lijsten"].items()) or "geen"
        self.stdout.write(self.style.SUCCESS(
            f"Reservekopie geschreven: {archief} ({grootte / 1e6:.1f} MB, {len(manifest['bestanden'])} onderdelen; "
            f"audittrail {manifest['audit']['aantal']} events; lijsten {lijsten})."))
