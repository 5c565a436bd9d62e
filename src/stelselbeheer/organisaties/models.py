"""One register of every party the source documents name: vendors, care providers, RSO's, VSV's,
sector organisations, national programmes and the beheerorganisatie itself."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse

from stelselbeheer.kern.identificatie import (
    valideer_agb,
    valideer_kvk,
    valideer_oin,
    valideer_ura,
    valideer_xml_tekens,
)


class Regio(models.Model):
    """A region served by one RSO (seed 004), e.g. a VSV area or a ROAZ region."""

    code = models.SlugField("code", max_length=30, unique=True)
    naam = models.CharField("naam", max_length=100, unique=True, validators=[valideer_xml_tekens])

    class Meta:
        verbose_name = "regio"
        verbose_name_plural = "regio's"
        ordering = ["naam"]

    def __str__(self):
        return self.naam


class Soort(models.TextChoices):
    LEVERANCIER = "leverancier", "ICT-leverancier"
    ZORGAANBIEDER = "zorgaanbieder", "Zorgaanbieder"
    AANBIEDER_ZONDER_BEHANDELRELATIE = "aanbieder_zonder_behandelrelatie", "Aanbieder zonder behandelrelatie"
    RSO = "rso", "Regionale samenwerkingsorganisatie (RSO)"
    VSV = "vsv", "Verloskundig samenwerkingsverband (VSV)"
    SECTORORGANISATIE = "sectororganisatie", "Sectororganisatie"
    LANDELIJK_PROGRAMMA = "landelijk_programma", "Landelijk programma"
    BEHEERORGANISATIE = "beheerorganisatie", "Beheerorganisatie"


class Sector(models.TextChoices):
    HUISARTSENZORG = "huisartsenzorg", "Huisartsenzorg"
    ZIEKENHUISZORG = "ziekenhuiszorg", "Ziekenhuiszorg"
    GEBOORTEZORG = "geboortezorg", "Geboortezorg"
    GGZ = "ggz", "Geestelijke gezondheidszorg"
    FARMACIE = "farmacie", "Farmacie"
    LANGDURIGE_ZORG = "langdurige_zorg", "Langdurige zorg"
    PARAMEDISCH = "paramedisch", "Paramedische zorg"
    ICT = "ict", "ICT in de zorg"
    OVERHEID = "overheid", "Overheid en programma's"
    OVERIG = "overig", "Overig"


class Organisatie(models.Model):
    naam = models.CharField("naam", max_length=200, db_index=True, validators=[valideer_xml_tekens])
    soort = models.CharField("soort", max_length=40, choices=Soort.choices, db_index=True)
    kvk_nummer = models.CharField("KvK-nummer", max_length=8, validators=[valideer_kvk], db_index=True)
    ura = models.CharField("URA-nummer", max_length=8, blank=True, validators=[valideer_ura], db_index=True)
    agb_code = models.CharField("AGB-code", max_length=8, blank=True, validators=[valideer_agb], db_index=True)
    oin = models.CharField("OIN", max_length=20, blank=True, validators=[valideer_oin])
    sector = models.CharField("sector", max_length=30, choices=Sector.choices, default=Sector.OVERIG)
    plaats = models.CharField("plaats", max_length=100, blank=True, db_index=True, validators=[valideer_xml_tekens])
    regio = models.ForeignKey(Regio, verbose_name="regio", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="organisaties")
    website = models.URLField("website", blank=True, validators=[valideer_xml_tekens])
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)

    class Meta:
        verbose_name = "organisatie"
        verbose_name_plural = "organisaties"
        ordering = ["naam", "id"]

    def get_absolute_url(self):
        return reverse("organisatie-detail", args=[self.pk])

    def __str__(self):
        return self.naam

    def clean(self):
        super().clean()
        if self.soort == Soort.RSO and not self.regio_id:
            raise ValidationError({"regio": "Een RSO bedient een regio: kies de regio."})


class RelatieSoort(models.TextChoices):
    LID_VAN = "lid_van", "is lid van (VSV)"
    KLANT_VAN = "klant_van", "is klant van (leverancier)"
    BEDIENT = "bedient", "bedient (RSO voor VSV)"


#: which kinds of organisation each relation may connect: (van, naar)
TOEGESTANE_RELATIES = {
    RelatieSoort.LID_VAN: ({Soort.ZORGAANBIEDER, Soort.AANBIEDER_ZONDER_BEHANDELRELATIE}, {Soort.VSV}),
    RelatieSoort.KLANT_VAN: ({Soort.ZORGAANBIEDER, Soort.AANBIEDER_ZONDER_BEHANDELRELATIE, Soort.VSV,
                              Soort.RSO}, {Soort.LEVERANCIER}),
    RelatieSoort.BEDIENT: ({Soort.RSO}, {Soort.VSV}),
}


class OrganisatieRelatie(models.Model):
    """A VSV's member providers, an RSO serving a VSV, a vendor's customers."""

    van = models.ForeignKey(Organisatie, on_delete=models.CASCADE, related_name="relaties_uit",
                            verbose_name="van")
    naar = models.ForeignKey(Organisatie, on_delete=models.CASCADE, related_name="relaties_in",
                             verbose_name="naar")
    soort = models.CharField("soort", max_length=20, choices=RelatieSoort.choices)
    sinds = models.DateField("sinds", null=True, blank=True)

    class Meta:
        verbose_name = "relatie"
        verbose_name_plural = "relaties"
        constraints = [models.UniqueConstraint(fields=["van", "naar", "soort"], name="relatie_uniek")]

    def __str__(self):
        return f"{self.van} {self.get_soort_display()} {self.naar}"

    def clean(self):
        super().clean()
        if self.van_id and self.van_id == self.naar_id:
            raise ValidationError({"naar": "Een organisatie kan geen relatie met zichzelf hebben."})
        toegestaan = TOEGESTANE_RELATIES.get(self.soort)
        if toegestaan and self.van_id and self.naar_id:
            van_soorten, naar_soorten = toegestaan
            if self.van.soort not in van_soorten:
                raise ValidationError({"van": f"Een {self.van.get_soort_display().lower()} kan geen relatie "
                                              f"'{self.get_soort_display()}' aangaan."})
            if self.naar.soort not in naar_soorten:
                raise ValidationError({"naar": f"'{self.get_soort_display()}' verwijst naar een "
                                               f"{' of '.join(sorted(s.label for s in naar_soorten))}."})
