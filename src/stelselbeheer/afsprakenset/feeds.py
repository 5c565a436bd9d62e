"""Atom feed of release decisions: every public release the board approved, with its decision (anonymous, so only
public decisions of public releases)."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from .models import Release


class ReleasebesluitenFeed(Feed):
    feed_type = Atom1Feed
    title = "Releasebesluiten van het afsprakenstelsel"
    subtitle = "Releases van de afsprakenset die het bestuur heeft goedgekeurd."
    language = "nl"

    def link(self):
        return reverse("release-lijst")

    def items(self):
        return (Release.objects.openbaar().filter(besluit__isnull=False, besluit__openbaar=True)
                .select_related("besluit").order_by("-besluit__vastgelegd_op")[:50])

    def item_title(self, item):
        return f"Release {item.nummer} goedgekeurd ({item.besluit.nummer}): {item.titel}"

    def item_description(self, item):
        return f"{item.samenvatting}\n\n{item.besluit.tekst}".strip()

    def item_link(self, item):
        return item.get_absolute_url()

    def item_updateddate(self, item):
        return item.besluit.vastgelegd_op

    def item_pubdate(self, item):
        return item.besluit.vastgelegd_op

    def item_categories(self, item):
        return [item.get_status_display()]
