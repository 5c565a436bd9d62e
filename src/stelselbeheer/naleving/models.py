"""Compliance (Nalevingsbeleid, seed 001). For now the findings (constateringen) that the nightly check of
qualifications records; the case handling in five steps builds on them (issue 5)."""

from django.db import models


class Bron(models.TextChoices):
    KWALIFICATIE_VERLOPEN = "kwalificatie_verlopen", "Kwalificatie verlopen (NAL-365)"
    HANDMATIG = "handmatig", "Vastgelegd door een medewerker"


class Constatering(models.Model):
    """Step 1 of the policy: the finding, which obligation, and the concrete circumstances."""

    deelnemer = models.ForeignKey("deelnemers.Deelnemer", on_delete=models.PROTECT, related_name="constateringen",
                                  verbose_name="deelnemer")
    bron = models.CharField("bron", max_length=30, choices=Bron.choices)
    verplichting = models.CharField("verplichting", max_length=200)
    omstandigheden = models.TextField("omstandigheden")
    datum = models.DateField("datum van constatering")
    kwalificatie = models.ForeignKey("deelnemers.Kwalificatie", null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="constateringen", verbose_name="kwalificatie")
    vastgelegd_op = models.DateTimeField("vastgelegd op", auto_now_add=True)

    class Meta:
        verbose_name = "constatering"
        verbose_name_plural = "constateringen"
        ordering = ["-datum", "-id"]
        constraints = [models.UniqueConstraint(fields=["kwalificatie", "bron"], name="constatering_eenmaal",
                                               condition=models.Q(kwalificatie__isnull=False))]

    def __str__(self):
        return f"{self.deelnemer}: {self.verplichting} ({self.datum})"
