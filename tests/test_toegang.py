"""Who may reach which page and API call: every route, every role, the anonymous public included.

The expectations are written out here per route, independently of ``kern.rollen.RECHTEN``, so a change
in that table that opens or closes a route makes this test fail. A route added without a row fails too.
"""

import pytest
from django.core.cache import caches
from django.db import transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from stelselbeheer.knelpunten import bouwblokken
from stelselbeheer.lijsten.services import alle_lijsten_publiceren
from stelselbeheer.register import aanbiedertypen
from stelselbeheer.wijzigingen import agendas
from tests import stappen
from tests.conftest import Maak, bouw_wereld

#: engine-independent (rights, rendering): run once, in the SQLite round of `make test`
pytestmark = pytest.mark.eenmaal

ALLE = {"publiek", "bestuur", "uitvoering", "auditor", "deelnemer", "regio"}
LEZERS = {"bestuur", "uitvoering", "auditor"}
BEHANDELAARS = {"bestuur", "uitvoering", "regio"}  # of meldingen (a regional desk: its own region's)

# url name -> (path, roles that may)
PAGINAS = {
    "home": ("/", ALLE),
    "contact": ("/contact/", ALLE),
    "privacy": ("/privacy/", ALLE),
    "toegankelijkheid": ("/toegankelijkheid/", ALLE),
    "gezond-leeft": ("/gezond/leeft", ALLE),
    "gezond-klaar": ("/gezond/klaar", ALLE),
    "publiek-register": ("/aanbiedersregister/", ALLE),
    "publiek-aanbieder": ("/aanbiedersregister/huisartsdelinde@medmij/", ALLE),
    "gegevensdienst-lijst": ("/gegevensdiensten/", ALLE),
    "organisatie-lijst": ("/beheer/organisaties/", LEZERS),
    "organisatie-nieuw": ("/beheer/organisaties/nieuw/", {"uitvoering"}),
    "organisatie-suggesties": ("/beheer/organisaties/suggesties.json?q=zorg", LEZERS),
    "organisatie-detail": ("/beheer/organisaties/{org}/", LEZERS),
    "organisatie-wijzigen": ("/beheer/organisaties/{org}/wijzigen/", {"uitvoering"}),
    "deelnemer-lijst": ("/beheer/deelnemers/", LEZERS),
    "deelnemer-detail": ("/beheer/deelnemers/{dva}/", LEZERS),
    "deelnemer-wijzigen": ("/beheer/deelnemers/{dva}/wijzigen/", {"uitvoering"}),
    "kwalificatie-nieuw": ("/beheer/deelnemers/{dva}/kwalificaties/nieuw/", {"uitvoering"}),
    "aanbieder-lijst": ("/beheer/aanbieders/", LEZERS),
    "aanbieder-detail": ("/beheer/aanbieders/{aanbieder}/", LEZERS),
    "aanbieder-wijzigen": ("/beheer/aanbieders/{aanbieder}/wijzigen/", {"uitvoering"}),
    "aanbieder-import": ("/beheer/aanbieders/import/", {"uitvoering"}),
    "aanbieder-dienst": ("/beheer/aanbieders/{aanbieder}/gegevensdienst/?gegevensdienst=48", {"uitvoering"}),
    "audit-lijst": ("/beheer/audit/", LEZERS),
    "account-lijst": ("/beheer/accounts/", {"uitvoering"}),
    "account-detail": ("/beheer/accounts/{gebruiker}/", {"uitvoering"}),
    "account-nieuw": ("/beheer/accounts/nieuw/", {"uitvoering"}),
    "account-uitnodigen": ("/beheer/accounts/{gebruiker}/uitnodigen/", {"uitvoering"}),
    "account-actief": ("/beheer/accounts/{gebruiker}/actief/", {"uitvoering"}),
    "wachtwoord-vergeten": ("/account/wachtwoord-vergeten/", ALLE),
    "wachtwoord-vergeten-verstuurd": ("/account/wachtwoord-vergeten/verstuurd/", ALLE),
    "wachtwoord-ingesteld": ("/account/wachtwoord/ingesteld/", ALLE),
    "mijn-overzicht": ("/mijn/", {"deelnemer"}),
    "mijn-aanbieders": ("/mijn/aanbieders/?q=linde", {"deelnemer"}),
    "mijn-verzoeken": ("/mijn/verzoeken/", {"deelnemer"}),
    "lijst-live": ("/lijsten/zal.xml", ALLE),
    "lijst-versie": ("/lijsten/ocl/1.xml", ALLE),
    "lijst-versies": ("/lijsten/gnl/versies.json", ALLE),
    "lijst-wijzigingen": ("/lijsten/zal/wijzigingen.json?sinds=0", ALLE),
    "lijsten-gezondheid": ("/lijsten/gezondheid.json", ALLE),
    "lijsten-certificaten": ("/lijsten/certificaten.json", ALLE),
    "lijst-live-sig": ("/lijsten/zal.xml.sig", ALLE),
    "lijst-versie-sig": ("/lijsten/zal/1.xml.sig", ALLE),
    # lijsten: the framework's file names (formaten)
    "medmij-lijst": ("/MedMij_Zorgaanbiederslijst.xml?api=3", ALLE),
    "lijsten-overzicht": ("/beheer/lijsten/", LEZERS),
    "lijsten-waarom": ("/beheer/lijsten/waarom/?lijst=zal&sleutel=huisartsdelinde@medmij", LEZERS),
    "lijst-geschiedenis": ("/beheer/lijsten/zal/", LEZERS),
    "snapshot-detail": ("/beheer/lijsten/zal/1/", LEZERS),
    "snapshot-verschil": ("/beheer/lijsten/zal/1/toegevoegd/", LEZERS),
    "voorstel-detail": ("/beheer/lijsten/voorstellen/{voorstel}/", LEZERS),
    "regio-overzicht": ("/regio/", {"regio"}),
    "besluit-lijst": ("/besluiten/", ALLE),
    "besluit-feed": ("/besluiten/feed.atom", ALLE),
    "besluit-detail": ("/besluiten/{besluit}/", ALLE),
    "besluit-bijlage": ("/besluiten/{besluit}/bijlagen/{bijlage}/", ALLE),
    "aanmelden": ("/aanmelden/", {"publiek", "uitvoering"}),
    "aanmelding-ontvangen": ("/aanmelden/ontvangen/", {"publiek", "uitvoering"}),
    "publiek-deelnemers": ("/deelnemers/", ALLE),
    "publiek-deelnemer": ("/deelnemers/{dva}/", ALLE),
    "toetreding-workflow": ("/beheer/toetreding/", LEZERS),
    "deelnemer-stap": ("/beheer/deelnemers/{dva}/stap/uittreding_starten/", {"bestuur", "uitvoering"}),
    "verzoek-nieuw": ("/mijn/verzoeken/nieuw/aanbieder_nieuw/", {"deelnemer"}),
    "verzoek-lijst": ("/beheer/verzoeken/", LEZERS),
    "verzoek-detail": ("/beheer/verzoeken/{verzoek}/", LEZERS),
    "constatering-lijst": ("/beheer/naleving/constateringen/", {"bestuur", "uitvoering"}),
    "naleving-werkvoorraad": ("/beheer/naleving/", {"bestuur", "uitvoering"}),
    "zaak-nieuw": ("/beheer/naleving/nieuw/{dva}/", {"bestuur", "uitvoering"}),
    "zaak-detail": ("/beheer/naleving/zaken/{zaak}/", {"bestuur", "uitvoering"}),
    "zaak-stap": ("/beheer/naleving/zaken/{zaak}/stap/toelichting_vragen/", {"bestuur", "uitvoering"}),
    "mijn-zaken": ("/mijn/naleving/", {"deelnemer"}),
    "brief": ("/beheer/naleving/brieven/{brief}.pdf", {"bestuur", "uitvoering"}),
    "mijn-brief": ("/mijn/naleving/brieven/{brief}.pdf", {"deelnemer"}),
    "opschorten": ("/beheer/naleving/opschorten/{dva}/", {"bestuur", "uitvoering"}),
    "opschorting-opheffen": ("/beheer/naleving/opschortingen/{opschorting}/opheffen/", {"bestuur", "uitvoering"}),
    "opschorting-verlengen": ("/beheer/naleving/opschortingen/{opschorting}/verlengen/", {"bestuur", "uitvoering"}),
    "opschorting-geinformeerd": ("/mijn/opschortingen/{opschorting}/geinformeerd/", {"deelnemer"}),
    "mijn-zaak": ("/mijn/naleving/{zaak}/", {"deelnemer"}),
    "melden": ("/melden/", ALLE),
    "melding-formulier": ("/melden/formulier/", ALLE),
    "melding-ontvangen": ("/melden/ontvangen/", ALLE),
    "melding-status": ("/meldingen/status/{meldingcode}/", ALLE),
    # not the auditor: a melding holds the reporter's name, e-mail and text; the trail shows its handling (rollen.md)
    "melding-lijst": ("/beheer/meldingen/", {"bestuur", "uitvoering", "regio"}),
    "melding-detail": ("/beheer/meldingen/{melding}/", {"bestuur", "uitvoering", "regio"}),
    "melding-cijfers": ("/beheer/meldingen/cijfers/", {"bestuur", "uitvoering", "regio"}),
    "beslisboom-beheer": ("/beheer/meldingen/beslisboom/", {"uitvoering"}),
    "mijn-meldingen": ("/mijn/meldingen/", ALLE - {"publiek"}),
    "mijn-melding": ("/mijn/meldingen/{eigenmelding}/", ALLE - {"publiek"}),
    "kennisbank": ("/kennisbank/", ALLE),
    "kennisartikel": ("/kennisbank/{artikel}/", ALLE),
    "kennisartikel-nieuw": ("/beheer/kennisbank/nieuw/", {"uitvoering"}),
    "kennisartikel-bewerken": ("/beheer/kennisbank/{artikel}/", {"uitvoering"}),
    "kwalificatie-bewijs": ("/kwalificaties/{kwalificatie}/bewijs/", LEZERS | {"deelnemer"}),
    # API tokens (API-TOKEN): a participant's and a region's users for their own organisation, staff for any
    "mijn-api-tokens": ("/mijn/api-tokens/", {"deelnemer"}),
    "mijn-api-token-intrekken": ("/mijn/api-tokens/{deelnemertoken}/intrekken/", {"deelnemer"}),
    "regio-api-tokens": ("/regio/api-tokens/", {"regio"}),
    "regio-api-token-intrekken": ("/regio/api-tokens/{regiotoken}/intrekken/", {"regio"}),
    "beheer-api-tokens": ("/beheer/api-tokens/", {"uitvoering"}),
    "beheer-api-token-intrekken": ("/beheer/api-tokens/{deelnemertoken}/intrekken/", {"uitvoering"}),
}
# the account mechanics themselves (tests/kern/test_tweefactor.py; the link with its token: tests/kern/test_accounts.py)
NIET_IN_MATRIX = {"login", "logout", "tweefactor", "wachtwoord-instellen"}

