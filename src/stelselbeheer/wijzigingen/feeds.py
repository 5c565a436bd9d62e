"""Atom feed of the decisions on public RFCs (the feed is anonymous: only what the public may see)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .models import Status, Wijzigingsvoorstel


class RfcBesluitenFeed(Feed):
    feed_type = Atom1Feed
    title = "Besluiten over wijzigingsverzoeken op de afspraken (RFC's)"
    subtitle = "Aangenomen, afgewezen en doorgezette wijzigingsverzoeken op de openbare ontwikkelagenda's."
    language = "nl"

    def link(self):
        return reverse("rfc-lijst")

    def items(self):
        return (Wijzigingsvoorstel.objects.openbaar()
                .filter(status__in=(Status.AANGENOMEN, Status.AFGEWEZEN, Status.DOORGEZET))
                .select_related("agenda", "besluit").order_by("-beslist_op", "-ingediend_op")[:50])

    def item_title(self, item):
        return f"{item.nummer}: {item.titel} ({item.get_status_display().lower()})"

    def item_description(self, item):
        besluit = f" Besluit {item.besluit.nummer}." if item.besluit_id else ""
        return f"{item.agenda.naam}. {item.voorstel}{besluit}"

    def item_pubdate(self, item):
        return item.beslist_op or item.ingediend_op

    def item_categories(self, item):
        return [item.agenda.naam]
