from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from stelselbeheer.register.importeren import ImportMislukt, aanbieders_importeren


class Command(BaseCommand):
    help = "Importeer aanbieders uit een CSV-bestand: alles of niets (zie docs/import.md)."

    def add_arguments(self, parser):
        parser.add_argument("bestand", type=Path)
        parser.add_argument("--reden", default="")

    def handle(self, *args, bestand: Path, reden: str, **options):
        try:
            tekst = bestand.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as e:
            raise CommandError(f"Kan {bestand} niet lezen als UTF-8: {e}") from e
        try:
            uitkomst = aanbieders_importeren(actor=None, tekst=tekst, bestandsnaam=bestand.name, reden=reden)
        except ImportMislukt as e:
            for f in e.fouten:
                self.stderr.write(f"regel {f.regel}, kolom {f.kolom or '-'}: {f.reden}")
            raise CommandError(str(e)) from e
        self.stdout.write(self.style.SUCCESS(
            f"{uitkomst.aanbieders} aanbieders, {uitkomst.diensten} gegevensdiensten, "
            f"{uitkomst.organisaties} nieuwe organisaties geïmporteerd."))
