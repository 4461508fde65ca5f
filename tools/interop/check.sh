#!/usr/bin/env bash
# Interoperability check: packets sealed by BKDMS are opened and verified by the independent
# verifier (verify_packet.py, written from docs/FORMAT.md alone), for every suite, and both agree
# on the record. Needs Debian's python3-cryptography (.ci/run installs it).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
py=/usr/bin/python3
verifier="$root/tools/interop/verify_packet.py"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export BKDMS_KEYSTORE_PASSWORD="interop-$RANDOM-$RANDOM"

"$py" "$verifier" --hpke-vectors "$root/bkdms-core/src/test/resources/hpke/rfc9180-test-vectors.json"

for suite in 1 2; do
    d="$work/suite$suite"
    mkdir -p "$d"
    "$root/bkdms" keys generate --role platform --suite "$suite" --keystore "$d/platform.p12" --pem "$d/pem" >/dev/null
    "$root/bkdms" keys generate --role site --suite "$suite" --keystore "$d/site.p12" --pem "$d/pem" >/dev/null
    "$root/bkdms" packet seal --in "$root/bkdms-app/src/main/resources/org/bkdms/app/sample-record.json" \
        --out "$d/packet.der" --site-keystore "$d/site.p12" --platform-key "$d/pem/platform-encryption.pub.pem" 2>/dev/null
    "$root/bkdms" packet open --in "$d/packet.der" --platform-keystore "$d/platform.p12" \
        --site-key "$d/pem/site-signing.pub.pem" >"$d/bkdms.json" 2>/dev/null
    "$py" "$verifier" --packet "$d/packet.der" --platform-key "$d/pem/platform-encryption.key.pem" \
        --site-key "$d/pem/site-signing.pub.pem" >"$d/independent.json"
    "$py" - "$d/bkdms.json" "$d/independent.json" <<'PY'
import json, sys
from datetime import datetime
a, b = (json.load(open(p)) for p in sys.argv[1:3])
def t(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00"))
assert t(a.pop("time")) == t(b.pop("time")), "time differs"
a.pop("length")
assert a == b, f"records differ:\n{a}\n{b}"
PY
    # a flipped byte must fail the independent verifier too
    "$py" -c "import sys; b=bytearray(open(sys.argv[1],'rb').read()); b[100]^=1; open(sys.argv[2],'wb').write(b)" \
        "$d/packet.der" "$d/flipped.der"
    if "$py" "$verifier" --packet "$d/flipped.der" --platform-key "$d/pem/platform-encryption.key.pem" \
        --site-key "$d/pem/site-signing.pub.pem" >/dev/null 2>&1; then
        echo "interop: the independent verifier accepted a flipped byte (suite $suite)" >&2
        exit 1
    fi
    echo "interop: suite $suite packet sealed by BKDMS verified and opened independently; records agree"
done
