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
		{"serve", "--data", "x", "--listen", "127.0.0.1:0=kerberos"},
	} {
		if code, _, _ := runCLI(t, "", args...); code != 2 {
			t.Errorf("%q: exit %d, want 2", args, code)
		}
	}
}

// TestServeListenRules: each --listen can carry its own authentication: here
// trust on a second address while the first one asks for a password.
func TestServeListenRules(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	pr, pw := io.Pipe()
	code := make(chan int, 1)
	go func() {
		code <- run(ctx, []string{"serve", "--data", t.TempDir(), "--user", "bob", "--password", "Hunter22pw",
			"--listen", "127.0.0.1:0", "--listen", "127.0.0.1:0=trust"}, strings.NewReader(""), io.Discard, pw)
		pw.Close()
	}()
	var addrs []string
	sc := bufio.NewScanner(pr)
	for len(addrs) < 2 && sc.Scan() {
		if a, ok := strings.CutPrefix(sc.Text(), "listening on "); ok {
			addrs = append(addrs, a)
		}
	}
	go io.Copy(io.Discard, pr)
	if len(addrs) != 2 {
		t.Fatalf("listeners: %q", addrs)
	}
	cctx, ccancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer ccancel()
	if _, err := pgx.Connect(cctx, fmt.Sprintf("postgres://bob:wrong@%s/dev?sslmode=disable", addrs[0])); err == nil {
		t.Fatal("first listener accepted a wrong password")
	}
	c, err := pgx.Connect(cctx, fmt.Sprintf("postgres://bob:wrong@%s/dev?sslmode=disable", addrs[1]))
	if err != nil {
		t.Fatalf("trust listener: %v", err)
	}
	c.Close(cctx)
	cancel()
	if c := <-code; c != 0 {
		t.Fatalf("exit %d", c)
	}
}
