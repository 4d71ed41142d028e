package clienttest

import (
	"fmt"
	"os"
	"testing"
)

// knownGaps are client checks that fail today because warehoused lacks
// something a client needs; each says what. A gap's failure is logged, not
// an error, so the suite proves everything else and stays green; with
// CLIENTTEST_STRICT=1 gaps are errors. A gap that passes is logged too, so
// it can be removed from this list. Keys are "client/check".
var knownGaps = map[string]string{}

func strictGaps() bool { return os.Getenv("CLIENTTEST_STRICT") == "1" }

// isGap reports whether key is a known gap that is not to fail the test.
func isGap(key string) bool {
	_, ok := knownGaps[key]
	return ok && !strictGaps()
}

// failOrGap fails the test unless key is a known gap, which it logs.
func failOrGap(t *testing.T, key string, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if isGap(key) {
		t.Logf("known gap %s (%s): %s", key, knownGaps[key], msg)
		return
	}
	t.Error(msg)
}

// gapPassed logs that a check listed as a gap now passes.
func gapPassed(t *testing.T, key string) {
	t.Helper()
	if _, ok := knownGaps[key]; ok {
		t.Logf("known gap %s now passes: remove it from knownGaps", key)
	}
}
