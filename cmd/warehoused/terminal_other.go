//go:build !linux

package main

import (
	"errors"
	"os"
)

// terminalFD reports no terminal: line editing is only implemented on
// Linux; elsewhere the shell reads plain lines (the terminal's own editing).
func terminalFD(*os.File) (int, bool) { return 0, false }

func makeRaw(int) (func(), error) { return nil, errors.New("raw mode is not supported") }

func termWidth(int) int { return 0 }
