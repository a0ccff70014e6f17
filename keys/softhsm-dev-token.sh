#!/bin/sh
# Imports the development signing keys (keys/dev, made by `absah keys init`) into a throwaway
# SoftHSM2 token, so PKCS#11 signing can be tried by hand. Needs Debian's softhsm2.
# Usage: keys/softhsm-dev-token.sh [TOKEN_DIR] (default /tmp/absah-softhsm)
set -eu
pki=${PKI_DIR:-keys/dev}
dir=${1:-/tmp/absah-softhsm}
pin=${PIN:-123456}
mkdir -p "$dir/tokens"
printf 'directories.tokendir = %s/tokens\nobjectstore.backend = file\nlog.level = ERROR\n' "$dir" > "$dir/softhsm2.conf"
export SOFTHSM2_CONF="$dir/softhsm2.conf"
softhsm2-util --init-token --free --label absah-dev --pin "$pin" --so-pin 87654321 >/dev/null
softhsm2-util --import "$pki/signing-ec-key.pem" --token absah-dev --label signing-ec --id 01 --pin "$pin" >/dev/null
softhsm2-util --import "$pki/signing-rsa-key.pem" --token absah-dev --label signing-rsa --id 02 --pin "$pin" >/dev/null
echo "export SOFTHSM2_CONF=$dir/softhsm2.conf"
echo "ECDSA: pkcs11:token=absah-dev;object=signing-ec?pin-value=$pin   (certificate: $pki/signing-ec.pem)"
echo "RSA:   pkcs11:token=absah-dev;object=signing-rsa?pin-value=$pin  (certificate: $pki/signing-rsa.pem)"
