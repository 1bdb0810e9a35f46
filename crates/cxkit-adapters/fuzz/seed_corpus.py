#!/usr/bin/env python3
"""Seeds corpus/<target>/ with the bodies of the webhook fixtures, so that the fuzzers start
from well-formed payloads of each platform (cargo fuzz reads corpus/<target>/ by default)."""
import hashlib, json, os, glob

HERE = os.path.dirname(os.path.abspath(__file__))
FIXTURES = os.path.join(HERE, "..", "..", "..", "tests", "fixtures", "webhooks")
TARGETS = {"amazon-connect": ["amazon_connect"], "genesys": ["genesys"], "twilio": ["twilio"],
           "zendesk": ["zendesk"], "salesforce": ["salesforce"], "generic": ["generic"]}
for platform, targets in TARGETS.items():
    for path in glob.glob(os.path.join(FIXTURES, platform, "*.json")):
        with open(path, encoding="utf-8") as fh:
            body = json.load(fh)["request"]["body"].encode()
        for target in targets + ["verify_any"]:
            d = os.path.join(HERE, "corpus", target)
            os.makedirs(d, exist_ok=True)
            with open(os.path.join(d, hashlib.sha1(body).hexdigest()), "wb") as out:
                out.write(body)
d = os.path.join(HERE, "corpus", "timestamps")
os.makedirs(d, exist_ok=True)
for i, s in enumerate(["2026-11-23T10:00:00Z", "2026-11-23T10:00:00.000+0000", "2026-11-23 10:00:00",
                       "1795428000", "1795428000000", "00DKa000009TqWx", "00DKa000009TqWxMAK"]):
    with open(os.path.join(d, f"seed-{i}"), "w") as out:
        out.write(s)
print("seeded", os.path.join(HERE, "corpus"))