# (method, path) -> roles that may
API = {
    ("get", "/api/gegevensdiensten"): ALLE,
    ("get", "/api/gegevensdiensten/48"): ALLE,
    ("get", "/api/aanbieders"): ALLE,
    ("get", "/api/aanbieders/huisartsdelinde@medmij"): ALLE,
    ("get", "/api/aanbiedersregister"): ALLE,
    ("get", "/api/beheer/aanbieders/huisartsdelinde@medmij"): LEZERS,
    ("post", "/api/beheer/aanbieders"): {"uitvoering"},
    ("get", "/api/beheer/oauthclients"): LEZERS,
    ("get", "/api/organisaties"): LEZERS,
    ("post", "/api/organisaties"): {"uitvoering"},
    ("get", "/api/organisaties/{org}"): LEZERS,
    ("patch", "/api/organisaties/{org}"): {"uitvoering"},
    ("get", "/api/deelnemers"): LEZERS,
    ("get", "/api/deelnemers/{dva}"): LEZERS,
    ("get", "/api/deelnemers/{dva}/kwalificaties"): LEZERS,
    ("post", "/api/deelnemers/{dva}/kwalificaties"): {"uitvoering"},
    ("get", "/api/mijn/deelnemer"): {"deelnemer"},
    ("get", "/api/mijn/kwalificaties"): {"deelnemer"},
    ("get", "/api/audit"): LEZERS,
    ("get", "/api/audit/verificatie"): LEZERS,
    ("get", "/api/besluiten"): ALLE,
    ("get", "/api/besluiten/{besluit}"): ALLE,
    ("post", "/api/besluiten"): set(),  # OVL-STAP: withdrawn, a decision arises from an adopted proposal only
    ("get", "/api/toetreding/overgangen"): LEZERS,
    ("post", "/api/deelnemers/{dva}/overgangen"): LEZERS,  # the step's own right is checked in the service
    ("get", "/api/deelnemers/{dva}/statuswijzigingen"): LEZERS,
    ("post", "/api/aanmeldingen"): {"publiek", "uitvoering"},
    ("get", "/api/openbaar/deelnemers"): ALLE,
    ("get", "/api/mijn/verzoeken"): {"deelnemer"},
    ("post", "/api/mijn/verzoeken"): {"deelnemer"},
    ("get", "/api/verzoeken"): LEZERS,
    ("post", "/api/verzoeken/{verzoek}/beoordeling"): {"uitvoering"},
    ("get", "/api/constateringen"): {"bestuur", "uitvoering"},
    ("get", "/api/zaken"): {"bestuur", "uitvoering"},
    ("get", "/api/zaken/{zaak}"): {"bestuur", "uitvoering"},
    ("post", "/api/zaken/{zaak}/stappen"): {"bestuur", "uitvoering"},
    ("post", "/api/opschortingen"): {"bestuur", "uitvoering"},
    ("get", "/api/opschortingen"): {"bestuur", "uitvoering"},
    ("post", "/api/opschortingen/{opschorting}/verlengen"): {"bestuur", "uitvoering"},
    ("post", "/api/opschortingen/{opschorting}/opheffen"): {"bestuur", "uitvoering"},
    ("get", "/api/mijn/zaken"): {"deelnemer"},
    ("post", "/api/meldingen"): ALLE,
    ("get", "/api/meldingen/status/{meldingcode}"): ALLE,
    ("post", "/api/mijn/zaken/{zaak}/toelichting"): {"deelnemer"},
    ("get", "/api/meldingen"): BEHANDELAARS,
    ("get", "/api/meldingen/cijfers"): BEHANDELAARS,
    ("get", "/api/meldingen/{melding}"): BEHANDELAARS,
    ("post", "/api/meldingen/{melding}/triage"): BEHANDELAARS,
    ("post", "/api/meldingen/{melding}/escalatie"): BEHANDELAARS,
    ("post", "/api/meldingen/{melding}/status"): BEHANDELAARS,
    ("post", "/api/meldingen/{melding}/updates"): BEHANDELAARS,
    ("post", "/api/meldingen/{melding}/incident"): BEHANDELAARS,
    ("post", "/api/meldingen/{melding}/bericht"): BEHANDELAARS,
    ("post", "/api/meldingen/{melding}/evaluatie"): BEHANDELAARS,
    ("post", "/api/meldingen/{melding}/bestuur"): BEHANDELAARS,
    ("post", "/api/meldingen/{melding}/uitspraak"): {"bestuur"},
    ("post", "/api/meldingen/{melding}/partijen"): BEHANDELAARS,
    ("post", "/api/meldingen/{melding}/constatering"): {"bestuur", "uitvoering"},
    ("get", "/api/mijn/meldingen"): ALLE - {"publiek"},
    ("get", "/api/kennisbank"): ALLE,
    ("get", "/api/beslisboom"): ALLE,
    ("post", "/api/beslisboom"): {"uitvoering"},
}

