"""The register's entries, from which the published lists (ZAL, OCL, GNL, whitelist) are built."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinLengthValidator
from django.db import models
from django.urls import reverse

from stelselbeheer.kern.identificatie import (
    valideer_aanbiedernaam,
    valideer_aanbiedertypecode,
    valideer_backchannel_uri,
    valideer_frontchannel_uri,
    valideer_hostnaam,
    valideer_hrn,
    valideer_interfaceversies,
    valideer_maximale_duur,
    valideer_xml_tekens,
)

#: the interface version of an offered gegevensdienst when none is given (and of the rows that existed before
#: versions were recorded): the version of the current framework's example lists
STANDAARD_INTERFACEVERSIE = "1.4.0"
#: the Aanbiedertype of an aanbieder that has none recorded (rule REG-AANBIEDERTYPE)
STANDAARD_AANBIEDERTYPE = "ZA"


def standaard_interfaceversies() -> list[str]:
    return [STANDAARD_INTERFACEVERSIE]


class Aanbiedertype(models.Model):
    """The kind of aanbieder as the ZAL release 3 names it (ZA zorgaanbieder, BAZB, APD): data, so a new type
    the framework adds is a new row, not a code change (rule REG-AANBIEDERTYPE)."""

    code = models.CharField("code", max_length=10, unique=True, validators=[valideer_aanbiedertypecode])
    naam = models.CharField("naam", max_length=100, validators=[MinLengthValidator(2), valideer_xml_tekens])
    in_gebruik = models.BooleanField("in gebruik", default=True)

    class Meta:
        verbose_name = "aanbiedertype"
        verbose_name_plural = "aanbiedertypen"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} ({self.naam})"


class Gegevensdienst(models.Model):
    code = models.CharField("gegevensdienst-id", max_length=30, unique=True,
                            validators=[MinLengthValidator(1), valideer_xml_tekens])
    naam = models.CharField("weergavenaam", max_length=50, validators=[MinLengthValidator(3), valideer_xml_tekens])
    in_gebruik = models.BooleanField("in gebruik", default=True)

    class Meta:
        verbose_name = "gegevensdienst"
        verbose_name_plural = "gegevensdiensten"
        ordering = ["code"]

    def __str__(self):
        return f"{self.code} {self.naam}"


class AanbiederSoort(models.TextChoices):
    ZORGAANBIEDER = "zorgaanbieder", "Zorgaanbieder"
    ZONDER_BEHANDELRELATIE = "zonder_behandelrelatie", "Aanbieder zonder behandelrelatie"


class Aanbieder(models.Model):
    naam = models.CharField("aanbiedernaam", max_length=57, unique=True, validators=[valideer_aanbiedernaam])
    weergavenaam = models.CharField("weergavenaam", max_length=100,
                                    validators=[MinLengthValidator(3), valideer_xml_tekens], db_index=True)
    soort = models.CharField("soort", max_length=30, choices=AanbiederSoort.choices,
                             default=AanbiederSoort.ZORGAANBIEDER)
    aanbiedertype = models.ForeignKey(Aanbiedertype, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="aanbieders", verbose_name="aanbiedertype",
                                      help_text="Zoals de aanbiederslijst (release 3) het vermeldt; leeg: ZA.")
    hrn = models.CharField("HRN", max_length=20, blank=True, validators=[valideer_hrn],
                           help_text="Identificerend kenmerk op de Zorgaanbiederskoppellijst, naast de AGB-code, "
                                     "het URA-nummer, het OIN en het KvK-nummer van de organisatie.")
    organisatie = models.ForeignKey("organisaties.Organisatie", on_delete=models.PROTECT,
                                    related_name="aanbieders", verbose_name="organisatie")
    dva = models.ForeignKey("deelnemers.Deelnemer", on_delete=models.PROTECT, related_name="aanbieders",
                            verbose_name="aansluitende DVA")
    plaats = models.CharField("plaats", max_length=100, blank=True, db_index=True, validators=[valideer_xml_tekens],
                              help_text="Vestigingsplaats zoals getoond in het openbare register.")
    zoektekst = models.CharField("zoektekst", max_length=320, editable=False, db_index=True, default="",
                                 help_text="Weergavenaam, plaats en aanbiedernaam, in kleine letters zonder accenten: "
                                           "één kolom waarop het register zoekt en sorteert (zie register.zoeken).")
    gegevensdiensten = models.ManyToManyField(Gegevensdienst, through="AanbiederGegevensdienst",
                                              related_name="aanbieders")
    aangemaakt_op = models.DateTimeField("aangemaakt op", auto_now_add=True)

    class Meta:
        verbose_name = "aanbieder"
        verbose_name_plural = "aanbieders"
        ordering = ["weergavenaam", "id"]

    def get_absolute_url(self):
        return reverse("aanbieder-detail", args=[self.pk])

    def __str__(self):
        return f"{self.weergavenaam} ({self.naam})"


class AanbiederGegevensdienst(models.Model):
    """The endpoints through which an aanbieder offers one gegevensdienst."""

    aanbieder = models.ForeignKey(Aanbieder, on_delete=models.CASCADE, related_name="diensten",
                                  verbose_name="aanbieder")
    gegevensdienst = models.ForeignKey(Gegevensdienst, on_delete=models.PROTECT, related_name="+",
                                       verbose_name="gegevensdienst")
    authorization_endpoint = models.CharField("authorization endpoint", max_length=500,
                                              validators=[valideer_frontchannel_uri])
    token_endpoint = models.CharField("token endpoint", max_length=500, validators=[valideer_backchannel_uri])
    interfaceversies = models.JSONField("interfaceversies", default=standaard_interfaceversies,
                                        validators=[valideer_interfaceversies],
                                        help_text="De versies van de interface waarmee de aanbieder deze "
                                                  "gegevensdienst aanbiedt, zoals 1.4.0.")
    abonneren_maximale_duur = models.PositiveIntegerField("maximale duur abonnement (dagen)", null=True, blank=True,
                                                          validators=[valideer_maximale_duur])
    abonneren_endpoint = models.CharField("subscription endpoint", max_length=500, blank=True,
                                          validators=[valideer_backchannel_uri])

    class Meta:
        verbose_name = "gegevensdienst van aanbieder"
        verbose_name_plural = "gegevensdiensten van aanbieders"
        ordering = ["gegevensdienst__code"]
        constraints = [models.UniqueConstraint(fields=["aanbieder", "gegevensdienst"],
                                               name="aanbieder_gegevensdienst_uniek")]

    def __str__(self):
        return f"{self.aanbieder.naam} / {self.gegevensdienst.code}"

    def clean(self):
        super().clean()
        fouten = abonneren_fouten(self.abonneren_maximale_duur, self.abonneren_endpoint)
        if fouten:
            raise ValidationError(fouten)


def abonneren_fouten(maximale_duur, endpoint) -> dict[str, str]:
    """REG-ABONNEREN: a subscription has both a maximum duration and an endpoint, or neither."""
    if maximale_duur is None and endpoint:
        return {"abonneren_maximale_duur": "Geef bij een subscription endpoint ook de maximale duur in dagen."}
    if maximale_duur is not None and not endpoint:
        return {"abonneren_endpoint": "Geef bij een maximale duur ook het subscription endpoint."}
    return {}


class Systeemrol(models.Model):
    dienst = models.ForeignKey(AanbiederGegevensdienst, on_delete=models.CASCADE, related_name="systeemrollen",
                               verbose_name="gegevensdienst van aanbieder")
    code = models.CharField("systeemrolcode", max_length=30, validators=[MinLengthValidator(1), valideer_xml_tekens])
    resource_endpoint = models.CharField("resource endpoint", max_length=500,
                                         validators=[valideer_backchannel_uri])

    class Meta:
        verbose_name = "systeemrol"
        verbose_name_plural = "systeemrollen"
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["dienst", "code"], name="systeemrol_uniek")]

    def __str__(self):
        return self.code


class OAuthclient(models.Model):
    hostname = models.CharField("hostnaam", max_length=253, unique=True, validators=[valideer_hostnaam])
    organisatienaam = models.CharField("organisatienaam", max_length=50,
                                       validators=[MinLengthValidator(3), valideer_xml_tekens])
    dvp = models.ForeignKey("deelnemers.Deelnemer", on_delete=models.PROTECT, related_name="oauthclients",
                            verbose_name="DVP-deelnemer")

    class Meta:
        verbose_name = "OAuth-client"
        verbose_name_plural = "OAuth-clients"
        ordering = ["hostname"]

    def __str__(self):
        return self.hostname


class VerzoekSoort(models.TextChoices):
    AANBIEDER_NIEUW = "aanbieder_nieuw", "Nieuwe aanbieder"
    DIENST_INSTELLEN = "dienst_instellen", "Gegevensdienst en endpoints van een aanbieder instellen"
    OAUTHCLIENT_NIEUW = "oauthclient_nieuw", "Nieuwe OAuth-client"


class VerzoekStatus(models.TextChoices):
    INGEDIEND = "ingediend", "Ingediend"
    GOEDGEKEURD = "goedgekeurd", "Goedgekeurd en doorgevoerd"
    AFGEWEZEN = "afgewezen", "Afgewezen"


class Wijzigingsverzoek(models.Model):
    """A participant's request to change its part of the register. Nothing counts until staff approve it:
    only then does the register service run (rule REG-VERZOEK)."""

    deelnemer = models.ForeignKey("deelnemers.Deelnemer", on_delete=models.PROTECT, related_name="verzoeken",
                                  verbose_name="deelnemer")
    soort = models.CharField("soort", max_length=30, choices=VerzoekSoort.choices)
    gegevens = models.JSONField("gegevens")
    toelichting = models.TextField("toelichting", blank=True)
    status = models.CharField("status", max_length=20, choices=VerzoekStatus.choices,
                              default=VerzoekStatus.INGEDIEND, db_index=True)
    ingediend_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="+", verbose_name="ingediend door")
    ingediend_op = models.DateTimeField("ingediend op", auto_now_add=True)
    beoordeeld_door = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+", verbose_name="beoordeeld door")
    beoordeeld_op = models.DateTimeField("beoordeeld op", null=True, blank=True)
    reden = models.TextField("reden van de beoordeling", blank=True)

    class Meta:
        verbose_name = "wijzigingsverzoek"
        verbose_name_plural = "wijzigingsverzoeken"
        ordering = ["-ingediend_op", "-id"]

    def __str__(self):
        return f"Verzoek #{self.pk}: {self.get_soort_display()} ({self.deelnemer})"

    def get_absolute_url(self):
        return reverse("verzoek-detail", args=[self.pk])
