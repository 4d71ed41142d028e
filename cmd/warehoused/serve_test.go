package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// startServe runs `warehoused serve args...` until the returned stop is
// called; it returns the listening address and the stderr lines before it.
func startServe(t *testing.T, args ...string) (addr string, early []string, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	pr, pw := io.Pipe()
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, append([]string{"serve", "--data", t.TempDir(), "--listen", "127.0.0.1:0"}, args...), strings.NewReader(""), io.Discard, pw)
		pw.Close()
	}()
	sc := bufio.NewScanner(pr)
	for sc.Scan() {
		line := sc.Text()
		if a, ok := strings.CutPrefix(line, "listening on "); ok {
			addr = a
			break
		}
		early = append(early, line)
	}
	if addr == "" {
		cancel()
		t.Fatalf("serve did not start: %q (exit %d)", early, <-code)
	}
	go io.Copy(io.Discard, pr)
	return addr, early, func() int {
		cancel()
		select {
		case c := <-code:
			return c
		case <-time.After(10 * time.Second):
			t.Fatal("serve did not stop")
			return -1
		}
	}
}

func TestServe(t *testing.T) {
	addr, early, stop := startServe(t)
	// A fresh directory gets a superuser "admin" with a printed password.
	m := regexp.MustCompile(`created superuser "admin" with password (\S+)`).FindStringSubmatch(strings.Join(early, "\n"))
	if m == nil {
		t.Fatalf("no generated password in %q", early)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, fmt.Sprintf("postgres://admin:%s@%s/dev?sslmode=disable", m[1], addr))
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := c.QueryRow(ctx, "select 40 + 2").Scan(&n); err != nil || n != 42 {
		t.Fatal(n, err)
	}
	if _, err := pgx.Connect(ctx, fmt.Sprintf("postgres://admin:wrong@%s/dev?sslmode=disable", addr)); err == nil {
		t.Fatal("wrong password accepted")
	}
	if code := stop(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	c.Close(context.Background())
}

func TestServeTLSAndUserFlags(t *testing.T) {
	addr, _, stop := startServe(t, "--tls-self-signed", "--user", "bob", "--password", "Hunter22pw")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	c, err := pgx.Connect(ctx, fmt.Sprintf("postgres://bob:Hunter22pw@%s/dev?sslmode=require", addr))
	if err != nil {
		t.Fatal(err)
	}
	c.Close(ctx)
	if code := stop(); code != 0 {
		t.Fatalf("exit %d", code)
	}
}

func TestServeFlags(t *testing.T) {
	for _, args := range [][]string{
		{"serve"},
		{"serve", "--data", "x", "--auth", "kerberos"},
		{"serve", "--data", "x", "--tls-cert", "a.pem"},
		{"serve", "--data", "x", "--user", "u"},
	} {
		if code, _, _ := runCLI(t, "", args...); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
}