# Overleg en besluitvorming (issue 12). The body in the fixture is public: its schedule is for everyone; agendas,
# documents and proposals for the readers; staff prepare, only the board decides (non-public bodies and the
# separation of duties per role: tests/overleg/test_paginas.py and test_api.py).
PAGINAS |= {
    "overleg-lijst": ("/overleg/", ALLE),
    "orgaan-detail": ("/overleg/{orgaan}/", ALLE),
    "orgaan-ical": ("/overleg/{orgaan}/vergaderingen.ics", ALLE),
    "orgaan-nieuw": ("/overleg/nieuw/", {"uitvoering"}),
    "orgaan-wijzigen": ("/overleg/{orgaan}/wijzigen/", {"uitvoering"}),
    "lid-nieuw": ("/overleg/{orgaan}/leden/nieuw/", {"uitvoering"}),
    "lid-beeindigen": ("/overleg/leden/{lid}/beeindigen/", {"uitvoering"}),
    "vergadering-nieuw": ("/overleg/{orgaan}/vergaderingen/nieuw/", {"uitvoering"}),
    "vergadering-detail": ("/overleg/vergaderingen/{vergadering}/", ALLE),
    "vergadering-wijzigen": ("/overleg/vergaderingen/{vergadering}/wijzigen/", {"uitvoering"}),
    "vergadering-houden": ("/overleg/vergaderingen/{vergadering}/houden/", {"uitvoering"}),
    "vergadering-annuleren": ("/overleg/vergaderingen/{vergadering}/annuleren/", {"uitvoering"}),
    "agendapunt-nieuw": ("/overleg/vergaderingen/{vergadering}/agenda/nieuw/", {"uitvoering"}),
    "agendapunt-wijzigen": ("/overleg/agendapunten/{agendapunt}/wijzigen/", {"uitvoering"}),
    "adviesnota-nieuw": ("/overleg/agendapunten/{agendapunt}/adviesnota/", {"uitvoering"}),
    "document-nieuw": ("/overleg/vergaderingen/{vergadering}/stukken/nieuw/", {"uitvoering"}),
    "document-download": ("/overleg/stukken/{stuk}/", LEZERS),
    "notulen-opstellen": ("/overleg/vergaderingen/{vergadering}/notulen/", {"uitvoering"}),
    "notulen-vaststellen": ("/overleg/vergaderingen/{vergadering}/notulen/vaststellen/", {"bestuur", "uitvoering"}),
    "besluitvoorstel-lijst": ("/overleg/voorstellen/", LEZERS),
    "besluitvoorstel-nieuw": ("/overleg/voorstellen/nieuw/", {"uitvoering"}),
    "besluitvoorstel-detail": ("/overleg/voorstellen/{besluitvoorstel}/", LEZERS),
    "besluitvoorstel-wijzigen": ("/overleg/voorstellen/{besluitvoorstel}/wijzigen/", {"uitvoering"}),
    "besluitvoorstel-voorleggen": ("/overleg/voorstellen/{besluitvoorstel}/voorleggen/", {"uitvoering"}),
    "besluitvoorstel-intrekken": ("/overleg/voorstellen/{besluitvoorstel}/intrekken/", {"uitvoering"}),
    "besluitvoorstel-beslissen": ("/overleg/voorstellen/{besluitvoorstel}/beslissen/", {"bestuur"}),
    # afsprakenset (issue 12): public releases, roadmap and feed for everyone; drafts and the rollout per participant
    # for readers; managing for staff; a participant's own rollout in the portal (tests/afsprakenset)
    "release-lijst": ("/afsprakenset/", ALLE),
    "release-roadmap": ("/afsprakenset/roadmap/", ALLE),
    "release-feed": ("/afsprakenset/feed.atom", ALLE),
    "release-detail": ("/afsprakenset/{release}/", ALLE),
    "releasedocument-download": ("/afsprakenset/{release}/documenten/{releasedocument}/", ALLE),
    "release-nieuw": ("/afsprakenset/nieuw/", {"uitvoering"}),
    "release-wijzigen": ("/afsprakenset/{release}/wijzigen/", {"uitvoering"}),
    "release-overgang": ("/afsprakenset/{release}/stap/intrekken/", {"uitvoering"}),
    "releasedocument-nieuw": ("/afsprakenset/{release}/documenten/nieuw/", {"uitvoering"}),
    "standaard-nieuw": ("/afsprakenset/{release}/standaarden/nieuw/", {"uitvoering"}),
    "changelog-nieuw": ("/afsprakenset/{release}/changelog/nieuw/", {"uitvoering"}),
    "termijn-nieuw": ("/afsprakenset/{release}/termijnen/nieuw/", {"uitvoering"}),
    "uitrol-lijst": ("/afsprakenset/uitrol/", LEZERS),
    "uitrol-bijwerken": ("/afsprakenset/uitrol/{uitrol}/", {"uitvoering"}),
    "overeenkomst-vastleggen": ("/afsprakenset/overeenkomst/{dva}/", {"uitvoering"}),
    "mijn-releases": ("/mijn/releases/", {"deelnemer"}),
    # wijzigingen (issue 12): RFCs on the development agendas; what each role sees of them (RFC-ZICHT) is tested in
    # tests/wijzigingen; {rfc} is a public RFC in consultation that affects the world's DVA
    "rfc-agendas": ("/wijzigingen/", ALLE),
    "rfc-lijst": ("/wijzigingen/rfc/", ALLE),
    "rfc-agenda": ("/wijzigingen/agenda/algemeen/", ALLE),
    "rfc-agenda-wijzigen": ("/wijzigingen/agenda/algemeen/wijzigen/", {"uitvoering"}),
    "rfc-feed": ("/wijzigingen/besluiten.atom", ALLE),
    "rfc-indienen": ("/wijzigingen/indienen/", ALLE - {"auditor"}),
    "rfc-ontvangen": ("/wijzigingen/ontvangen/", ALLE - {"auditor"}),
    "rfc-detail": ("/wijzigingen/rfc/{rfc}/", ALLE),
    "rfc-stap": ("/wijzigingen/rfc/{rfc}/stap/impact/", {"uitvoering"}),
    "rfc-release": ("/wijzigingen/rfc/{rfc}/release/", {"uitvoering"}),
    "mijn-rfcs": ("/mijn/wijzigingsverzoeken-rfc/", {"deelnemer"}),
    "rfc-reageren": ("/mijn/wijzigingsverzoeken-rfc/{rfc}/reageren/", {"deelnemer"}),
    # implementatie (issue 13): public product summaries; the rest for readers of the portfolio; a phase decision by a
    # voting member of the implementation group or recorded by staff (tests/implementatie/test_fasebesluit.py)
    "product-lijst": ("/implementatie/", ALLE),
    "product-nieuw": ("/implementatie/nieuw/", {"uitvoering"}),
    "product-detail": ("/implementatie/producten/{product}/", ALLE),
    "product-wijzigen": ("/implementatie/producten/{product}/wijzigen/", {"uitvoering"}),
    "product-beoordelen": ("/implementatie/producten/{product}/beoordelen/", {"uitvoering"}),
    "product-fasebesluit": ("/implementatie/producten/{product}/fasebesluit/", {"bestuur", "uitvoering", "regio"}),
    "koploper-nieuw": ("/implementatie/producten/{product}/koplopers/nieuw/", {"uitvoering"}),
    "koploper-intrekken": ("/implementatie/koplopers/{koploper}/intrekken/", {"uitvoering"}),
    "taak-nieuw": ("/implementatie/producten/{product}/taken/nieuw/", {"uitvoering"}),
    "product-wsjf": ("/implementatie/producten/{product}/wsjf/", {"uitvoering"}),
    "wsjf-volgorde": ("/implementatie/volgorde/", LEZERS | {"regio"}),
    "wsjf-run": ("/implementatie/volgorde/{run}/", LEZERS | {"regio"}),
    "risico-lijst": ("/implementatie/risicos/", LEZERS | {"regio"}),
    "risico-nieuw": ("/implementatie/risicos/nieuw/", {"uitvoering"}),
    "risico-wijzigen": ("/implementatie/risicos/{risico}/wijzigen/", {"uitvoering"}),
    "implementatie-mijn-taken": ("/implementatie/mijn-taken/", {"deelnemer", "regio"}),
    "implementatie-taken": ("/implementatie/taken/?organisatie={org}", LEZERS | {"regio"}),
}
API |= {
    ("get", "/api/overleg/organen"): ALLE,
    ("post", "/api/overleg/organen"): {"uitvoering"},
    ("get", "/api/overleg/organen/{orgaan}"): ALLE,
    ("post", "/api/overleg/organen/{orgaan}/leden"): {"uitvoering"},
    ("get", "/api/overleg/organen/{orgaan}/vergaderingen"): ALLE,
    ("post", "/api/overleg/organen/{orgaan}/vergaderingen"): {"uitvoering"},
    ("get", "/api/overleg/vergaderingen/{vergadering}"): ALLE,
    ("post", "/api/overleg/vergaderingen/{vergadering}/status"): {"uitvoering"},
    ("post", "/api/overleg/vergaderingen/{vergadering}/agendapunten"): {"uitvoering"},
    ("post", "/api/overleg/vergaderingen/{vergadering}/notulen"): {"uitvoering"},
    ("post", "/api/overleg/vergaderingen/{vergadering}/notulen/vaststelling"): {"bestuur", "uitvoering"},
    ("get", "/api/overleg/voorstellen"): LEZERS,
    ("post", "/api/overleg/voorstellen"): {"uitvoering"},
    ("get", "/api/overleg/voorstellen/{besluitvoorstel}"): LEZERS,
    ("patch", "/api/overleg/voorstellen/{besluitvoorstel}"): {"uitvoering"},
    ("post", "/api/overleg/voorstellen/{besluitvoorstel}/voorleggen"): {"uitvoering"},
    ("post", "/api/overleg/voorstellen/{besluitvoorstel}/intrekken"): {"uitvoering"},
    ("post", "/api/overleg/voorstellen/{besluitvoorstel}/beslissing"): {"bestuur"},
    # afsprakenset (issue 12)
    ("get", "/api/afsprakenset/releases"): ALLE,
    ("post", "/api/afsprakenset/releases"): {"uitvoering"},
    ("get", "/api/afsprakenset/releases/{release}"): ALLE,
    ("get", "/api/afsprakenset/releases/{release}/uitrol"): LEZERS,
    ("post", "/api/afsprakenset/releases/{release}/stappen"): {"uitvoering"},
    ("get", "/api/afsprakenset/mijn/uitrol"): {"deelnemer"},
    ("post", "/api/afsprakenset/releases/{release}/termijnen"): {"uitvoering"},
    ("post", "/api/afsprakenset/uitrol/{uitrol}"): {"uitvoering"},
    # wijzigingen (issue 12)
    ("get", "/api/wijzigingen/agendas"): ALLE,
    ("get", "/api/wijzigingen/rfc"): ALLE,
    ("post", "/api/wijzigingen/rfc"): ALLE - {"auditor"},
    ("get", "/api/wijzigingen/rfc/{rfc}"): ALLE,
    ("post", "/api/wijzigingen/rfc/{rfc}/stap"): {"uitvoering"},
    ("post", "/api/wijzigingen/rfc/{rfc}/reacties"): {"deelnemer"},
    # implementatie (issue 13)
    ("get", "/api/implementatie/producten"): ALLE,
    ("post", "/api/implementatie/producten"): {"uitvoering"},
    ("get", "/api/implementatie/producten/{product}"): ALLE,
    ("patch", "/api/implementatie/producten/{product}"): {"uitvoering"},
    ("get", "/api/implementatie/criteria"): ALLE,
    ("put", "/api/implementatie/producten/{product}/beoordelingen"): {"uitvoering"},
    ("post", "/api/implementatie/producten/{product}/fasebesluiten"): {"bestuur", "uitvoering", "regio"},
    ("post", "/api/implementatie/producten/{product}/koplopers"): {"uitvoering"},
    ("post", "/api/implementatie/koplopers/{koploper}/intrekking"): {"uitvoering"},
    ("post", "/api/implementatie/producten/{product}/taken"): {"uitvoering"},
    ("put", "/api/implementatie/producten/{product}/wsjf"): {"uitvoering"},
    ("get", "/api/implementatie/mijn-taken"): {"deelnemer", "regio"},
    ("get", "/api/implementatie/organisaties/{org}/taken"): LEZERS | {"regio"},
    ("get", "/api/implementatie/volgorde"): LEZERS | {"regio"},
    ("post", "/api/implementatie/volgorde"): {"uitvoering"},
    ("get", "/api/implementatie/risicos"): LEZERS | {"regio"},
    ("post", "/api/implementatie/risicos"): {"uitvoering"},
    ("patch", "/api/implementatie/risicos/{risiconummer}"): {"uitvoering"},
}
# Adoptiemonitor (issue 13). Everyone reads a product's public summary; board, staff and auditor the monitor and its
# downloads; staff type in what the register cannot tell (per-role behaviour: tests/adoptie/test_paginas.py).
PAGINAS |= {
    "adoptie-overzicht": ("/adoptie/", LEZERS),
    "adoptie-overzicht-export": ("/adoptie/export.csv", LEZERS),
    "adoptie-product": ("/adoptie/{product}/", LEZERS),
    "adoptie-product-export": ("/adoptie/{product}/export.xlsx", LEZERS),
    "adoptie-aanbieders": ("/adoptie/{product}/aanbieders/", LEZERS),
    "adoptie-samenvatting": ("/adoptie/{product}/samenvatting/", ALLE),
    "adoptie-handmatig": ("/adoptie/{product}/handmatig/", {"uitvoering"}),
    "knelpunt-lijst": ("/knelpunten/", LEZERS),
    "knelpunt-nieuw": ("/knelpunten/nieuw/", {"uitvoering"}),
    "knelpunt-detail": ("/knelpunten/{knelpunt}/", LEZERS),
    "knelpunt-agenderen": ("/knelpunten/{knelpunt}/agenderen/", {"uitvoering"}),
    "knelpunt-status": ("/knelpunten/{knelpunt}/status/", {"uitvoering"}),
    "knelpunt-rfc": ("/knelpunten/{knelpunt}/rfc/", {"uitvoering"}),
}
API |= {
    ("get", "/api/adoptie/producten"): LEZERS,
    ("get", "/api/adoptie/producten/{product}"): LEZERS,
    ("get", "/api/adoptie/producten/{product}/samenvatting"): ALLE,
    ("get", "/api/knelpunten"): LEZERS,
    ("post", "/api/knelpunten"): {"uitvoering"},
    ("get", "/api/knelpunten/{knelpunt}"): LEZERS,
}
OVERLEG_PARAMETERS = {"{orgaan}": "{code}", "{vergadering}": "{vergadering_id}", "{besluitvoorstel}": "{nummer}",
                      # implementatie
                      "{product}": "{code}", "{koploper}": "{koploper_id}", "{risiconummer}": "{nummer}",
                      "{knelpunt}": "{nummer}"}  # knelpunten

