"""The RFCs on the afsprakenset's roadmap: each visible RFC assigned to a planned release, under that release's
quarter (registered with ``afsprakenset.views.roadmap_bron_registreren`` from ``apps.py``)."""

from .models import Wijzigingsvoorstel


def rfcs_per_kwartaal(kwartalen, user) -> dict[str, list[dict]]:
    uit: dict[str, list[dict]] = {}
    qs = (Wijzigingsvoorstel.objects.zichtbaar_voor(user).filter(release__gepland_kwartaal__in=list(kwartalen))
          .select_related("release").order_by("nummer"))
    for rfc in qs:
        uit.setdefault(rfc.release.gepland_kwartaal, []).append({
            "soort": "Wijzigingsverzoek (RFC)", "url": rfc.get_absolute_url(),
            "label": f"{rfc.nummer}: {rfc.titel} ({rfc.get_status_display().lower()}, release {rfc.release.nummer})"})
    return uit


def rfcs_van_release(release, user) -> dict:
    """The RFCs assigned to ``release`` (RFC-RELEASE) that ``user`` may see (RFC-ZICHT), for the release page."""
    qs = Wijzigingsvoorstel.objects.zichtbaar_voor(user).filter(release=release).order_by("nummer")
    return {"titel": "Wijzigingsverzoeken (RFC's)", "leeg": "Er zijn (nog) geen wijzigingsverzoeken die u kunt zien "
                                                            "toegewezen aan deze release.",
            "items": [{"url": rfc.get_absolute_url(),
                       "label": f"{rfc.nummer}: {rfc.titel} ({rfc.get_status_display().lower()})"} for rfc in qs]}
