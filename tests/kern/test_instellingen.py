"""The secret key: never one from the source; production refuses to serve without one (issue 15, urgent part),
while commands that sign nothing (the migration check, migrate, backup) still run."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from stelselbeheer import settings as bron

# settings and the production check, not the database engine: in the SQLite round only (make test)
pytestmark = pytest.mark.eenmaal

LEES_SLEUTEL = "from django.conf import settings; print(settings.SECRET_KEY)"


def _start(tmp_path, *opdracht, **omgeving):
    env = {k: v for k, v in os.environ.items()
           if k not in {"STELSEL_SECRET_KEY", "STELSEL_ONTWIKKELING", "STELSEL_DEBUG", "DATABASE_URL"}}
    env.update(DJANGO_SETTINGS_MODULE="stelselbeheer.settings", STELSEL_VAR_DIR=str(tmp_path), **omgeving)
    return subprocess.run(list(opdracht) or [sys.executable, "-c", LEES_SLEUTEL], env=env, capture_output=True,
                          text=True, timeout=120)


STELSEL = str(Path(sys.executable).parent / "stelsel")


def test_zonder_sleutel_weigert_productie_te_serveren(tmp_path):
    for opdracht in ([sys.executable, "-c", "import stelselbeheer.wsgi"], [STELSEL, "runserver", "--noreload"]):
        uit = _start(tmp_path, *opdracht)
        assert uit.returncode != 0
        assert "STELSEL_SECRET_KEY is niet gezet" in uit.stderr
    uit = _start(tmp_path)  # anything that would sign with the key is refused by Django itself
    assert uit.returncode != 0 and "SECRET_KEY" in uit.stderr
    assert not (tmp_path / "ontwikkelsleutel").exists()


def test_zonder_sleutel_draait_de_migratiecontrole(tmp_path):
    uit = _start(tmp_path, STELSEL, "makemigrations", "--check", "--dry-run")
    assert uit.returncode == 0, uit.stderr
    assert "No changes detected" in uit.stdout


@pytest.mark.parametrize("sleutel", ["kort", "a" * 60])
def test_te_korte_of_eenvoudige_sleutel_wordt_geweigerd(tmp_path, sleutel):
    uit = _start(tmp_path, STELSEL_SECRET_KEY=sleutel)
    assert uit.returncode != 0
    assert "te kort of te eenvoudig" in uit.stderr
    uit = _start(tmp_path, STELSEL, "check", STELSEL_SECRET_KEY=sleutel)  # the command says so too, in one line
    assert uit.returncode != 0 and uit.stderr.startswith("stelsel: STELSEL_SECRET_KEY is te kort")


def test_gezette_sleutel_wordt_gebruikt(tmp_path):
    sleutel = "k3y-" + "0123456789abcdefghij" * 3
    uit = _start(tmp_path, STELSEL_SECRET_KEY=sleutel)
    assert uit.returncode == 0, uit.stderr
    assert uit.stdout.strip() == sleutel


def test_ontwikkeling_maakt_eenmalig_een_willekeurige_sleutel_per_installatie(tmp_path):
    eerste = _start(tmp_path, STELSEL_ONTWIKKELING="1")
    tweede = _start(tmp_path, STELSEL_ONTWIKKELING="1")
    assert eerste.returncode == 0, eerste.stderr
    assert eerste.stdout.strip() == tweede.stdout.strip()
    assert len(eerste.stdout.strip()) >= 50
    assert (tmp_path / "ontwikkelsleutel").stat().st_mode & 0o777 == 0o600
    andere_installatie = _start(tmp_path / "ander", STELSEL_ONTWIKKELING="1")
    assert andere_installatie.stdout.strip() != eerste.stdout.strip()


def test_geen_sleutel_uit_de_broncode(settings):
    assert settings.SECRET_KEY not in Path(bron.__file__).read_text(encoding="utf-8")
