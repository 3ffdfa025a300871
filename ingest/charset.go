package ingest

import (
	"strings"

	"github.com/gogs/chardet"
	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/htmlindex"
)

// Charset detection for input that is not UTF-8 and does not say what it
// is (no Content-Type charset, no byte order mark, no <meta charset>).
//
// HTML5's sniffing rule, and the plain-text rule before it, fall back to
// Windows-1252 for such input; a Windows-1251 (Cyrillic) or Windows-1256
// (Arabic) page then comes out as Latin mojibake ("Ñ‚Ð°Ð»Ð¸Ð±Ñ‹"). Single-byte
// encodings of different scripts use the same byte values for different
// letters, and only the statistics of the bytes tell them apart: which
// byte pairs are frequent in the language each encoding is used for. That
// is what the detector of ICU does (ported as github.com/gogs/chardet,
// which go-trafilatura already uses), scoring the input against the
// frequent character n-grams of each language and encoding.
//
// The detector's answer is taken when it names a non-Latin encoding with
// some confidence; a Latin answer (ISO-8859-1, -2, -9 ...) or a weak one
// keeps Windows-1252, the superset of ISO-8859-1 that browsers use.

// sniffBytes is how much of the input the detector reads: enough text for
// its statistics, bounded so that a large file costs no more.
const sniffBytes = 64 << 10

// minConfidence is the detector confidence (1-100) below which its answer
// is not taken.
const minConfidence = 30

// detectedCharsets are the detector's answers that are taken, with the
// name of the decoder to use (browsers decode ISO-8859-1 as Windows-1252,
// and so on: the WHATWG Encoding Standard's labels, via htmlindex).
var detectedCharsets = map[string]string{
	"windows-1251": "windows-1251", "KOI8-R": "koi8-r", "ISO-8859-5": "iso-8859-5",
	"windows-1256": "windows-1256", "ISO-8859-6": "iso-8859-6",
	"ISO-8859-7": "iso-8859-7", "ISO-8859-8": "iso-8859-8", "ISO-8859-8-I": "iso-8859-8-i",
}

// detectCharset returns the encoding of data, which is not valid UTF-8 and
// declares no charset, and its WHATWG name: the detector's answer when it
// is a non-Latin single-byte encoding with at least minConfidence, else
// Windows-1252. html says data is an HTML page (the detector then skips
// tags).
func detectCharset(data []byte, html bool) (encoding.Encoding, string) {
	if len(data) > sniffBytes {
		data = data[:sniffBytes]
	}
	d := chardet.NewTextDetector()
	if html {
		d = chardet.NewHtmlDetector()
	}
	if r, err := d.DetectBest(data); err == nil && r.Confidence >= minConfidence {
		if name, ok := detectedCharsets[r.Charset]; ok {
			if enc, err := htmlindex.Get(name); err == nil {
				return enc, strings.ToLower(name)
			}
		}
	}
	return charmap.Windows1252, "windows-1252"
}
