"""Atom feed of the public decisions (never a confidential one: the feed is anonymous)."""

import datetime as dt

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from stelselbeheer.deelnemers.rules import AMSTERDAM

from .models import Besluit


class BesluitenFeed(Feed):
    feed_type = Atom1Feed
    title = "Besluiten van het bestuur van het afsprakenstelsel"
    subtitle = "Openbare besluiten: toelating, uittreding, opschorting, beëindiging en releases."
    language = "nl"

    def link(self):
        return reverse("besluit-lijst")

    def items(self):
        return Besluit.objects.openbaar().order_by("-vastgelegd_op")[:50]

    def item_title(self, item):
        return f"{item.nummer}: {item.onderwerp}"

    def item_description(self, item):
        return item.tekst

    def item_pubdate(self, item):
        return dt.datetime.combine(item.datum, dt.time(0), tzinfo=AMSTERDAM)

    def item_updateddate(self, item):
        return item.vastgelegd_op

    def item_categories(self, item):
        return [item.get_soort_display()]
