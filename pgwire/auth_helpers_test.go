package pgwire

import (
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
)

func md5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

// sha256Form is Redshift's 'sha256|digest|salt' password form.
func sha256Form(password, saltHex string) string {
	salt, _ := hex.DecodeString(saltHex)
	sum := sha256.Sum256(append([]byte(password), salt...))
	return "sha256|" + hex.EncodeToString(sum[:]) + "|" + saltHex
}
