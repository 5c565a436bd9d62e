import datetime as dt

from django.core.management.base import BaseCommand

from stelselbeheer.deelnemers.controle import kwalificaties_controleren
from stelselbeheer.deelnemers.rules import AMSTERDAM


class Command(BaseCommand):
    help = ("Nachtelijke controle van kwalificaties: herinneringen 60, 30 en 7 dagen voor het verlopen, en een "
            "constatering bij een verlopen testresultaat; en opschortingen voorbij hun geplande einde als taak "
            "(veilig om vaker te draaien).")

    def add_arguments(self, parser):
        parser.add_argument("--op", type=dt.date.fromisoformat, help="peildatum JJJJ-MM-DD (standaard: vandaag)")

    def handle(self, *args, op=None, **options):
        moment = dt.datetime.combine(op, dt.time(12), tzinfo=AMSTERDAM) if op else None
        uitkomst = kwalificaties_controleren(moment=moment)
        self.stdout.write(f"Controle op {uitkomst.dag:%d-%m-%Y}: {uitkomst.herinneringen} herinneringen, "
                          f"{uitkomst.constateringen} constateringen, {uitkomst.zaken} nalevingszaken geopend, "
                          f"{uitkomst.opschortingen} opschortingen voorbij hun geplande einde.")