# Regionaal beheer RSO-VSV (issue 14): readers and the regional user (its own RSO only: the fixture's objects are the
# world's RSO's; another RSO's are a 404, tests/regionaal/test_paginas.py); staff and the RSO's own user write.
REGIONAAL_LEZERS = LEZERS | {"regio"}
REGIONAAL_SCHRIJVERS = {"uitvoering", "regio"}
PAGINAS |= {
    "regionaal-index": ("/regionaal/", REGIONAAL_LEZERS),
    "regionaal-dekking": ("/regionaal/dekking/", REGIONAAL_LEZERS),
    "rso-detail": ("/regionaal/rso/{rso}/", REGIONAAL_LEZERS),
    "rso-dienst-nieuw": ("/regionaal/rso/{rso}/diensten/nieuw/", REGIONAAL_SCHRIJVERS),
    "rso-tarief-nieuw": ("/regionaal/diensten/{rsodienst}/tarief/", REGIONAAL_SCHRIJVERS),
    "overeenkomst-nieuw": ("/regionaal/rso/{rso}/overeenkomsten/nieuw/", REGIONAAL_SCHRIJVERS),
    "regionaal-overleg-nieuw": ("/regionaal/rso/{rso}/overleg/nieuw/", REGIONAAL_SCHRIJVERS),
    "regionale-vergadering-nieuw": ("/regionaal/overleg/{regionaaloverleg}/vergaderingen/nieuw/",
                                    REGIONAAL_SCHRIJVERS),
    "overeenkomst-lijst": ("/regionaal/overeenkomsten/", REGIONAAL_LEZERS),
    "overeenkomst-detail": ("/regionaal/overeenkomsten/{overeenkomst}/", REGIONAAL_LEZERS),
    "overeenkomst-pdf": ("/regionaal/overeenkomsten/{overeenkomst}/overeenkomst.pdf", REGIONAAL_LEZERS),
    "overeenkomst-contactpersoon-nieuw": ("/regionaal/overeenkomsten/{overeenkomst}/contactpersonen/nieuw/",
                                          REGIONAAL_SCHRIJVERS),
    "overeenkomst-ondertekenen": ("/regionaal/overeenkomsten/{overeenkomst}/ondertekenen/", REGIONAAL_SCHRIJVERS),
    "overeenkomst-opzeggen": ("/regionaal/overeenkomsten/{overeenkomst}/opzeggen/", REGIONAAL_SCHRIJVERS),
    "overeenkomst-ontbinden": ("/regionaal/overeenkomsten/{overeenkomst}/ontbinden/", REGIONAAL_SCHRIJVERS),
    "overeenkomst-betaling-nieuw": ("/regionaal/overeenkomsten/{overeenkomst}/betalingen/nieuw/",
                                    REGIONAAL_SCHRIJVERS),
    "deelnemersovereenkomst-nieuw": ("/regionaal/overeenkomsten/{overeenkomst}/deelnemers/nieuw/",
                                     REGIONAAL_SCHRIJVERS),
    "checklist-nieuw": ("/regionaal/rso/{rso}/checklists/nieuw/", REGIONAAL_SCHRIJVERS),
    "checklist-detail": ("/regionaal/checklists/{checklist}/", REGIONAAL_LEZERS),
    "checkstap-bijwerken": ("/regionaal/checkstappen/{checkstap}/", REGIONAAL_SCHRIJVERS),
    "rso-contracten": ("/regionaal/rso/{rso}/contracten/", REGIONAAL_LEZERS),
    "contactpunt-nieuw": ("/regionaal/rso/{rso}/contactpunten/nieuw/", REGIONAAL_SCHRIJVERS),
    "leverancierscontract-nieuw": ("/regionaal/rso/{rso}/leverancierscontracten/nieuw/", REGIONAAL_SCHRIJVERS),
    "beveiligingsdocument-nieuw": ("/regionaal/rso/{rso}/beveiligingsdocumenten/nieuw/", REGIONAAL_SCHRIJVERS),
}
API |= {
    ("get", "/api/regionaal/rsos/{rso}/diensten"): REGIONAAL_LEZERS,
    ("get", "/api/regionaal/overeenkomsten"): REGIONAAL_LEZERS,
    ("get", "/api/regionaal/overeenkomsten/{overeenkomst}"): REGIONAAL_LEZERS,
    ("post", "/api/regionaal/overeenkomsten/{overeenkomst}/ondertekening"): REGIONAAL_SCHRIJVERS,
    ("get", "/api/regionaal/dekking"): REGIONAAL_LEZERS,
}
OVERLEG_PARAMETERS |= {"{rso}": "{rso_id}", "{overeenkomst}": "{nummer}"}


def _regionaal_pad(sjabloon, wereld):
    """The world's RSO with a catalogue, a drafted agreement with a VSV of its region and a regional body, for the
    regionaal routes' placeholders."""
    if not any(k in sjabloon for k in ("{rso}", "{rsodienst}", "{overeenkomst}", "{regionaaloverleg}",
                                       "{checklist}", "{checkstap}")):
        return sjabloon
    from stelselbeheer.regionaal.models import Checklist, RegionaalOverleg

    _regionaal(wereld)
    ro = RegionaalOverleg.objects.get()
    rso = wereld["rso"]
    waarden = {"{rso}": rso.pk, "{rsodienst}": rso.rso_diensten.first().pk,
               "{overeenkomst}": rso.overeenkomsten_rso.get().nummer, "{regionaaloverleg}": ro.pk,
               "{checklist}": Checklist.objects.get().pk, "{checkstap}": Checklist.objects.get().stappen.first().pk}
    for sleutel, waarde in waarden.items():
        sjabloon = sjabloon.replace(sleutel, str(waarde))
    return sjabloon


def _regionaal(wereld):
    import datetime as dt
    from decimal import Decimal

    from stelselbeheer.organisaties.models import Organisatie
    from stelselbeheer.organisaties.services import organisatie_aanmaken, relatie_leggen
    from stelselbeheer.regionaal import services as reg
    from stelselbeheer.regionaal.models import Overeenkomst

    if Overeenkomst.objects.exists():
        return
    rso = wereld["rso"]
    optioneel = reg.dienst_vastleggen(actor=None, rso=rso, thema="Helpdesk zorgverleners", omvat="Ondersteuning.",
                                      plaatsing="regionaal", levering="optioneel")
    direct = reg.dienst_vastleggen(actor=None, rso=rso, thema="Telefonische helpdesk", omvat="Voor deelnemers.",
                                   plaatsing="regionaal", levering="rechtstreeks")
    reg.tarief_vaststellen(actor=None, dienst=optioneel, jaar=2026, bedrag=Decimal("4800"))
    vsv = organisatie_aanmaken(actor=None, naam="VSV Twente", soort="vsv", kvk_nummer="19999999", regio=rso.regio)
    lid = Organisatie.objects.get(pk=wereld["aanbieder"].organisatie_id)
    relatie_leggen(actor=None, van=lid, naar=vsv, soort="lid_van")
    ovk = reg.overeenkomst_opstellen(actor=None, rso=rso, vsv=vsv, opzegtermijn_maanden=3,
                                     optionele_diensten=[optioneel])
    reg.contactpersoon_toevoegen(actor=None, overeenkomst=ovk, partij="vsv", organisatie="VSV Twente", naam="A",
                                 functie="Aanspreekpunt", telefoon="053-1111111", email="a@vsv.nl")
    reg.betaling_vastleggen(actor=None, overeenkomst=ovk, dienst=optioneel, ontvangen_op=dt.date(2026, 1, 5),
                            bedrag=Decimal("4800"))
    reg.deelnemersovereenkomst_vastleggen(actor=None, overeenkomst=ovk, deelnemer=lid, dienst=direct,
                                          ingangsdatum=dt.date(2026, 1, 1), verwerker="Helpdeskpartij B.V.",
                                          verwerkersovereenkomst_tot=dt.date(2027, 1, 1))
    reg.regionaal_overleg_instellen(actor=None, rso=rso, niveau="tactisch", code="gebruikersgroep-twente",
                                    naam="Gebruikersgroep Twente")
    reg.checklist_starten(actor=None, soort="stappenplan_vsv", rso=rso, vsv=vsv, gestart_op=dt.date(2026, 1, 5),
                          eigenaar="Aanspreekpunt VSV")
    reg.contactpunt_vastleggen(actor=None, rso=rso, organisatie=vsv, soort="helpdesk", naam="Helpdesk VSV",
                               email="helpdesk@vsv.nl")
    leverancier = organisatie_aanmaken(actor=None, naam="Viewer B.V.", soort="leverancier", kvk_nummer="19999998")
    reg.leverancierscontract_vastleggen(actor=None, rso=rso, leverancier=leverancier, onderwerp="Viewer en ZNO",
                                        ingangsdatum=dt.date(2025, 1, 1), einddatum=dt.date(2027, 12, 31),
                                        opzegtermijn_maanden=6)
    reg.beveiligingsdocument_vastleggen(actor=None, rso=rso, soort="dpia", titel="DPIA viewer",
                                        vastgesteld_op=dt.date(2025, 3, 1), review_voor=dt.date(2026, 3, 1))


def _namen(patronen, prefix=""):
    for p in patronen:
        if isinstance(p, URLResolver):
            if p.namespace in {"admin", "api"}:
                continue
            yield from _namen(p.url_patterns)
        elif isinstance(p, URLPattern) and p.name:
            yield p.name


def test_elke_pagina_staat_in_de_matrix():
    assert set(_namen(get_resolver().url_patterns)) - NIET_IN_MATRIX == set(PAGINAS)


def test_elke_routenaam_is_uniek():
    """Two routes with one name reverse by luck (the first whose parameters fit) and share one row of the matrix,
    so one of them went untested: the lists' held publication and the board's proposal were both voorstel-detail."""
    namen = list(_namen(get_resolver().url_patterns))
    assert sorted({n for n in namen if namen.count(n) > 1}) == []


def test_elke_api_operatie_staat_in_de_matrix(client, db):
    spec = client.get("/api/openapi.json").json()
    operaties = {(m, p) for p, ops in spec["paths"].items() for m in ops}
    gedekt = {(m, p.replace("{org}", "{organisatie_id}").replace("{dva}", "{deelnemer_id}")
               .replace("/48", "/{code}").replace("/huisartsdelinde@medmij", "/{naam}")
               .replace("{besluit}", "{nummer}").replace("{verzoek}", "{verzoek_id}")
               .replace("{zaak}", "{nummer}").replace("{meldingcode}", "{code}")
               .replace("{melding}", "{nummer}").replace("{opschorting}", "{opschorting_id}")) for m, p in API}
    for sjabloon_, param in OVERLEG_PARAMETERS.items():
        gedekt = {(m, p.replace(sjabloon_, param)) for m, p in gedekt}
    assert operaties == gedekt


