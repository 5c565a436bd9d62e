from django.core.management.base import BaseCommand

from stelselbeheer.adoptie.services import momentopname_maken


class Command(BaseCommand):
    help = ("Dagelijkse momentopname van de adoptie per product, afgeleid uit het register en de gepubliceerde ZAL "
            "(één per dag: opnieuw draaien op dezelfde dag vervangt de cijfers van die dag).")

    def handle(self, *args, **options):
        opname = momentopname_maken()
        zal = f"ZAL-versie {opname.zal_volgnummer}" if opname.zal_volgnummer else "nog geen gepubliceerde ZAL"
        self.stdout.write(f"Momentopname {opname.datum:%d-%m-%Y}: {opname.standen.count()} producten ({zal}).")
