package ingest

import (
	"context"
	"io"
	"os"
)

// Reading that a cancelled context interrupts.
//
// A read from a pipe, a terminal or a FIFO can block for ever ("sleep 60 |
// sitrep extract -"), and opening a FIFO blocks until a writer opens it.
// Such reads run in a goroutine, and the caller returns ctx's error as
// soon as ctx is done; the goroutine ends when its read does (at the
// latest when the process exits). Regular files are read directly: their
// reads do not block.

// ctxReader is an io.Reader whose Read returns ctx's error once ctx is
// done, even while the underlying Read blocks.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
	buf []byte
	res chan readResult
	// pending is true while a goroutine reads into buf.
	pending bool
}

type readResult struct {
	n   int
	err error
}

// newCtxReader returns r itself when it is a regular file, else a reader
// that honours ctx.
func newCtxReader(ctx context.Context, r io.Reader) io.Reader {
	if f, ok := r.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() {
			return r
		}
	}
	return &ctxReader{ctx: ctx, r: r, res: make(chan readResult, 1)}
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	if !c.pending {
		if cap(c.buf) < len(p) {
			c.buf = make([]byte, len(p))
		}
		buf := c.buf[:len(p)]
		c.pending = true
		go func() {
			n, err := c.r.Read(buf)
			c.res <- readResult{n, err}
		}()
	}
	select {
	case r := <-c.res:
		c.pending = false
		n := copy(p, c.buf[:r.n])
		return n, r.err
	case <-c.ctx.Done():
		return 0, c.ctx.Err()
	}
}

// openCtx opens name for reading; opening a FIFO that no writer opens
// returns ctx's error once ctx is done.
func openCtx(ctx context.Context, name string) (*os.File, error) {
	if fi, err := os.Stat(name); err != nil || fi.Mode()&os.ModeNamedPipe == 0 {
		return os.Open(name)
	}
	type openResult struct {
		f   *os.File
		err error
	}
	ch := make(chan openResult, 1)
	go func() {
		f, err := os.Open(name)
		ch <- openResult{f, err}
	}()
	select {
	case r := <-ch:
		return r.f, r.err
	case <-ctx.Done():
		go func() { // close the file if the open ever succeeds
			if r := <-ch; r.f != nil {
				r.f.Close()
			}
		}()
		return nil, ctx.Err()
	}
}
