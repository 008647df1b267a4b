"""Which publishers a live run reads: the catalog's, or one listing URL given on the command line."""

from __future__ import annotations

from dataclasses import replace

from pipeline.catalog import Agency, Catalog
from pipeline.fetch.client import host_of
from pipeline.fetch.errors import FetchError


def live_agencies(catalog: Catalog, *, agency: str | None = None, listing_url: str | None = None) -> list[Agency]:
    """The agencies to discover, each with the listing URLs and hosts to use.

    With ``listing_url`` the agency (``agency``, else the catalog agency serving that host) is read
    from that one page and only that page's host may be contacted; its pinned report addresses are
    dropped, since they belong to the catalog's site.
    """
    if agency is not None and agency not in catalog.agencies:
        known = ", ".join(sorted(catalog.agencies))
        raise FetchError(f"unknown agency {agency!r} (the catalog has: {known})")
    if listing_url is None:
        chosen = [catalog.agencies[agency]] if agency else list(catalog.agencies.values())
        return [a for a in chosen if a.listing_urls or a.reports]
    host = host_of(listing_url)
    if not host or not listing_url.startswith(("http://", "https://")):
        raise FetchError(f"not an http(s) address: {listing_url}")
    if agency is None:
        agency = next((a.code for a in catalog.agencies.values() if host in a.hosts), None)
        if agency is None:
            raise FetchError(f"no catalog agency serves {host}; name one with --agency")
    return [replace(catalog.agencies[agency], listing_urls=(listing_url,), hosts=(host,), reports={})]