@pytest.fixture(scope="module")
def _module_wereld(django_db_setup, django_db_blocker, tmp_path_factory, registersleutel):
    """The world of the matrix, made once per module in a transaction rolled back at its end, with its lists
    published (the list routes answer 404/503 before a first publication) and the objects the paths name made; a
    test runs in a savepoint within it (pytest-django's ``db``), so what a test makes or changes goes and the world
    stays. Made per test, world, publication and objects took about three quarters of the matrix's time, and the
    matrix (over 2,000 tests) half of the whole suite's. With the settings tests/conftest.py gives each test."""
    sleutel, certificaat = (str(p) for p in registersleutel)
    media = tmp_path_factory.mktemp("bestanden")
    with django_db_blocker.unblock(), override_settings(
            PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"], TWEEFACTOR_ROLLEN=set(),
            MEDIA_ROOT=media, LIJST_BESTANDEN=None, LIJST_SLEUTEL=sleutel, LIJST_CERTIFICAAT=certificaat):
        with transaction.atomic():
            caches["limieten"].clear()
            bouwblokken.zorgen()  # a transactional test's flush in this process may have emptied them
            agendas.zorgen()
            aanbiedertypen.zorgen()
            wereld = bouw_wereld(Maak())
            alle_lijsten_publiceren(actor=None)
            for sjabloon in sorted({p for p, _ in PAGINAS.values()} | {p for _, p in API}):
                _pad(sjabloon.replace("{eigenmelding}", ""), wereld)
            for rol in sorted(ALLE):
                _eigen_melding(wereld, rol)
            for label in sorted(ADMIN):
                _admin_object(label, wereld)
            alle_lijsten_publiceren(actor=None)  # the lists as the register now is (gezondheid.json checks that)
            yield wereld, media
            transaction.set_rollback(True)


@pytest.fixture
def wereld(_module_wereld, db):
    """The module's world, read afresh for each test: what a test changes in an instance stays in that test."""
    basis, _ = _module_wereld
    vers = {k: type(v).objects.get(pk=v.pk) for k, v in basis.items() if k != "gebruikers"}
    vers["gebruikers"] = {rol: type(g).objects.get(pk=g.pk) for rol, g in basis["gebruikers"].items()}
    return vers


@pytest.fixture
def _bestanden(settings, _module_wereld):
    """As tests/conftest.py's, with the module's folder: the files of the world's objects are there."""
    settings.MEDIA_ROOT = _module_wereld[1]
    settings.LIJST_BESTANDEN = None


def _kwalificatie_met_bewijs(wereld):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from stelselbeheer.deelnemers.models import Kwalificatie
    from stelselbeheer.deelnemers.services import kwalificatie_vastleggen

    return Kwalificatie.objects.exclude(bewijs="").first() or kwalificatie_vastleggen(
        actor=None, deelnemer=wereld["dva"], rol="dva", gegevensdienst=wereld["dienst"], testdatum=wereld[
            "dva"].status_sinds, resultaat="geslaagd", bewijs=SimpleUploadedFile("rapport.pdf", b"%PDF"))


def _zaak(wereld):
    from stelselbeheer.naleving.models import Nalevingszaak
    from stelselbeheer.naleving.services import zaak_openen

    return Nalevingszaak.objects.first() or zaak_openen(actor=None, deelnemer=wereld["dva"], verplichting="NAL-365",
                                                        omstandigheden="Testresultaat verlopen.")


def _opschorting(wereld):
    from stelselbeheer.naleving.models import Opschorting

    if not Opschorting.objects.exists():  # the row only: its effects are tested in tests/naleving
        from stelselbeheer.besluiten.models import Besluit

        b = Besluit.objects.create(nummer="B-2026-9999", datum=wereld["dva"].status_sinds, soort="opschorting",
                                   onderwerp="Opschorting", tekst="x", deelnemer=wereld["dva"])
        return Opschorting.objects.create(deelnemer=wereld["dva"], niveau=2, besluit=b,
                                          ingegaan_op=wereld["dva"].status_sinds)
    return Opschorting.objects.get()


def _brief(wereld):
    from stelselbeheer.naleving.brieven import brief_maken
    from stelselbeheer.naleving.models import Brief

    return Brief.objects.first() or brief_maken(_zaak(wereld), "toelichting_vragen", wereld["dva"].status_sinds)


_MELDING = {}


def _melding(wereld):
    """A regional melding in the world's region (other regions' desks get 404: tested in tests/meldingen)."""
    from stelselbeheer.meldingen.models import Melding
    from stelselbeheer.meldingen.services import melding_indienen

    if not Melding.objects.filter(pk=_MELDING.get("pk")).exists():
        melding, code = melding_indienen(actor=None, soort="vraag", onderwerp="Vraag", omschrijving="x",
                                         melder_naam="A", melder_email="a@x.nl", uitkomst="rso",
                                         regio=wereld["rso"].regio)
        _MELDING.update(pk=melding.pk, code=code, melding=melding)
    return _MELDING["melding"], _MELDING["code"]


def _artikel():
    from stelselbeheer.meldingen.models import Kennisartikel
    from stelselbeheer.meldingen.services import artikel_vastleggen

    return Kennisartikel.objects.filter(doelgroep="openbaar").first() or artikel_vastleggen(
        actor=None, titel="Viewer toont niets", tekst="Ververs de pagina.", doelgroep="openbaar")


def _eigen_melding(wereld, rol):
    """A melding filed by this role's user (the page of someone else's melding is a 404: tests/meldingen)."""
    from stelselbeheer.meldingen.services import melding_indienen

    gebruiker = wereld["gebruikers"].get(rol)
    return melding_indienen(actor=gebruiker, soort="vraag", onderwerp="Eigen vraag", omschrijving="x",
                            melder_naam="A", melder_email="a@x.nl", uitkomst="landelijk")[0].nummer


def _overleg_pad(sjabloon, wereld):
    """The public board of the fixture with a meeting, an agenda item, a document, draft minutes, a member and a
    public proposal on the agenda, for the overleg routes' placeholders."""
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from stelselbeheer.overleg import services as ovl
    from stelselbeheer.overleg.models import Orgaan

    if "{" not in sjabloon or not any(k in sjabloon for k in ("{orgaan}", "{vergadering}", "{agendapunt}", "{stuk}",
                                                               "{lid}", "{besluitvoorstel}")):
        return sjabloon
    orgaan = Orgaan.objects.filter(code="bestuur").first()
    if orgaan is None:
        orgaan = ovl.orgaan_aanmaken(actor=None, code="bestuur", naam="Bestuur", soort="bestuur", openbaar=True)
        ovl.lid_toevoegen(actor=None, orgaan=orgaan, rol="voorzitter", gebruiker=wereld["gebruikers"]["bestuur"],
                          van=dt.date(2026, 1, 1))
        begin = timezone.now() + dt.timedelta(days=14)
        vergadering = ovl.vergadering_plannen(actor=None, orgaan=orgaan, begin=begin, plaats="Utrecht",
                                              einde=begin + dt.timedelta(hours=2))
        punt = ovl.agendapunt_toevoegen(actor=None, vergadering=vergadering, titel="Toelating",
                                        onderwerp=wereld["dva"])
        ovl.document_toevoegen(actor=None, vergadering=vergadering, agendapunt=punt,
                               bestand=SimpleUploadedFile("advies.pdf", b"%PDF-1.4 advies"))
        ovl.notulen_opstellen(actor=None, vergadering=vergadering, tekst="Concept.")
        ovl.besluitvoorstel_opstellen(actor=None, orgaan=orgaan, onderwerp="Toelating", tekst="Toegelaten.",
                                      soort="toelating", deelnemer=wereld["dva"], agendapunt=punt)
    vergadering = orgaan.vergaderingen.get()
    punt = vergadering.agendapunten.get()
    waarden = {"{orgaan}": orgaan.code, "{vergadering}": vergadering.pk, "{agendapunt}": punt.pk,
               "{stuk}": vergadering.documenten.get().pk, "{lid}": orgaan.leden.get().pk,
               "{besluitvoorstel}": orgaan.besluitvoorstellen.get().nummer}
    for sleutel, waarde in waarden.items():
        sjabloon = sjabloon.replace(sleutel, str(waarde))
    return sjabloon


def _afsprakenset_pad(sjabloon, wereld):
    """A public release in force with a document and one participant's rollout, for the afsprakenset routes'
    placeholders (built directly: the approval flow itself is tested in tests/afsprakenset)."""
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile

    from stelselbeheer.afsprakenset import services as afs
    from stelselbeheer.afsprakenset.models import Release, Uitrol

    if not any(k in sjabloon for k in ("{release}", "{uitrol}", "{releasedocument}")):
        return sjabloon
    release = Release.objects.filter(nummer="3.0").first()
    if release is None:
        release = afs.release_aanmaken(actor=None, nummer="3.0", titel="Afsprakenset 3.0",
                                       ingangsdatum=dt.date(2026, 1, 1), overgangsdatum=dt.date(2026, 6, 30))
        afs.document_toevoegen(actor=None, release=release, bestand=SimpleUploadedFile("afspraken.pdf", b"%PDF-1.4"))
        besluit = stappen.besluit(None, "release", datum=dt.date(2025, 12, 1), onderwerp="Release 3.0",
                                  tekst="Goedgekeurd.")
        Release.objects.filter(pk=release.pk).update(status="in_werking", besluit=besluit)
        Uitrol.objects.create(release=release, deelnemer=wereld["dva"], rol="dva", uiterlijk=dt.date(2026, 3, 1),
                              status_sinds=dt.date(2026, 1, 1))
    waarden = {"{release}": release.nummer, "{uitrol}": release.uitrollen.get().pk,
               "{releasedocument}": release.documenten.get().pk}
    for sleutel, waarde in waarden.items():
        sjabloon = sjabloon.replace(sleutel, str(waarde))
    return sjabloon


def _implementatie_pad(sjabloon, wereld):
    """A product in intake with a frontrunner, a recorded WSJF ordering and a risk, for the implementatie routes."""
    if not any(k in sjabloon for k in ("{product}", "{run}", "{risico}", "{koploper}", "{risiconummer}")):
        return sjabloon
    objecten = _implementatie(wereld)
    waarden = {"{product}": objecten["product"].code, "{run}": objecten["run"].pk, "{risico}": objecten["risico"].pk,
               "{risiconummer}": objecten["risico"].nummer, "{koploper}": objecten["koploper"].pk}
    for sleutel, waarde in waarden.items():
        sjabloon = sjabloon.replace(sleutel, str(waarde))
    return sjabloon


