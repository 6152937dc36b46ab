"""Schemathesis hooks for scripts/schemathesis.sh: keep generated fetch requests off the network.

Schemathesis generates `{"uri": ...}` bodies for POST /rest/3/artifacts/fetch, and a valid
http(s) URI would make the emulator download from a real host on the internet. Before each
call, any uri that could be http(s) is pointed at a loopback base instead
(SCHEMATHESIS_FETCH_BASE: the script's local file server, whose unknown paths answer 404, or
by default a closed port that an emulator without --allow-private-fetch refuses unconnected).
URIs the script put in its dictionary (files that exist on that server) are left alone, and so
is everything that cannot be http(s) (other schemes, garbage).
"""

import os
from urllib.parse import quote

import schemathesis

FETCH_BASE = os.environ.get("SCHEMATHESIS_FETCH_BASE", "http://127.0.0.1:9/")
KNOWN_URIS = set(filter(None, os.environ.get("SCHEMATHESIS_FETCH_KNOWN", "").split(" ")))


def keep_off_network(uri):
    if not isinstance(uri, str) or uri in KNOWN_URIS or "http" not in uri.lower():
        return uri
    return FETCH_BASE + "generated/" + quote(uri[-60:], safe="")


@schemathesis.hook
def before_call(context, case, kwargs):
    body = case.body
    if isinstance(body, dict) and "uri" in body:
        body["uri"] = keep_off_network(body["uri"])
