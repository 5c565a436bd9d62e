import datetime as dt

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from stelselbeheer.lijsten.models import Lijst, Trigger
from stelselbeheer.lijsten.regels import waarom
from stelselbeheer.lijsten.services import (
    PublicatieMislukt,
    alle_lijsten_publiceren,
    lijst_publiceren,
    lijst_terugdraaien,
)


class Command(BaseCommand):
    help = ("Lijsten: 'publiceer [--lijst L] [--schema] [--alleen-bij-wijziging]', "
            "'terugdraaien <lijst> <volgnummer> --reden R' of 'waarom <lijst> <sleutel> [--op JJJJ-MM-DDTUU:MM]'.")

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="opdracht", required=True)
        p = sub.add_parser("publiceer", help="bouw, valideer en publiceer")
        p.add_argument("--lijst", choices=Lijst.values)
        p.add_argument("--schema", action="store_true", help="aanleiding: periodieke publicatie (cron/timer)")
        p.add_argument("--alleen-bij-wijziging", action="store_true")
        p.add_argument("--reden", default="")
        t = sub.add_parser("terugdraaien", help="publiceer de inhoud van een eerdere versie opnieuw")
        t.add_argument("lijst", choices=Lijst.values)
        t.add_argument("volgnummer", type=int)
        t.add_argument("--reden", required=True)
        w = sub.add_parser("waarom", help="waarom staat een entry wel of niet op een lijst")
        w.add_argument("lijst", choices=Lijst.values)
        w.add_argument("sleutel")
        w.add_argument("--op", type=dt.datetime.fromisoformat, default=None)

    def handle(self, *args, opdracht, **o):
        if opdracht == "waarom":
            moment = o["op"] or timezone.now()
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
            uitleg = waarom(o["lijst"], o["sleutel"], moment)
            self.stdout.write(uitleg.tekst())
            return
        if opdracht == "terugdraaien":
            try:
                s = lijst_terugdraaien(actor=None, lijst=o["lijst"], volgnummer=o["volgnummer"], reden=o["reden"])
            except ValidationError as e:
                raise CommandError(" ".join(m for v in e.message_dict.values() for m in v)) from e
            self.stdout.write(f"{o['lijst']}: inhoud van versie {o['volgnummer']} gepubliceerd als {s.volgnummer}")
            return
        trigger = Trigger.SCHEMA if o["schema"] else Trigger.MEDEWERKER
        try:
            if o["lijst"]:
                uitkomst = {o["lijst"]: lijst_publiceren(actor=None, lijst=o["lijst"], trigger=trigger,
                                                         omschrijving=o["reden"],
                                                         alleen_bij_wijziging=o["alleen_bij_wijziging"])}
            else:
                uitkomst = alle_lijsten_publiceren(actor=None, trigger=trigger, omschrijving=o["reden"],
                                                   alleen_bij_wijziging=o["alleen_bij_wijziging"])
        except PublicatieMislukt as e:
            raise CommandError(f"Publicatie mislukt; de vorige versie blijft gepubliceerd: {e}") from e
        for lijst, s in uitkomst.items():
            if s is None:
                self.stdout.write(f"{lijst}: ongewijzigd, niet opnieuw gepubliceerd")
            else:
                self.stdout.write(f"{lijst}: volgnummer {s.volgnummer}, {s.aantal} entries, {s.grootte} bytes, "
                                  f"+{len(s.toegevoegd)} -{len(s.verwijderd)} ~{len(s.gewijzigd)}")