def _wijzigingen_pad(sjabloon, wereld):
    """A public RFC on the general agenda, in consultation, affecting the world's DVA (its aanbieder offers the
    gegevensdienst), for the wijzigingen routes' {rfc}."""
    from stelselbeheer.wijzigingen import services as wijz
    from stelselbeheer.wijzigingen.models import Ontwikkelagenda, Wijzigingsvoorstel

    if "{rfc}" not in sjabloon:
        return sjabloon
    rfc = Wijzigingsvoorstel.objects.first()
    if rfc is None:
        from stelselbeheer.wijzigingen.agendas import zorgen

        zorgen()  # a transactional test before this one flushed the migration's agendas
        rfc = wijz.rfc_indienen(actor=None, agenda=Ontwikkelagenda.objects.get(code="algemeen"), titel="Meer velden",
                                probleem="Te weinig.", voorstel="Meer.", indiener_naam="An",
                                indiener_email="an@x.nl", gegevensdiensten=[wereld["dienst"]])
        wijz.stap_zetten(actor=None, voorstel=rfc, stap="in_behandeling_nemen")
        wijz.stap_zetten(actor=None, voorstel=rfc, stap="consultatie_openen")
    return sjabloon.replace("{rfc}", rfc.nummer)


def _implementatie(wereld):
    import datetime as dt

    from stelselbeheer.implementatie import services as imp
    from stelselbeheer.implementatie.models import Koploper, Product, Risico, Volgorderun

    if not Product.objects.filter(code="eoverdracht").exists():
        product = imp.product_aanmaken(actor=None, code="eoverdracht", naam="eOverdracht", eigenaar="Programma",
                                       gegevensdiensten=[wereld["dienst"]])
        imp.koploper_selecteren(actor=None, product=product, organisatie=wereld["aanbieder"].organisatie)
        imp.taak_toevoegen(actor=None, product=product, fase="intake", partij="programma", omschrijving="Intake.")
        imp.wsjf_invoer_vastleggen(actor=None, product=product, gebruikerswaarde=8, tijdkritiek=5, risicoreductie=3,
                                   omvang=5)
        imp.criteria_beoordelen(actor=None, product=product, oordelen={"beheer": {
            "oordeel": "deels", "bevindingen": "Globaal.", "openstaande_punten": "Testfaciliteiten."}})
        imp.risico_vastleggen(actor=None, titel="Financiering", kans="H", impact="H",
                              eigenaar=wereld["gebruikers"]["uitvoering"], herzien_op=dt.date(2026, 1, 1))
    return {"product": Product.objects.get(code="eoverdracht"), "run": Volgorderun.objects.first(),
            "risico": Risico.objects.first(), "koploper": Koploper.objects.first()}


def _adoptie_pad(sjabloon, wereld):
    """A product of the portfolio with a snapshot of its adoption, and a knelpunt, for the adoptie and knelpunten
    routes' placeholders."""
    if "{product}" in sjabloon:
        sjabloon = sjabloon.replace("{product}", _adoptie(wereld).code)
    if "{knelpunt}" in sjabloon:
        sjabloon = sjabloon.replace("{knelpunt}", _knelpunt(wereld).nummer)
    return sjabloon


def _knelpunt(wereld):
    from stelselbeheer.knelpunten import bouwblokken
    from stelselbeheer.knelpunten.models import Bouwblok, Knelpunt
    from stelselbeheer.knelpunten.services import knelpunt_vastleggen

    bouwblokken.zorgen()  # a transactional test before this one flushed the migration's rows
    return Knelpunt.objects.first() or knelpunt_vastleggen(
        actor=None, titel="Inloggen duurt te lang", omschrijving="Elke 15 minuten opnieuw inloggen.",
        bouwblok=Bouwblok.objects.get(nummer=1), binnen_invloed=True, eigenaar=wereld["dva"].organisatie,
        uitkomstsoort="procedure")


def _adoptie(wereld):
    from stelselbeheer.adoptie.models import HandmatigeStatus
    from stelselbeheer.adoptie.services import momentopname_maken
    from stelselbeheer.implementatie.models import Product

    product = Product.objects.filter(code="medicatie").first()
    if product is None:
        product = Product.objects.create(code="medicatie", naam="Medicatieoverdracht", eigenaar="Programma",
                                         sectoren=["overig"])
        product.gegevensdiensten.set([wereld["dienst"]])
        momentopname_maken()
        HandmatigeStatus.objects.create(product=product, organisatie=wereld["rso"], live=True, bron="test")
    return product


def _pad(sjabloon, wereld, rol=None):
    sjabloon = _overleg_pad(sjabloon, wereld)
    if "adoptie/" in sjabloon:  # the monitor's {product}: a product with adoption figures and a snapshot
        sjabloon = _adoptie_pad(sjabloon, wereld)
    sjabloon = _wijzigingen_pad(_afsprakenset_pad(sjabloon, wereld), wereld)
    sjabloon = _adoptie_pad(_implementatie_pad(sjabloon, wereld), wereld)
    sjabloon = _regionaal_pad(sjabloon, wereld)
    from django.core.files.uploadedfile import SimpleUploadedFile

    from stelselbeheer.besluiten.models import Besluit
    from stelselbeheer.lijsten.models import Publicatievoorstel
    from stelselbeheer.register.models import Wijzigingsverzoek

    voorstel = Publicatievoorstel.objects.get_or_create(lijst="zal", trigger="schema", vorige_aantal=1)[0]
    besluit = Besluit.objects.filter(openbaar=True, bijlagen__isnull=False).first() or stappen.besluit(
        wereld["dva"], "toelating", datum=wereld["dva"].status_sinds,
        bijlagen=[SimpleUploadedFile("besluit.pdf", b"%PDF-1.4 besluit")])
    verzoek = Wijzigingsverzoek.objects.get_or_create(deelnemer=wereld["dva"], soort="oauthclient_nieuw",
                                                      gegevens={"hostname": "app.nieuw.nl"})[0]
    return sjabloon.format(org=wereld["dva"].organisatie.pk, dva=wereld["dva"].pk, aanbieder=wereld["aanbieder"].pk,
                           voorstel=voorstel.pk, besluit=besluit.nummer, bijlage=besluit.bijlagen.first().pk,
                           verzoek=verzoek.pk, kwalificatie=_kwalificatie_met_bewijs(wereld).pk,
                           zaak=_zaak(wereld).nummer, opschorting=_opschorting(wereld).pk, brief=_brief(wereld).pk,
                           melding=_melding(wereld)[0].nummer, meldingcode=_melding(wereld)[1],
                           artikel=_artikel().pk, gebruiker=wereld["gebruikers"]["bestuur"].pk,
                           eigenmelding=_eigen_melding(wereld, rol) if "{eigenmelding}" in sjabloon else "",
                           deelnemertoken=_api_token(wereld, "deelnemer").pk, regiotoken=_api_token(wereld, "regio").pk)


def _api_token(wereld, rol):
    from stelselbeheer.kern.models import ApiToken
    from stelselbeheer.kern.services import api_token_aanmaken
    from stelselbeheer.kern.tokens import toegestane_acties

    gebruiker = wereld["gebruikers"][rol]
    return ApiToken.objects.filter(eigenaar=gebruiker).first() or api_token_aanmaken(
        actor=None, eigenaar=gebruiker, naam=f"Koppeling {rol}", acties=toegestane_acties(gebruiker))[0]


def _inloggen(client, wereld, rol):
    if rol != "publiek":
        client.force_login(wereld["gebruikers"][rol])


@pytest.mark.parametrize("rol", sorted(ALLE))
@pytest.mark.parametrize("naam", sorted(PAGINAS))
def test_pagina_toegang(client, wereld, rol, naam):
    sjabloon, mogen = PAGINAS[naam]
    _inloggen(client, wereld, rol)
    r = client.get(_pad(sjabloon, wereld, rol))
    if rol in mogen:
        assert r.status_code == 200
    elif rol == "publiek":
        assert r.status_code == 302 and r["Location"].startswith("/inloggen/")
    else:
        assert r.status_code == 403
        assert "Geen toegang" in r.content.decode()


