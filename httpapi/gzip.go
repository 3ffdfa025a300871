package httpapi

import (
	"encoding/binary"
	"hash/crc32"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"

	"github.com/klauspost/compress/gzip"

	"github.com/sitrep-dev/sitrep"
)

// Compression is klauspost/compress's gzip, not compress/gzip: on the
// bodies the API answers it writes the same format about twice as fast
// at levels 1 and 2, and smaller at level 1 (a page of 100 events, 140
// kB: 1.2 ms against 2.4 ms at level 1, 2.1 ms against 3.8 ms at level 2;
// the map's 20,000 points, 860 kB: 20 ms against 36 ms at level 1, and
// 18 ms against 86 ms at level 2, measured together under the same load).
// Its level 2 costs little more than its level 1 on a large body and is
// some 2-4% smaller; on a small one, resetting its tables costs more
// than compressing. So a body whose Content-Length is known and at least
// gzipLargeSize gets level 2; any other, level 1.
const (
	gzipLevelSmall = gzip.BestSpeed
	gzipLevelLarge = 2
	gzipLargeSize  = 48 << 10
)

// gzipMinSize is the size below which a response whose length is known is
// sent as it is: compressing it would save less than a packet.
const gzipMinSize = 1024

var gzipPools = [2]sync.Pool{
	{New: func() any { w, _ := gzip.NewWriterLevel(io.Discard, gzipLevelSmall); return w }},
	{New: func() any { w, _ := gzip.NewWriterLevel(io.Discard, gzipLevelLarge); return w }},
}

// gzipHandler compresses text responses (JSON, JavaScript, CSS, HTML,
// CSV) for clients that accept gzip. The map's point list and the world
// outlines shrink about fourfold. Range requests, and responses whose
// Content-Length says they are small, are served as they are.
func gzipHandler(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Add("Vary", "Accept-Encoding")
		if r.Header.Get("Range") != "" || !acceptsGzip(r.Header.Get("Accept-Encoding")) {
			h.ServeHTTP(w, r)
			return
		}
		gw := &gzipWriter{ResponseWriter: w}
		defer gw.close()
		h.ServeHTTP(gw, r)
	})
}

func acceptsGzip(ae string) bool {
	for part := range strings.SplitSeq(ae, ",") {
		name, params, _ := strings.Cut(part, ";")
		name = strings.TrimSpace(name)
		if !strings.EqualFold(name, "gzip") && name != "*" {
			continue
		}
		if qv, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			if q, err := strconv.ParseFloat(qv, 64); err == nil && q == 0 {
				return false
			}
		}
		return true
	}
	return false
}

// compressible reports whether a response of this content type is worth
// compressing.
func compressible(ctype string) bool {
	ct, _, _ := strings.Cut(ctype, ";")
	ct = strings.TrimSpace(ct)
	return strings.HasPrefix(ct, "text/") || strings.HasSuffix(ct, "json") ||
		ct == "application/javascript" || ct == "application/x-ndjson" ||
		ct == "image/svg+xml"
}

// gzipWriter decides at WriteHeader whether to compress.
type gzipWriter struct {
	http.ResponseWriter
	gz          *gzip.Writer
	pool        int // the index in gzipPools of gz
	wroteHeader bool
}

func (g *gzipWriter) WriteHeader(status int) {
	if g.wroteHeader {
		return
	}
	g.wroteHeader = true
	h := g.Header()
	if status >= 200 && status != http.StatusNoContent && status != http.StatusNotModified &&
		h.Get("Content-Encoding") == "" && compressible(h.Get("Content-Type")) {
		n, err := strconv.ParseInt(h.Get("Content-Length"), 10, 64)
		known := err == nil
		if !known || n >= gzipMinSize {
			h.Del("Content-Length")
			h.Set("Content-Encoding", "gzip")
			g.pool = 0
			if known && n >= gzipLargeSize {
				g.pool = 1
			}
			g.gz = gzipPools[g.pool].Get().(*gzip.Writer)
			g.gz.Reset(g.ResponseWriter)
		}
	}
	g.ResponseWriter.WriteHeader(status)
}

func (g *gzipWriter) Write(p []byte) (int, error) {
	if !g.wroteHeader {
		if g.Header().Get("Content-Type") == "" {
			g.Header().Set("Content-Type", http.DetectContentType(p))
		}
		g.WriteHeader(http.StatusOK)
	}
	if g.gz != nil {
		return g.gz.Write(p)
	}
	return g.ResponseWriter.Write(p)
}

// Flush sends what is buffered, compressed or not.
func (g *gzipWriter) Flush() {
	if g.gz != nil {
		_ = g.gz.Flush()
	}
	if f, ok := g.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (g *gzipWriter) Unwrap() http.ResponseWriter { return g.ResponseWriter }

func (g *gzipWriter) close() {
	if g.gz != nil {
		_ = g.gz.Close()
		g.gz.Reset(io.Discard)
		gzipPools[g.pool].Put(g.gz)
		g.gz = nil
	}
}

// gzipChunks returns head, the chunks' rows separated by commas, and
// tail as one gzip member whose DEFLATE stream is made of the chunks'
// segments, compressed ahead, with head, the commas and tail between
// them as stored blocks: nothing is compressed now. The checksum is
// computed over the bytes the stream holds.
func gzipChunks(head []byte, chunks []sitrep.PointChunk, tail []byte) []byte {
	size := 10 + 8 + 2 + len(head) + len(tail) + 10
	for _, c := range chunks {
		size += len(c.Deflate) + 6
	}
	out := make([]byte, 0, size)
	// The header of RFC 1952: deflate, no flags, no time, unknown OS.
	out = append(out, 0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff)
	crc := crc32.Update(0, crc32.IEEETable, head)
	n := len(head)
	out = appendStored(out, head)
	comma := []byte{','}
	for i, c := range chunks {
		if i > 0 {
			out = appendStored(out, comma)
			crc = crc32.Update(crc, crc32.IEEETable, comma)
			n++
		}
		out = append(out, c.Deflate...)
		crc = crc32.Update(crc, crc32.IEEETable, c.Rows)
		n += len(c.Rows)
	}
	out = appendStored(out, tail)
	crc = crc32.Update(crc, crc32.IEEETable, tail)
	n += len(tail)
	out = append(out, 0x03, 0x00) // a final block, empty, fixed codes
	out = binary.LittleEndian.AppendUint32(out, crc)
	return binary.LittleEndian.AppendUint32(out, uint32(n))
}

// appendStored appends b as stored DEFLATE blocks, none final. Each
// starts on a byte boundary: what comes before ends on one (a segment is
// flushed, a stored block is whole bytes).
func appendStored(out, b []byte) []byte {
	for len(b) > 0 {
		k := min(len(b), 0xffff)
		out = append(out, 0, byte(k), byte(k>>8), ^byte(k), ^byte(k>>8))
		out = append(out, b[:k]...)
		b = b[k:]
	}
	return out
}
