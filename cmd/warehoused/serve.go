package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"syscall"
	"time"

	"github.com/warehoused/warehoused"
	"github.com/warehoused/warehoused/pgwire"
)

// serveOptions are the parsed flags of `warehoused serve`.
type serveOptions struct {
	listens               listenRules
	data, user, password  string
	tlsCert, tlsKey, auth string
	selfSigned            bool
	maxConns, slices      int
	idle                  time.Duration
}

func parseServeFlags(args []string, stderr io.Writer) (*serveOptions, bool) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	o := &serveOptions{}
	fs.StringVar(&o.data, "data", "", "data directory (required)")
	fs.Var(&o.listens, "listen", "address to listen on, ADDR or ADDR=METHOD to give it its own authentication (repeatable; default "+pgwire.DefaultListen+")")
	fs.StringVar(&o.user, "user", os.Getenv("WAREHOUSED_USER"), "superuser to create or update at start (env WAREHOUSED_USER)")
	fs.StringVar(&o.password, "password", os.Getenv("WAREHOUSED_PASSWORD"), "that user's password (env WAREHOUSED_PASSWORD)")
	fs.StringVar(&o.tlsCert, "tls-cert", "", "PEM certificate file for TLS")
	fs.StringVar(&o.tlsKey, "tls-key", "", "PEM private key file for TLS")
	fs.BoolVar(&o.selfSigned, "tls-self-signed", false, "serve TLS with a generated self-signed certificate")
	fs.StringVar(&o.auth, "auth", "scram-sha-256", "authentication: scram-sha-256, md5, password or trust")
	fs.IntVar(&o.maxConns, "max-connections", 500, "maximum concurrent sessions")
	fs.DurationVar(&o.idle, "idle-timeout", 0, "close sessions idle this long (0: never)")
	fs.IntVar(&o.slices, "slices", 0, "parallelism (default: number of CPUs)")
	if err := fs.Parse(args); err != nil {
		return nil, false
	}
	switch {
	case o.data == "":
		fmt.Fprintln(stderr, "warehoused serve: --data DIR is required")
	case (o.tlsCert == "") != (o.tlsKey == ""):
		fmt.Fprintln(stderr, "warehoused serve: --tls-cert and --tls-key go together")
	case o.tlsCert != "" && o.selfSigned:
		fmt.Fprintln(stderr, "warehoused serve: use either --tls-cert/--tls-key or --tls-self-signed")
	case !validAuth(o.auth):
		fmt.Fprintf(stderr, "warehoused serve: unknown --auth %q\n", o.auth)
	case o.listens.badMethod() != "":
		fmt.Fprintf(stderr, "warehoused serve: unknown authentication %q in --listen\n", o.listens.badMethod())
	case o.user != "" && o.password == "" && o.auth != "trust":
		fmt.Fprintln(stderr, "warehoused serve: --user needs --password (or WAREHOUSED_PASSWORD)")
	default:
		return o, true
	}
	return nil, false
}

func runServe(ctx context.Context, args []string, stderr io.Writer) int {
	o, ok := parseServeFlags(args, stderr)
	if !ok {
		return 2
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	logger := slog.New(slog.NewTextHandler(stderr, nil))
	var tlsCfg *tls.Config
	var err error
	switch {
	case o.selfSigned:
		tlsCfg, err = pgwire.SelfSignedTLS()
	case o.tlsCert != "":
		tlsCfg, err = pgwire.LoadTLS(o.tlsCert, o.tlsKey)
	}
	if err != nil {
		fmt.Fprintf(stderr, "warehoused serve: TLS: %v\n", err)
		return 1
	}
	if o.slices == 0 {
		o.slices = runtime.NumCPU()
	}
	db, err := warehoused.Open(ctx, o.data, warehoused.Config{Slices: o.slices, Version: version, Logger: logger})
	if err != nil {
		printError(stderr, err)
		return 1
	}
	defer db.Close()
	if err := ensureUsers(ctx, db, o, stderr); err != nil {
		printError(stderr, err)
		return 1
	}
	rules := o.listens
	if len(rules) == 0 {
		rules = listenRules{{addr: pgwire.DefaultListen}}
	}
	// One server per listen rule, all on the same database: each rule
	// has its own address and authentication method.
	var lc net.ListenConfig
	lns := make([]net.Listener, len(rules))
	for i, r := range rules {
		if lns[i], err = lc.Listen(ctx, "tcp", r.addr); err != nil {
			fmt.Fprintf(stderr, "warehoused serve: %v\n", err)
			for _, ln := range lns[:i] {
				ln.Close()
			}
			return 1
		}
	}
	errs := make(chan error, len(rules))
	for i, r := range rules {
		method := r.method
		if method == "" {
			method = o.auth
		}
		srv := pgwire.NewServer(db, pgwire.Config{Listen: r.addr, TLS: tlsCfg, AuthMethod: method,
			MaxConns: o.maxConns, IdleSessionTimeout: o.idle, Logger: logger})
		fmt.Fprintf(stderr, "listening on %s\n", lns[i].Addr())
		go func(ln net.Listener) { errs <- srv.Serve(ctx, ln) }(lns[i])
	}
	code := 0
	for range rules {
		if err := <-errs; err != nil && !errors.Is(err, pgwire.ErrServerClosed) {
			fmt.Fprintf(stderr, "warehoused serve: %v\n", err)
			code = 1
			stop() // one listener failing stops the others
		}
	}
	fmt.Fprintln(stderr, "shut down")
	return code
}

// listenRule is one --listen: an address and, optionally, its own
// authentication method (else --auth's).
type listenRule struct{ addr, method string }

// listenRules collects repeated --listen flags.
type listenRules []listenRule

func (l *listenRules) String() string {
	parts := make([]string, len(*l))
	for i, r := range *l {
		parts[i] = r.addr
		if r.method != "" {
			parts[i] += "=" + r.method
		}
	}
	return strings.Join(parts, ",")
}

func (l *listenRules) Set(v string) error {
	addr, method, _ := strings.Cut(v, "=")
	if addr == "" {
		return errors.New("empty address")
	}
	*l = append(*l, listenRule{addr: addr, method: method})
	return nil
}

// badMethod returns the first rule's unknown authentication method, or "".
func (l listenRules) badMethod() string {
	for _, r := range l {
		if r.method != "" && !validAuth(r.method) {
			return r.method
		}
	}
	return ""
}

func validAuth(m string) bool {
	return m == "scram-sha-256" || m == "md5" || m == "password" || m == "trust"
}

// ensureUsers creates the --user superuser unless it exists (an existing
// user keeps its password: change it with ALTER USER), or at the first
// start without one a superuser "admin" whose generated password is printed
// once.
func ensureUsers(ctx context.Context, db *warehoused.DB, o *serveOptions, stderr io.Writer) error {
	if o.user != "" {
		_, err := db.EnsureSuperuser(ctx, o.user, o.password)
		return err
	}
	if db.HasUsers() {
		return nil
	}
	pw := warehoused.GeneratePassword()
	created, err := db.EnsureSuperuser(ctx, "admin", pw)
	if err != nil {
		return err
	}
	if created {
		fmt.Fprintf(stderr, "created superuser \"admin\" with password %s\n(shown only this once; change it with ALTER USER admin PASSWORD '...')\n", pw)
	}
	return nil
}