@pytest.mark.parametrize("rol", sorted(ALLE))
@pytest.mark.parametrize("methode,sjabloon", sorted(API))
def test_api_toegang(client, wereld, rol, methode, sjabloon):
    _inloggen(client, wereld, rol)
    r = getattr(client, methode)(_pad(sjabloon, wereld), data={}, content_type="application/json")
    if rol in API[(methode, sjabloon)]:
        assert r.status_code in {200, 201, 422}  # allowed; an empty body may be invalid input
    else:
        assert r.status_code == (401 if rol == "publiek" else 403)
        assert r["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize("rol", sorted(ALLE - {"publiek"}))
def test_api_toegang_met_token(client, wereld, rol):
    """API-TOKEN-SCOPE: a token with everything its account may do reaches exactly what the session reaches (one
    test per role over every operation; the per-operation failures are listed together)."""
    from stelselbeheer.kern.services import api_token_aanmaken
    from stelselbeheer.kern.tokens import toegestane_acties

    gebruiker = wereld["gebruikers"][rol]
    _, waarde = api_token_aanmaken(actor=None, eigenaar=gebruiker, naam="Alles", acties=toegestane_acties(gebruiker))
    paden = {sleutel: _pad(sleutel[1], wereld) for sleutel in sorted(API)}  # before any call changes the world
    verschillen = []
    for (methode, sjabloon), pad in paden.items():
        r = getattr(client, methode)(pad, data={}, content_type="application/json",
                                     HTTP_AUTHORIZATION=f"Bearer {waarde}")
        verwacht = {200, 201, 422} if rol in API[(methode, sjabloon)] else {403}
        if r.status_code not in verwacht:
            verschillen.append((methode, sjabloon, r.status_code))
    assert verschillen == []


@pytest.mark.parametrize("rol", ["deelnemer", "regio"])
def test_schrijvende_pagina_post_geweigerd(client, wereld, rol):
    _inloggen(client, wereld, rol)
    org = wereld["dva"].organisatie
    r = client.post(f"/beheer/organisaties/{org.pk}/wijzigen/", {"naam": "Overgenomen", "soort": org.soort,
                                                                 "kvk_nummer": org.kvk_nummer, "sector": "ict"})
    assert r.status_code == 403
    org.refresh_from_db()
    assert org.naam != "Overgenomen"


def test_deelnemer_ziet_alleen_eigen_deelnemer(client, wereld):
    client.force_login(wereld["gebruikers"]["deelnemer"])
    pagina = client.get("/mijn/").content.decode()
    assert "Zorg-ICT Noord B.V." in pagina and "Mijn Gezondheid PGO" not in pagina
    assert client.get("/api/mijn/deelnemer").json()["id"] == wereld["dva"].pk
    assert client.get(f"/api/deelnemers/{wereld['dvp'].pk}").status_code == 403
    assert client.get(f"/beheer/deelnemers/{wereld['dvp'].pk}/").status_code == 403


def test_regiogebruiker_ziet_alleen_eigen_regio(client, wereld, maak):
    ander = maak.rso("RSO Zuid-Limburg")
    client.force_login(wereld["gebruikers"]["regio"])
    pagina = client.get("/regio/").content.decode()
    assert "RSO Twente" in pagina and ander.naam not in pagina


def test_openbaar_register_toont_geen_interne_velden(client, wereld):
    data = client.get("/api/aanbieders/huisartsdelinde@medmij").json()
    assert set(data) == {"naam", "weergavenaam", "soort", "aanbiedertype", "plaats", "gegevensdiensten"}
    pagina = client.get("/aanbiedersregister/huisartsdelinde@medmij/").content.decode()
    assert "zorgictnoord.nl" not in pagina and "Zorg-ICT Noord" not in pagina


def test_pagina_is_nederlands_ook_als_de_browser_engels_vraagt(client, db):
    r = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="nl">' in r.content.decode()


@pytest.mark.parametrize("rol", sorted(ALLE))
def test_metrics_alleen_voor_de_monitoring_niet_per_rol(client, wereld, rol, monkeypatch):
    """/metrics (issue 15) is no page of the matrix: the WSGI layer in front of Django answers it by the scraper's
    address or token (tests/kern/test_waarneming.py). A session of any role opens nothing; from elsewhere 403."""
    from wsgiref.util import setup_testing_defaults

    from django.urls import Resolver404, resolve

    from stelselbeheer.wsgi import application

    with pytest.raises(Resolver404):
        resolve("/metrics")
    monkeypatch.setattr("stelselbeheer.kern.waarneming.close_old_connections", lambda: None)  # the test's own
    _inloggen(client, wereld, rol)
    sessie = "; ".join(f"{k}={v.value}" for k, v in client.cookies.items())
    statussen = []
    for adres in ("192.0.2.10", "127.0.0.1"):
        environ = {"PATH_INFO": "/metrics", "REMOTE_ADDR": adres, "HTTP_COOKIE": sessie}
        setup_testing_defaults(environ)
        application(environ, lambda status, koppen, exc_info=None: statussen.append(status[:3]))
    assert statussen == ["403", "200"]


@pytest.mark.parametrize("rol", ["bestuur", "auditor", "deelnemer", "regio"])
def test_alleen_uitvoering_publiceert(client, wereld, rol):
    from stelselbeheer.lijsten.models import Snapshot

    _inloggen(client, wereld, rol)
    aantal = Snapshot.objects.count()
    assert client.post("/beheer/lijsten/").status_code == 403
    assert Snapshot.objects.count() == aantal


# ---- the Django admin (ROL-ADMIN): every registered model, every role, the changelist and one change page ----

STAF = {"bestuur", "uitvoering"}
#: admin model -> roles that read it there. Everyone else: the public and roles without the admin are sent to
#: the login (302); staff and auditors without the model's right get 403.
ADMIN = {
    "kern.gebruiker": LEZERS,
    "kern.auditevent": LEZERS,
    "organisaties.organisatie": LEZERS,
    "organisaties.regio": LEZERS,
    "organisaties.organisatierelatie": LEZERS,
    "deelnemers.deelnemer": LEZERS,
    "deelnemers.kwalificatie": LEZERS,
    "deelnemers.statuswijziging": LEZERS,
    "deelnemers.herinnering": LEZERS,
    "register.gegevensdienst": LEZERS,
    "register.aanbieder": LEZERS,
    "register.aanbiedergegevensdienst": LEZERS,
    "register.oauthclient": LEZERS,
    "register.wijzigingsverzoek": LEZERS,
    "lijsten.snapshot": LEZERS,
    "lijsten.lijstkop": LEZERS,
    "lijsten.misluktebouw": LEZERS,
    "lijsten.publicatievoorstel": LEZERS,
    # lijsten and register: the current formats (formaten)
    "lijsten.formaatversie": LEZERS,
    "register.aanbiedertype": LEZERS,
    "besluiten.besluit": LEZERS,  # confidential ones only for staff and board (BES-VERTROUWELIJK, its own test)
    "naleving.constatering": STAF,
    "naleving.nalevingszaak": STAF,
    "naleving.zaakgebeurtenis": STAF,
    "naleving.opschorting": STAF,
    "naleving.brief": STAF,
    "meldingen.melding": STAF,  # reporter's name, e-mail and text: handlers only (a regional desk has no admin)
    "meldingen.beslisboom": LEZERS,
    "meldingen.kennisartikel": LEZERS,  # the auditor: the public articles only, as on the pages
    "axes.accessattempt": LEZERS,
    "axes.accesslog": LEZERS,
    "axes.accessfailurelog": LEZERS,
    "django_tasks_database.dbtaskresult": {"uitvoering"},
    "overleg.orgaan": LEZERS,
    "overleg.lidmaatschap": LEZERS,
    "overleg.vergadering": LEZERS,
    "overleg.notulen": LEZERS,
    "overleg.document": LEZERS,  # confidential ones not for the auditor (OVL-VERTROUWELIJK, tests/overleg)
    "overleg.adviesnota": LEZERS,
    "overleg.besluitvoorstel": LEZERS,
    # afsprakenset (issue 12)
    "afsprakenset.release": LEZERS,
    "afsprakenset.releasedocument": LEZERS,
    "afsprakenset.standaard": LEZERS,
    "afsprakenset.wijziging": LEZERS,
    "afsprakenset.implementatietermijn": LEZERS,
    "afsprakenset.uitrol": LEZERS,
    "afsprakenset.overeenkomstsignalering": LEZERS,
    "wijzigingen.ontwikkelagenda": LEZERS,  # wijzigingen (issue 12)
    "wijzigingen.wijzigingsvoorstel": LEZERS,
    "wijzigingen.impactanalyse": LEZERS,
    "wijzigingen.reactie": LEZERS,
    # implementatie (issue 13)
    "implementatie.product": LEZERS,
    "implementatie.acceptatiecriterium": LEZERS,
    "implementatie.beoordeling": LEZERS,
    "implementatie.fasebesluit": LEZERS,
    "implementatie.koploper": LEZERS,
    "implementatie.taak": LEZERS,
    "implementatie.wsjfinvoer": LEZERS,
    "implementatie.volgorderun": LEZERS,
    "implementatie.risico": LEZERS,
    # Adoptiemonitor (issue 13)
    "adoptie.drempel": LEZERS,
    "adoptie.momentopname": LEZERS,
    "adoptie.adoptiestand": LEZERS,
    "adoptie.handmatigestatus": LEZERS,
    "knelpunten.bouwblok": LEZERS,
    "knelpunten.knelpunt": LEZERS,
    # regionaal (issue 14): read-only for the roles with the admin; a regional user has no admin
    "regionaal.dienst": LEZERS,
    "regionaal.tarief": LEZERS,
    "regionaal.overeenkomst": LEZERS,
    "regionaal.contactpersoon": LEZERS,
    "regionaal.betaling": LEZERS,
    "regionaal.deelnemersovereenkomst": LEZERS,
    "regionaal.regionaaloverleg": LEZERS,
    "regionaal.checklist": LEZERS,
    "regionaal.checkstap": LEZERS,
    "regionaal.contactpunt": LEZERS,
    "regionaal.leverancierscontract": LEZERS,
    "regionaal.beveiligingsdocument": LEZERS,
}


def _admin_object(label, wereld):
    """One object of each admin model, for its change page."""
    import uuid

    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.apps import apps
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from stelselbeheer.deelnemers.models import Herinnering, Kwalificatie
    from stelselbeheer.lijsten.models import MislukteBouw, Publicatievoorstel
    from stelselbeheer.meldingen.services import actieve_boom
    from stelselbeheer.naleving.models import Constatering
    from stelselbeheer.organisaties.models import OrganisatieRelatie
    from stelselbeheer.register.models import Wijzigingsverzoek

    axes = {"user_agent": "test", "ip_address": "127.0.0.1", "username": "medewerker", "http_accept": "*/*",
            "path_info": "/inloggen/"}
    maken = {
        "kern.gebruiker": lambda: wereld["gebruikers"]["uitvoering"],
        "organisaties.organisatierelatie": lambda: OrganisatieRelatie.objects.create(
            van=wereld["aanbieder"].organisatie, naar=wereld["dva"].organisatie, soort="klant_van"),
        "deelnemers.herinnering": lambda: Herinnering.objects.create(
            kwalificatie=Kwalificatie.objects.first(), dagen_voor=60, ronde=uuid.uuid4()),
        "lijsten.misluktebouw": lambda: MislukteBouw.objects.create(lijst="zal", fout="x",
                                                                                       trigger="schema"),
        "besluiten.besluit": lambda: _besluit_openbaar(wereld),
        "lijsten.publicatievoorstel": lambda: Publicatievoorstel.objects.create(lijst="zal", trigger="schema",
                                                                                vorige_aantal=1),
        "register.wijzigingsverzoek": lambda: Wijzigingsverzoek.objects.create(
            deelnemer=wereld["dva"], soort="oauthclient_nieuw", gegevens={"hostname": "app.nieuw.nl"}),
        "naleving.constatering": lambda: Constatering.objects.create(
            deelnemer=wereld["dva"], bron="handmatig", verplichting="NAL-365", omstandigheden="x",
            datum=wereld["dva"].status_sinds),
        "naleving.nalevingszaak": lambda: _zaak(wereld),
        "naleving.opschorting": lambda: _opschorting(wereld),
        "naleving.brief": lambda: _brief(wereld),
        "meldingen.melding": lambda: _melding(wereld)[0],
        "meldingen.beslisboom": actieve_boom,
        "meldingen.kennisartikel": _artikel,
        "axes.accessattempt": lambda: AccessAttempt.objects.create(**axes, get_data="", post_data="",
                                                                   failures_since_start=1),
        "axes.accesslog": lambda: AccessLog.objects.create(**axes),
        "axes.accessfailurelog": lambda: AccessFailureLog.objects.create(**axes, locked_out=False),
        "django_tasks_database.dbtaskresult": lambda: DBTaskResult.objects.create(
            args_kwargs={"args": [], "kwargs": {}}, task_path="stelselbeheer.naleving.tasks.register_controleren",
            backend_name="default", run_after=timezone.now()),
    }
    if label.startswith("overleg."):
        _overleg(wereld)
    if label.startswith("afsprakenset."):
        _afsprakenset(wereld)
    if label.startswith("wijzigingen."):
        _wijzigingen_pad("{rfc}", wereld)  # an RFC in consultation: its impact analysis, then a reaction
        from stelselbeheer.wijzigingen import services as wijz
        from stelselbeheer.wijzigingen.models import Reactie, Wijzigingsvoorstel

        if not Reactie.objects.exists():
            wijz.reageren(actor=None, voorstel=Wijzigingsvoorstel.objects.get(), deelnemer=wereld["dva"],
                          standpunt="steun")
    if label.startswith("implementatie."):
        _implementatie(wereld)
        if label == "implementatie.fasebesluit":
            _fasebesluit(wereld)
    if label.startswith("adoptie."):
        _adoptie(wereld)
    if label.startswith("knelpunten."):
        _knelpunt(wereld)
    if label.startswith("regionaal."):
        _regionaal(wereld)
    _zaak(wereld)  # a case brings its events
    model = apps.get_model(label)
    return model.objects.first() or maken[label]()


def _overleg(wereld):
    """A board with a held meeting: agenda item, public document and advice note, draft minutes, a proposal."""
    import datetime as dt

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from stelselbeheer.overleg import services as ovl
    from stelselbeheer.overleg.models import Adviesnota, Agendapunt, Orgaan

    if Orgaan.objects.exists():  # the board of the paths (``_overleg_pad``): it lacks only an advice note
        if not Adviesnota.objects.exists():
            ovl.adviesnota_opstellen(actor=None, agendapunt=Agendapunt.objects.first(), titel="Advies",
                                     advies="Vaststellen.", vertrouwelijk=False)
        return
    orgaan = ovl.orgaan_aanmaken(actor=None, code="bestuur", naam="Bestuur", soort="bestuur", openbaar=True)
    ovl.lid_toevoegen(actor=None, orgaan=orgaan, rol="voorzitter", gebruiker=wereld["gebruikers"]["bestuur"],
                      van=timezone.localdate() - dt.timedelta(days=30))
    begin = timezone.now() + dt.timedelta(days=7)
    vergadering = ovl.vergadering_plannen(actor=None, orgaan=orgaan, begin=begin, einde=begin + dt.timedelta(hours=2),
                                         plaats="Utrecht")
    punt = ovl.agendapunt_toevoegen(actor=None, vergadering=vergadering, titel="Jaarplan")
    ovl.document_toevoegen(actor=None, vergadering=vergadering, agendapunt=punt, vertrouwelijk=False,
                           bestand=SimpleUploadedFile("jaarplan.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf"))
    ovl.adviesnota_opstellen(actor=None, agendapunt=punt, titel="Advies", advies="Vaststellen.", vertrouwelijk=False)
    ovl.besluitvoorstel_opstellen(actor=None, orgaan=orgaan, onderwerp="Jaarplan", tekst="Het bestuur stelt het "
                                  "jaarplan vast.", soort="overig", agendapunt=punt)
    ovl.notulen_opstellen(actor=None, vergadering=vergadering, tekst="Concept.", moment=begin + dt.timedelta(hours=3))


def _afsprakenset(wereld):
    """A release in force with every kind of part, one rollout and one reminder (for the admin pages)."""
    import datetime as dt

    from stelselbeheer.afsprakenset import services as afs
    from stelselbeheer.afsprakenset.models import Overeenkomstsignalering, Release

    _afsprakenset_pad("{release}", wereld)
    release = Release.objects.get(nummer="3.0")
    if release.standaarden.exists():
        return
    Release.objects.filter(pk=release.pk).update(status="concept")
    afs.standaard_toevoegen(actor=None, release=release, naam="FHIR", versie="R4", eigenaar="HL7")
    afs.wijziging_toevoegen(actor=None, release=release, titel="Nieuw", omschrijving="x", impact_dvp="laag",
                            impact_dva="geen")
    afs.termijn_vastleggen(actor=None, release=release, rol="dva", uiterlijk=dt.date(2026, 3, 1))
    Release.objects.filter(pk=release.pk).update(status="in_werking")
    Overeenkomstsignalering.objects.create(release=release, deelnemer=wereld["dvp"], herinnerd_op=dt.date(2026, 2, 1))


def _fasebesluit(wereld):
    """The product of ``_implementatie`` moved to the frontrunner phase by the world's regional user, a voting member
    of an implementation group, in a meeting that began an hour ago."""
    import datetime as dt

    from django.utils import timezone

    from stelselbeheer.implementatie import services as imp
    from stelselbeheer.implementatie.models import Fasebesluit
    from stelselbeheer.implementatie.standaard import criteria
    from stelselbeheer.overleg import services as ovl

    if Fasebesluit.objects.exists():
        return
    product = _implementatie(wereld)["product"]
    groep = ovl.orgaan_aanmaken(actor=None, code="implementatiegroep", naam="Implementatiegroep",
                                soort="implementatiegroep")
    ovl.lid_toevoegen(actor=None, orgaan=groep, rol="voorzitter", gebruiker=wereld["gebruikers"]["regio"],
                      van=timezone.localdate() - dt.timedelta(days=30))
    begin = timezone.now() - dt.timedelta(hours=1)
    v = ovl.vergadering_plannen(actor=None, orgaan=groep, begin=begin, einde=begin + dt.timedelta(hours=2),
                                plaats="Utrecht")
    ovl.agendapunt_toevoegen(actor=None, vergadering=v, titel="Fasewijziging", onderwerp=product)
    imp.criteria_beoordelen(actor=None, product=product, oordelen={
        c.code: {"oordeel": "voldaan", "bevindingen": "Voldoet."} for c in criteria()})
    imp.fasebesluit_nemen(actor=wereld["gebruikers"]["regio"], product=product, naar_fase="koplopers", vergadering=v)


def _besluit_openbaar(wereld):
    from stelselbeheer.besluiten.models import Besluit

    return Besluit.objects.filter(openbaar=True).first() or stappen.besluit(wereld["dva"], "toelating",
                                                                            datum=wereld["dva"].status_sinds)


def _geregistreerd():
    from django.contrib import admin

    return {m._meta.label_lower for m in admin.site._registry}


def test_elk_adminmodel_staat_in_de_matrix():
    assert _geregistreerd() == set(ADMIN)


def test_elk_adminmodel_vraagt_een_recht():
    """Every admin class derives from the one base class that reads the rights table (kern/admin.py)."""
    from django.contrib import admin

    from stelselbeheer.kern.admin import AlleenLezenAdmin

    assert [m._meta.label for m, a in admin.site._registry.items() if not isinstance(a, AlleenLezenAdmin)] == []


@pytest.mark.parametrize("label", sorted(ADMIN))
def test_admin_toegang(client, wereld, label):
    """ROL-ADMIN: the admin follows the same rights as pages and API; the issue's case: the auditor read a
    reporter's name, e-mail and text at /django-admin/meldingen/melding/<id>/change/."""
    from django.urls import reverse

    app, model = label.split(".")
    obj = _admin_object(label, wereld)
    paden = [reverse(f"admin:{app}_{model}_changelist"), reverse(f"admin:{app}_{model}_change", args=[obj.pk])]
    verschillen = []
    for rol in sorted(ALLE):
        client.logout()
        _inloggen(client, wereld, rol)
        for pad in paden:
            r = client.get(pad)
            if rol in ADMIN[label]:
                verwacht = 200
            elif rol in {"publiek", "deelnemer", "regio"}:
                verwacht = 302
            else:
                verwacht = 403
            if r.status_code != verwacht or (verwacht == 302 and not r["Location"].startswith("/django-admin/login/")):
                verschillen.append((rol, pad, r.status_code, verwacht))
    assert verschillen == []


@pytest.mark.parametrize("rol", sorted(ALLE))
def test_admin_index(client, wereld, rol):
    _inloggen(client, wereld, rol)
    r = client.get("/django-admin/")
    assert r.status_code == (200 if rol in LEZERS else 302)
    if rol in LEZERS:
        pagina = r.content.decode()
        for model in ("meldingen/melding/", "naleving/nalevingszaak/"):
            assert (f"/django-admin/{model}" in pagina) == (rol in STAF)


def test_de_admin_heeft_geen_eigen_inlog(client, wereld):
    """Not logged in: the project's login (second factor, throttling); logged in without the admin: 403."""
    r = client.get("/django-admin/login/?next=/django-admin/meldingen/melding/")
    assert r.status_code == 302 and r["Location"].startswith("/inloggen/?next=/django-admin/meldingen/melding/")
    _inloggen(client, wereld, "deelnemer")
    r = client.get("/django-admin/login/?next=/django-admin/")
    assert r.status_code == 403 and "Geen toegang" in r.content.decode()


def test_admin_zonder_recht_start_niet():
    from django.contrib.admin import AdminSite
    from django.core.exceptions import ImproperlyConfigured

    from stelselbeheer.kern.admin import AlleenLezenAdmin
    from stelselbeheer.meldingen.models import Melding

    class ZonderRecht(AlleenLezenAdmin):
        pass

    with pytest.raises(ImproperlyConfigured):
        AdminSite().register(Melding, ZonderRecht)


def test_admin_toont_wat_de_paginas_tonen(client, wereld):
    """The auditor reads the public knowledge-base articles in the admin, not those for participants or drafts;
    a handler sees a melding's timeline (the inline follows its model's right)."""
    from stelselbeheer.meldingen.services import artikel_vastleggen

    intern = artikel_vastleggen(actor=None, titel="Alleen voor deelnemers", tekst="x", doelgroep="deelnemers")
    openbaar = _artikel()
    _inloggen(client, wereld, "auditor")
    pagina = client.get("/django-admin/meldingen/kennisartikel/").content.decode()
    assert openbaar.titel in pagina and intern.titel not in pagina
    client.logout()
    _inloggen(client, wereld, "uitvoering")
    assert intern.titel in client.get("/django-admin/meldingen/kennisartikel/").content.decode()
    melding, _ = _melding(wereld)
    pagina = client.get(f"/django-admin/meldingen/melding/{melding.pk}/change/").content.decode()
    assert "a@x.nl" in pagina and "Vraag, regionaal" in pagina
