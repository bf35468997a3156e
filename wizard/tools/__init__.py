"""Developer commands run by the Makefile (catalogs, reference document, screenshots)."""
