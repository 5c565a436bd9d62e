from django.core.management.base import BaseCommand, CommandError

from stelselbeheer.kern.audit import verifieer


class Command(BaseCommand):
    help = "Audittrail: 'stelsel audit verify' controleert de hele hashketen."

    def add_arguments(self, parser):
        parser.add_argument("opdracht", choices=["verify"], help="verify: controleer de keten")

    def handle(self, *args, **options):
        uitkomst = verifieer()
        if not uitkomst.in_orde:
            raise CommandError(uitkomst.melding)
        self.stdout.write(self.style.SUCCESS(uitkomst.melding))
