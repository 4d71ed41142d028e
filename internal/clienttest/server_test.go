package clienttest

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/jackc/pgx/v5"
)

// Credentials every test server is started with.
const (
	testUser     = "admin"
	testPassword = "Secret123"
)

// server is one PostgreSQL-protocol endpoint the clients connect to: a
// `warehoused serve` process this package started, or an external server
// named by a URL (to develop the client checks against real PostgreSQL).
type server struct {
	host, port string
	user       string
	password   string
	database   string

	cmd    *exec.Cmd
	stderr *tailBuffer
	done   chan struct{} // closed when the process has exited
}

// externalServer parses a postgres:// URL into a server that is not ours.
func externalServer(raw string) (*server, error) {
	u, err := url.Parse(raw)
	if err != nil {
		return nil, err
	}
	host, port, err := net.SplitHostPort(u.Host)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", raw, err)
	}
	pw, _ := u.User.Password()
	return &server{host: host, port: port, user: u.User.Username(), password: pw,
		database: strings.TrimPrefix(u.Path, "/")}, nil
}

var listeningRE = regexp.MustCompile(`listening on (\S+)`)

// startServer runs `bin serve` on a fresh data directory and a free port,
// and waits until it reports the address it listens on.
func startServer(ctx context.Context, bin, dataDir string, extraArgs ...string) (*server, error) {
	args := append([]string{"serve", "--data", dataDir, "--listen", "127.0.0.1:0",
		"--user", testUser, "--password", testPassword}, extraArgs...)
	cmd := exec.Command(bin, args...)
	cmd.Stdout = io.Discard
	pr, pw := io.Pipe()
	tail := &tailBuffer{max: 64 << 10}
	cmd.Stderr = pw
	killWithParent(cmd)
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	s := &server{user: testUser, password: testPassword, database: "dev", cmd: cmd,
		stderr: tail, done: make(chan struct{})}
	go func() {
		_ = cmd.Wait()
		pw.Close()
		close(s.done)
	}()
	addrc := make(chan string, 1)
	go func() {
		// Keep draining stderr for the life of the process so it never
		// blocks on a full pipe; remember the tail for failure reports.
		sc := bufio.NewScanner(pr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		sent := false
		for sc.Scan() {
			line := sc.Text()
			tail.WriteLine(line)
			if m := listeningRE.FindStringSubmatch(line); m != nil && !sent {
				addrc <- m[1]
				sent = true
			}
		}
		_, _ = io.Copy(io.Discard, pr)
	}()
	select {
	case addr := <-addrc:
		host, port, err := net.SplitHostPort(addr)
		if err != nil {
			s.stop()
			return nil, fmt.Errorf("serve printed address %q: %w", addr, err)
		}
		if host == "" || host == "::" || host == "0.0.0.0" {
			host = "127.0.0.1"
		}
		s.host, s.port = host, port
		return s, nil
	case <-s.done:
		return nil, fmt.Errorf("warehoused serve exited before listening: %s\n%s", cmd.ProcessState, tail.String())
	case <-time.After(60 * time.Second):
		s.stop()
		return nil, fmt.Errorf("warehoused serve did not report 'listening on' in 60s:\n%s", tail.String())
	case <-ctx.Done():
		s.stop()
		return nil, ctx.Err()
	}
}

// stop ends a server this package started (politely first) and waits.
func (s *server) stop() {
	if s == nil || s.cmd == nil || s.cmd.Process == nil {
		return
	}
	_ = s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// alive reports whether a server we started is still running.
func (s *server) alive() bool {
	if s.done == nil {
		return true
	}
	select {
	case <-s.done:
		return false
	default:
		return true
	}
}

// addr is host:port.
func (s *server) addr() string { return net.JoinHostPort(s.host, s.port) }

// url is the libpq/pgx connection URL.
func (s *server) url() string {
	u := url.URL{Scheme: "postgres", User: url.UserPassword(s.user, s.password), Host: s.addr(),
		Path: "/" + s.database, RawQuery: "sslmode=disable"}
	return u.String()
}

// jdbcURL is the pgjdbc connection URL (credentials passed separately).
func (s *server) jdbcURL() string {
	return fmt.Sprintf("jdbc:postgresql://%s/%s?sslmode=disable", s.addr(), s.database)
}

// env is the libpq environment psql and psycopg2 read.
func (s *server) env() []string {
	return append(os.Environ(),
		"PGHOST="+s.host, "PGPORT="+s.port, "PGUSER="+s.user, "PGPASSWORD="+s.password,
		"PGDATABASE="+s.database, "PGSSLMODE=disable", "PGCONNECT_TIMEOUT=10",
		"PSQLRC=/dev/null", "PGAPPNAME=clienttest", "LC_ALL=C.UTF-8")
}

// connect opens a pgx connection with default settings.
func (s *server) connect(ctx context.Context) (*pgx.Conn, error) {
	return pgx.Connect(ctx, s.url())
}

// logs is the tail of the server's stderr ("" for an external server).
func (s *server) logs() string {
	if s.stderr == nil {
		return ""
	}
	return s.stderr.String()
}

// tailBuffer keeps the last max bytes of lines written to it.
type tailBuffer struct {
	mu  sync.Mutex
	buf []byte
	max int
}

func (b *tailBuffer) WriteLine(line string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, line...)
	b.buf = append(b.buf, '\n')
	if len(b.buf) > b.max {
		b.buf = append([]byte(nil), b.buf[len(b.buf)-b.max:]...)
	}
}

func (b *tailBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(b.buf)
}

// buildWarehoused compiles ./cmd/warehoused into dir.
func buildWarehoused(ctx context.Context, moduleRoot, dir string) (string, error) {
	bin := filepath.Join(dir, "warehoused")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/warehoused")
	cmd.Dir = moduleRoot
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("go build ./cmd/warehoused: %v\n%s", err, out)
	}
	return bin, nil
}
