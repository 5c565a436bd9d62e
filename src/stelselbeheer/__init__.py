"""Stelselbeheer: beheer van een afsprakenstelsel voor gezondheidsgegevens."""
