package pgwire

import (
	"encoding/binary"
	"io"

	"github.com/jackc/pgx/v5/pgproto3"
)

// flushAt is how much encoded output is buffered before it is written even
// without a ReadyForQuery: large results stream in chunks of about this size
// with bounded memory.
const flushAt = 256 << 10

// msgWriter buffers encoded backend messages for one connection. The first
// write error is sticky (later sends are dropped) and runs onError once, so
// a client that vanished mid-result cancels the statement producing it.
type msgWriter struct {
	w       io.Writer
	buf     []byte
	err     error
	onError func()
}

func newMsgWriter(w io.Writer) *msgWriter {
	return &msgWriter{w: w, buf: make([]byte, 0, 8<<10)}
}

// send encodes a message into the buffer, writing it out when large.
func (w *msgWriter) send(m pgproto3.BackendMessage) {
	if w.err != nil {
		return
	}
	b, err := m.Encode(w.buf)
	if err != nil {
		// Only oversized fields fail to encode; the message is dropped
		// whole (w.buf still ends before it).
		return
	}
	w.buf = b
	w.maybeFlush()
}

// maybeFlush writes the buffer out once it has grown past flushAt.
func (w *msgWriter) maybeFlush() {
	if len(w.buf) >= flushAt {
		w.flush()
	}
}

// flush writes everything buffered.
func (w *msgWriter) flush() error {
	if w.err != nil {
		w.buf = w.buf[:0]
		return w.err
	}
	if len(w.buf) == 0 {
		return nil
	}
	_, err := w.w.Write(w.buf)
	if cap(w.buf) > 4*flushAt {
		w.buf = make([]byte, 0, flushAt)
	} else {
		w.buf = w.buf[:0]
	}
	if err != nil {
		w.err = err
		if w.onError != nil {
			w.onError()
		}
	}
	return err
}

// begin starts a message of type t in the buffer and returns its offset for end.
func (w *msgWriter) begin(t byte) int {
	p := len(w.buf)
	w.buf = append(w.buf, t, 0, 0, 0, 0)
	return p
}

// end fills in the length of the message begun at p.
func (w *msgWriter) end(p int) {
	binary.BigEndian.PutUint32(w.buf[p+1:], uint32(len(w.buf)-p-1))
}
