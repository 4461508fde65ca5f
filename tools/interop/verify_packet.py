#!/usr/bin/env python3
"""Independent verifier of BKDMS packets, written from docs/FORMAT.md alone.

It shares no code with BKDMS: DER is parsed here, HPKE base-mode Open (RFC 9180) is composed from
HKDF (Python's hmac/hashlib) and the X25519, P-256 and AES-GCM primitives of pyca/cryptography
(Debian: python3-cryptography), and signatures are checked with the same library. It exists to show
that FORMAT.md is complete and to catch any drift between the document and the Java code.

Usage:
  verify_packet.py --packet P.der --platform-key KEY.key.pem --site-key SITE.pub.pem   # prints JSON
  verify_packet.py --hpke-vectors rfc9180-test-vectors.json                             # self-test
Exit status: 0 verified, 1 a check failed, 2 usage or input error.
"""
import argparse
import hashlib
import hmac
import json
import sys
from datetime import datetime, timezone

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, x25519
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

HPKE_INFO = b"BKDMS unified KPI record v1"
SIGNATURE_CONTEXT = "BKDMS packet digest v1"
SUITES = {  # FORMAT.md section 3
    1: {"kem": 0x0020, "kdf": 0x0001, "aead": 0x0002, "nk": 32, "sig": "ed25519"},
    2: {"kem": 0x0010, "kdf": 0x0001, "aead": 0x0001, "nk": 16, "sig": "ecdsa-p256"},
}
SCHEMES = {1: "UNLOCODE", 2: "CN-GBT2260", 3: "NO-KOMMUNENUMMER", 4: "US-FIPS55"}


class CheckFailed(Exception):
    pass


# ---------------------------------------------------------------- DER (FORMAT.md section 1)
def der_read(buf, pos=0):
    """Returns (tag, content, end) of the element at pos; definite lengths only."""
    tag = buf[pos]
    first = buf[pos + 1]
    p = pos + 2
    if first < 0x80:
        length = first
    else:
        n = first & 0x7F
        if n == 0 or n > 4:
            raise ValueError("unsupported length form")
        length = int.from_bytes(buf[p:p + n], "big")
        p += n
    if p + length > len(buf):
        raise ValueError("length past end")
    return tag, buf[p:p + length], p + length


def der_children(content):
    out, pos = [], 0
    while pos < len(content):
        tag, c, end = der_read(content, pos)
        out.append((tag, c, content[pos:end]))
        pos = end
    return out


