// Package testenv locates the files tests read from outside their package:
// the module root and the shared data directory beside the repository.
package testenv

import (
	"fmt"
	"os"
	"path/filepath"
)

// ModuleRoot walks up from the working directory (go test runs in the
// package directory) to the directory holding go.mod.
func ModuleRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("go.mod not found above the working directory")
		}
		dir = parent
	}
}

// SharedDir finds the shared directory: $WAREHOUSED_SHARED, else ../shared
// beside the module root (the repository is X/main, shared data X/shared).
func SharedDir(moduleRoot string) string {
	if d := os.Getenv("WAREHOUSED_SHARED"); d != "" {
		return d
	}
	return filepath.Join(filepath.Dir(moduleRoot), "shared")
}
