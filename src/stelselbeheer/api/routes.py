from stelselbeheer.adoptie.api import router as adoptie
from stelselbeheer.afsprakenset.api import router as afsprakenset
from stelselbeheer.api import api
from stelselbeheer.besluiten.api import router as besluiten
from stelselbeheer.deelnemers.api import router as deelnemers
from stelselbeheer.implementatie.api import router as implementatie
from stelselbeheer.kern.api import router as kern
from stelselbeheer.knelpunten.api import router as knelpunten
from stelselbeheer.meldingen.api import router as meldingen
from stelselbeheer.naleving.api import router as naleving
from stelselbeheer.organisaties.api import router as organisaties
from stelselbeheer.overleg.api import router as overleg
from stelselbeheer.regionaal.api import router as regionaal
from stelselbeheer.register.api import router as register
from stelselbeheer.register.machineleesbaar import router as registerdocument
from stelselbeheer.wijzigingen.api import router as wijzigingen

api.add_router("/", register)
api.add_router("/", registerdocument)
api.add_router("/", organisaties)
api.add_router("/", deelnemers)
api.add_router("/", kern)
api.add_router("/", besluiten)
api.add_router("/", naleving)
api.add_router("/", meldingen)
api.add_router("/", overleg)
api.add_router("/", afsprakenset)
api.add_router("/", wijzigingen)
api.add_router("/", implementatie)
api.add_router("/", adoptie)
api.add_router("/", knelpunten)
api.add_router("/", regionaal)