def der_encode(tag, content):
    n = len(content)
    if n < 0x80:
        header = bytes([tag, n])
    else:
        b = n.to_bytes((n.bit_length() + 7) // 8, "big")
        header = bytes([tag, 0x80 | len(b)]) + b
    return header + content


def der_int(v):
    return der_encode(0x02, v.to_bytes(max(1, (v.bit_length() + 8) // 8), "big", signed=True))


def to_int(content):
    return int.from_bytes(content, "big", signed=True)


# ---------------------------------------------------------------- HPKE base mode Open (RFC 9180)
def hkdf_extract(salt, ikm):
    return hmac.new(salt, ikm, hashlib.sha256).digest()


def hkdf_expand(prk, info, length):
    out, t, i = b"", b"", 1
    while len(out) < length:
        t = hmac.new(prk, t + info + bytes([i]), hashlib.sha256).digest()
        out += t
        i += 1
    return out[:length]


def labeled_extract(suite_id, salt, label, ikm):
    return hkdf_extract(salt, b"HPKE-v1" + suite_id + label + ikm)


def labeled_expand(suite_id, prk, label, info, length):
    return hkdf_expand(prk, length.to_bytes(2, "big") + b"HPKE-v1" + suite_id + label + info, length)


def kem_decap(kem_id, enc, sk):
    """DHKEM Decap: returns the shared secret."""
    if kem_id == 0x0020:
        dh = sk.exchange(x25519.X25519PublicKey.from_public_bytes(enc))
        pk_rm = sk.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    else:
        pk_e = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), enc)
        dh = sk.exchange(ec.ECDH(), pk_e)
        pk_rm = sk.public_key().public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
    kem_suite = b"KEM" + kem_id.to_bytes(2, "big")
    eae_prk = labeled_extract(kem_suite, b"", b"eae_prk", dh)
    return labeled_expand(kem_suite, eae_prk, b"shared_secret", enc + pk_rm, 32)


def hpke_open(suite, enc, sk, info, aad, ct, seq=0):
    shared = kem_decap(suite["kem"], enc, sk)
    sid = b"HPKE" + suite["kem"].to_bytes(2, "big") + suite["kdf"].to_bytes(2, "big") + suite["aead"].to_bytes(2, "big")
    ctx = b"\x00" + labeled_extract(sid, b"", b"psk_id_hash", b"") + labeled_extract(sid, b"", b"info_hash", info)
    secret = labeled_extract(sid, shared, b"secret", b"")
    key = labeled_expand(sid, secret, b"key", ctx, suite["nk"])
    base_nonce = labeled_expand(sid, secret, b"base_nonce", ctx, 12)
    nonce = (int.from_bytes(base_nonce, "big") ^ seq).to_bytes(12, "big")
    return AESGCM(key).decrypt(nonce, ct, aad)


def self_test(path):
    vectors = json.load(open(path))
    checked = 0
    for v in vectors:
        suite = next((s for s in SUITES.values() if (s["kem"], s["kdf"], s["aead"]) == (v["kem_id"], v["kdf_id"], v["aead_id"])), None)
        if suite is None or v["mode"] != 0:
            continue
        skr = bytes.fromhex(v["skRm"])
        sk = (x25519.X25519PrivateKey.from_private_bytes(skr) if suite["kem"] == 0x0020
              else ec.derive_private_key(int.from_bytes(skr, "big"), ec.SECP256R1()))
        for seq, e in enumerate(v["encryptions"][:4]):
            pt = hpke_open(suite, bytes.fromhex(v["enc"]), sk, bytes.fromhex(v["info"]), bytes.fromhex(e["aad"]),
                           bytes.fromhex(e["ct"]), seq)
            assert pt == bytes.fromhex(e["pt"]), "vector mismatch"
            checked += 1
    if checked == 0:
        raise SystemExit("no vectors for the registered suites")
    print(f"HPKE self-test: {checked} published ciphertexts opened")


# ---------------------------------------------------------------- keys (FORMAT.md section 4)
def key_id(public_key):
    spki = public_key.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha256(spki).digest()[:16]


# ---------------------------------------------------------------- record (FORMAT.md section 2)
def gtime(s):
    frac = ""
    if "." in s:
        s, frac = s[:-1].split(".")
        s += "Z"
    t = datetime.strptime(s, "%Y%m%d%H%M%SZ").replace(tzinfo=timezone.utc)
    text = t.strftime("%Y-%m-%dT%H:%M:%S")
    return text + ("." + frac if frac else "") + "Z"


def decode_record(der):
    tag, content, end = der_read(der)
    if tag != 0x30 or end != len(der):
        raise CheckFailed("record is not one SEQUENCE")
    f = der_children(content)
    version, country, city, site, time, kpi, length, extending = f
    if to_int(version[1]) != 1:
        raise CheckFailed("record version")
    city_f = der_children(city[1])
    kpi_f = der_children(kpi[1])
    values = {}
    for sv in der_children(kpi_f[1][1]):
        key, val = der_children(sv[1])
        if val[0] == 0x01:
            values[key[1].decode()] = val[1] == b"\xff"
        else:
            unscaled, scale = der_children(val[1])
            u, sc = to_int(unscaled[1]), to_int(scale[1])
            sign = "-" if u < 0 else ""
            digits = str(abs(u)).rjust(sc + 1, "0")
            values[key[1].decode()] = sign + (digits[:-sc] + "." + digits[-sc:] if sc else digits)
    ext = {}
    for e in der_children(extending[1]):
        eid, ev = der_children(e[1])
        ext[to_int(eid[1])] = ev[1]
    if to_int(length[1]) != len(extending[2]):
        raise CheckFailed("length does not match extending")
    ip = site[1]
    site_text = ".".join(str(b) for b in ip) if len(ip) == 4 else ":".join(format(int.from_bytes(ip[i:i + 2], "big"), "x") for i in range(0, 16, 2))
    out = {
        "countryRegion": "%03d" % to_int(country[1]),
        "city": {"scheme": SCHEMES.get(to_int(city_f[0][1]), "?"), "code": city_f[1][1].decode()},
        "siteId": site_text,
        "time": gtime(time[1].decode()),
        "kpi": {"code": kpi_f[0][1].decode(), "unit": kpi_f[2][1].decode(), "values": values},
        "extending": {},
    }
    if 1 in ext:
        out["extending"]["sequenceNumber"] = to_int(der_read(ext[1])[1])
    if 2 in ext:
        out["extending"]["salt"] = der_read(ext[2])[1].hex()
    if 3 in ext:
        out["extending"]["sourceReference"] = der_read(ext[3])[1].decode()
    return out, 2 in ext and len(der_read(ext[2])[1]) >= 16


# ---------------------------------------------------------------- packet (FORMAT.md section 5)
def verify(packet_der, platform_sk, site_pk):
    tag, content, end = der_read(packet_der)
    if tag != 0x30 or end != len(packet_der):
        raise CheckFailed("MALFORMED_ENCODING: packet is not one SEQUENCE")
    version, suite_f, data, digest_f = der_children(content)
    suite_no = to_int(suite_f[1])
    if to_int(version[1]) != 1 or suite_no not in SUITES:
        raise CheckFailed("UNSUPPORTED_SUITE")
    suite = SUITES[suite_no]
    recipient_id, enc, ct = (c[1] for c in der_children(data[1]))
    signer_id, digest, signature = (c[1] for c in der_children(digest_f[1]))

    if signer_id != key_id(site_pk):
        raise CheckFailed("UNKNOWN_SIGNER_KEY")
    tbs = der_encode(0x30, der_encode(0x0C, SIGNATURE_CONTEXT.encode()) + der_int(suite_no)
                     + der_encode(0x04, hashlib.sha256(data[2]).digest()) + der_encode(0x04, digest))
    try:
        if suite["sig"] == "ed25519":
            site_pk.verify(signature, tbs)
        else:
            site_pk.verify(signature, tbs, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise CheckFailed("SIGNATURE_INVALID")

    if recipient_id != key_id(platform_sk.public_key()):
        raise CheckFailed("UNKNOWN_RECIPIENT_KEY")
    aad = der_encode(0x30, der_int(1) + der_int(suite_no) + der_encode(0x04, recipient_id) + der_encode(0x04, signer_id))
    try:
        record_der = hpke_open(suite, enc, platform_sk, HPKE_INFO, aad, ct)
    except (InvalidTag, ValueError):
        raise CheckFailed("DECRYPTION_FAILED")
    if hashlib.sha256(record_der).digest() != digest:
        raise CheckFailed("DIGEST_MISMATCH")
    record, salted = decode_record(record_der)
    if not salted:
        raise CheckFailed("UNSALTED_RECORD")
    return record


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--packet")
    ap.add_argument("--platform-key", help="platform encryption key, PKCS#8 PEM")
    ap.add_argument("--site-key", help="site signing key, SubjectPublicKeyInfo PEM")
    ap.add_argument("--hpke-vectors", help="RFC 9180 test vectors JSON: self-test and exit")
    a = ap.parse_args()
    if a.hpke_vectors:
        self_test(a.hpke_vectors)
        return 0
    if not (a.packet and a.platform_key and a.site_key):
        ap.error("--packet, --platform-key and --site-key are required")
    platform_sk = serialization.load_pem_private_key(open(a.platform_key, "rb").read(), None)
    site_pk = serialization.load_pem_public_key(open(a.site_key, "rb").read())
    try:
        record = verify(open(a.packet, "rb").read(), platform_sk, site_pk)
    except CheckFailed as e:
        print("verify_packet: " + str(e), file=sys.stderr)
        return 1
    print(json.dumps(record, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
