#!/usr/bin/env python3
"""Trims a VCI directory snapshot to what Record Desk needs to verify SMART Health Cards.

Usage: python3 trim_vci.py [SNAPSHOT] [OUTPUT]
  SNAPSHOT  logs/vci_snapshot.json of the-commons-project/vci-directory
            (default: ../../../../shared/corpus/shc/vci_snapshot.json, relative to this script)
  OUTPUT    default: vci_issuers.json beside this script

Keeps, per issuer: iss and name; per key: kty, crv, x, y (and crlVersion when present). The kid
is dropped: it is the key's RFC 7638 thumbprint, which the loader recomputes (a kid that does not
match its key is rejected here, as the loader would). Revocation lists (crls) are kept only when
they list at least one rid. Standard library only.
"""

import base64
import hashlib
import json
import os
import sys


def thumbprint(key):
    canonical = json.dumps(
        {"crv": key["crv"], "kty": key["kty"], "x": key["x"], "y": key["y"]}, separators=(",", ":"), sort_keys=True
    )
    return base64.urlsafe_b64encode(hashlib.sha256(canonical.encode()).digest()).rstrip(b"=").decode()


def usable(key):
    if key.get("kty") != "EC" or key.get("crv") != "P-256" or "d" in key:
        return False
    if key.get("use", "sig") != "sig" or key.get("alg", "ES256") != "ES256":
        return False
    if not isinstance(key.get("x"), str) or not isinstance(key.get("y"), str):
        return False
    return "kid" not in key or key["kid"] == thumbprint(key)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    source = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "../../../../shared/corpus/shc/vci_snapshot.json")
    target = sys.argv[2] if len(sys.argv) > 2 else os.path.join(here, "vci_issuers.json")
    with open(source, encoding="utf-8") as f:
        snapshot = json.load(f)

    issuers, dropped = [], 0
    for info in snapshot["issuerInfo"]:
        issuer = info["issuer"]
        keys = []
        for key in info.get("keys", []):
            if not usable(key):
                dropped += 1
                continue
            trimmed = {"kty": "EC", "crv": "P-256", "x": key["x"], "y": key["y"]}
            if "crlVersion" in key:
                trimmed["crlVersion"] = key["crlVersion"]
            keys.append(trimmed)
        entry = {"issuer": {"iss": issuer["iss"], "name": issuer.get("name", issuer["iss"])}, "keys": keys}
        crls = [c for c in info.get("crls", []) if c.get("rids")]
        if crls:
            entry["crls"] = [{"kid": c["kid"], "method": c["method"], "ctr": c.get("ctr"), "rids": c["rids"]} for c in crls]
        issuers.append(entry)

    out = {"directory": snapshot.get("directory"), "time": snapshot.get("time"), "issuerInfo": issuers}
    text = json.dumps(out, separators=(",", ":"), ensure_ascii=False)
    with open(target, "w", encoding="utf-8") as f:
        f.write(text + "\n")
    keys = sum(len(i["keys"]) for i in issuers)
    print(f"{len(issuers)} issuers, {keys} keys ({dropped} dropped), {len(text.encode())} bytes -> {target}")


if __name__ == "__main__":
    main()
