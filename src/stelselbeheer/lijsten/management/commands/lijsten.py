import datetime as dt

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from stelselbeheer.lijsten import bestanden
from stelselbeheer.lijsten.importeren import ImportConflict, ImportOngeldig, lijsten_importeren
from stelselbeheer.lijsten.lezen import LijstOnleesbaar, lees_bron, lees_koppeling, ontleed
from stelselbeheer.lijsten.models import Lijst, MislukteBouw, Publicatievoorstel, Trigger
from stelselbeheer.lijsten.regels import waarom
from stelselbeheer.lijsten.services import (
    PublicatieMislukt,
    alle_lijsten_publiceren,
    lijst_publiceren,
    lijst_terugdraaien,
)


class Command(BaseCommand):
    help = ("Lijsten: 'publiceer [--lijst L] [--schema] [--alleen-bij-wijziging]', "
            "'terugdraaien <lijst> <volgnummer> --reden R', 'waarom <lijst> <sleutel> [--op JJJJ-MM-DDTUU:MM]' of "
            "'bestanden-schrijven' of 'importeer <ZAL> [<OCL> <GNL> <whitelist> <ZAKL>] [--proef]'.")

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
        m = sub.add_parser("sleutel-maken", help="maak een zelfondertekende sleutel (ontwikkeling en demo)")
        m.add_argument("--als-die-ontbreekt", action="store_true", help="niets doen als er al een sleutel is")
        v = sub.add_parser("verifieer", help="controleer document, handtekening en certificaat")
        v.add_argument("bron", help="URL of bestand van de lijst; de handtekening staat ernaast als <bron>.sig")
        v.add_argument("--certificaat", action="append", default=[],
                       help="PEM-certificaat om te vertrouwen (standaard: het ingestelde en het aangekondigde)")
        sub.add_parser("bestanden-schrijven", help="schrijf alle lijstbestanden voor nginx opnieuw uit de database "
                       "(herstel, nieuwe webserver; STELSEL_LIJST_BESTANDEN)")
        i = sub.add_parser("importeer", help="importeer de lijsten van een bestaande stelselnode in het register "
                           "(alles of niets; zie docs/import.md)")
        i.add_argument("bronnen", nargs="+", metavar="lijst",
                       help="bestand, file://- of http(s)-URL van een ZAL (release 2 of 3), OCL, GNL, whitelist of "
                            "ZAKL; de soort volgt uit de namespace")
        i.add_argument("--proef", action="store_true", help="toon per entry wat er zou veranderen en elk conflict; "
                       "schrijf niets")
        i.add_argument("--bijwerken", action="store_true", help="werk entries bij die al in het register staan en "
                       "afwijken (anders: conflict)")
        i.add_argument("--dva", default="", metavar="KVK", help="KvK-nummer van de DVA voor nieuwe aanbieders die "
                       "het koppelbestand noch de hostnamen aan een DVA koppelen")
        i.add_argument("--dvp", default="", metavar="KVK", help="KvK-nummer van de DVP voor nieuwe OAuth-clients")
        i.add_argument("--koppeling", default="", metavar="CSV", help="koppelbestand: sleutel (aanbiedernaam of "
                       "hostnaam), deelnemer_kvk, organisatie_kvk, weergavenaam")
        i.add_argument("--reden", default="")
        w = sub.add_parser("waarom", help="waarom staat een entry wel of niet op een lijst")
        w.add_argument("lijst", choices=Lijst.values)
        w.add_argument("sleutel")
        w.add_argument("--op", type=dt.datetime.fromisoformat, default=None)

    def handle(self, *args, opdracht, **o):
        if opdracht == "importeer":
            return self._importeer(o)
        if opdracht == "waarom":
            moment = o["op"] or timezone.now()
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment)
            uitleg = waarom(o["lijst"], o["sleutel"], moment)
            self.stdout.write(uitleg.tekst())
            return
        if opdracht == "bestanden-schrijven":
            if bestanden.map_() is None:
                raise CommandError("STELSEL_LIJST_BESTANDEN is niet gezet: er is geen map voor de lijstbestanden.")
            geschreven = bestanden.alles_schrijven(uit=self.stdout.write)
            self.stdout.write(self.style.SUCCESS(
                f"Lijstbestanden geschreven in {bestanden.map_()}: {sum(geschreven.values())} versies"))
            return
        if opdracht == "sleutel-maken":
            return self._sleutel(o["als_die_ontbreekt"])
        if opdracht == "verifieer":
            return self._verifieer(o["bron"], o["certificaat"])
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
        mislukt = []
        for lijst, s in uitkomst.items():
            if isinstance(s, MislukteBouw):  # the other lists published on their own (LST-APART)
                mislukt.append(lijst)
                self.stderr.write(f"{lijst}: MISLUKT, de vorige versie blijft gepubliceerd: {s.fout[:1000]}")
            elif s is None:
                self.stdout.write(f"{lijst}: ongewijzigd, niet opnieuw gepubliceerd")
            elif isinstance(s, Publicatievoorstel):
                self.stdout.write(self.style.WARNING(
                    f"{lijst}: TEGENGEHOUDEN, {len(s.onverklaard)} van {s.vorige_aantal} entries zouden zonder "
                    f"verklaring verdwijnen; voorstel #{s.pk} wacht op goedkeuring door een tweede medewerker"))
            else:
                self.stdout.write(f"{lijst}: volgnummer {s.volgnummer}, {s.aantal} entries, {s.grootte} bytes, "
                                  f"+{len(s.toegevoegd)} -{len(s.verwijderd)} ~{len(s.gewijzigd)}")
        if mislukt:  # a non-zero exit for cron and systemd, after the lists that did publish
            raise CommandError(f"Publicatie mislukt van: {', '.join(mislukt)} (zie /beheer/lijsten/)")

    def _importeer(self, o):
        """LST-IMPORT-*: every problem ends in a Dutch message and exit code 1, never a traceback."""
        try:
            documenten = [ontleed(lees_bron(bron), bron) for bron in o["bronnen"]]
            koppeling = {}
            if o["koppeling"]:
                try:
                    koppeling = lees_koppeling(lees_bron(o["koppeling"]).decode("utf-8"))
                except UnicodeDecodeError as e:
                    raise LijstOnleesbaar(f"Koppelbestand {o['koppeling']}: geen UTF-8 ({e}).") from e
            for d in documenten:
                self.stdout.write(f"{d.bron}: {d.omschrijving}, volgnummer {d.volgnummer}, {len(d.entries)} entries")
            plan = lijsten_importeren(actor=None, documenten=documenten, dva_kvk=o["dva"], dvp_kvk=o["dvp"],
                                      koppeling=koppeling, bijwerken=o["bijwerken"], proefdraai=o["proef"],
                                      reden=o["reden"])
        except (LijstOnleesbaar, ImportOngeldig) as e:
            raise CommandError(f"{e} Er is niets geïmporteerd.") from e
        except ImportConflict as e:
            for regel in e.plan.regels():
                self.stderr.write(regel)
            raise CommandError(f"{e} {e.plan.samenvatting()}.") from e
        for regel in plan.regels():
            self.stdout.write(regel)
        if plan.geschreven:
            self.stdout.write(self.style.SUCCESS(f"Geïmporteerd: {plan.samenvatting()}. Publiceer daarna met "
                                                 "'stelsel lijsten publiceer'."))
        else:
            self.stdout.write(self.style.WARNING(f"Proef, er is niets geschreven: {plan.samenvatting()}."))

    def _sleutel(self, als_die_ontbreekt: bool):
        from pathlib import Path

        from django.conf import settings

        from stelselbeheer.lijsten.ondertekening import sleutel_maken

        sleutel, cert = Path(settings.LIJST_SLEUTEL), Path(settings.LIJST_CERTIFICAAT)
        if sleutel.exists() and cert.exists():
            if als_die_ontbreekt:
                self.stdout.write(f"Sleutel aanwezig: {cert}")
                return
            raise CommandError(f"Er is al een sleutel ({sleutel}); verwijder die eerst of kies een ander pad.")
        if sleutel.parent != cert.parent:
            raise CommandError("Zet sleutel en certificaat in dezelfde map.")
        nieuwe_sleutel, nieuw_cert = sleutel_maken(sleutel.parent)
        nieuwe_sleutel.rename(sleutel)
        nieuw_cert.rename(cert)
        self.stdout.write(self.style.SUCCESS(f"Zelfondertekende sleutel gemaakt: {cert}"))

    def _verifieer(self, bron: str, certificaten: list[str]):
        from pathlib import Path
        from urllib.request import urlopen

        from stelselbeheer.lijsten.ondertekening import (
            HandtekeningOngeldig,
            SleutelOntbreekt,
            certificaten_info,
            verifieer,
        )

        def lees(pad: str) -> bytes:
            if pad.startswith(("http://", "https://")):
                with urlopen(pad, timeout=30) as antwoord:  # noqa: S310 - a URL the operator gives
                    return antwoord.read()
            return Path(pad).read_bytes()

        try:
            xml, handtekening = lees(bron), lees(bron + ".sig")
        except OSError as e:
            raise CommandError(f"Kan {bron} of {bron}.sig niet lezen: {e}") from e
        vertrouwd = [Path(c).read_bytes() for c in certificaten]
        if not vertrouwd:
            try:
                info = certificaten_info()
            except SleutelOntbreekt as e:
                raise CommandError("Geef --certificaat: er is geen certificaat ingesteld.") from e
            vertrouwd = [info["huidig"].encode()] + ([info["volgend"].encode()] if "volgend" in info else [])
        try:
            c = verifieer(xml, handtekening, vertrouwd)
        except HandtekeningOngeldig as e:
            raise CommandError(f"ONGELDIG: {e}") from e
        self.stdout.write(self.style.SUCCESS(
            f"GELDIG: {c.lijst} volgnummer {c.volgnummer}, SHA-256 {c.sha256}, ondertekend door {c.onderwerp} "
            f"(certificaat geldig tot {c.geldig_tot:%d-%m-%Y}); audittrail-kop bij publicatie {c.audit_kop[:16]}…"))
