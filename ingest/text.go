package ingest

import (
	"fmt"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/sitrep-dev/sitrep"
)

// Plain-text decoding rules. Document.Text is the input exactly as given
// when the input is valid UTF-8 (a UTF-8 byte order mark included: Body
// starts after it). Otherwise the text is converted, and offsets index the
// converted text, not the input bytes:
//
//   - a UTF-16 byte order mark: the text is decoded from UTF-16;
//   - invalid UTF-8 with fewer valid multi-byte sequences than bad bytes:
//     a legacy 8-bit text, decoded from the encoding its byte statistics
//     point to (Windows-1251, KOI8-R, Windows-1256, ISO-8859-6 ...; see
//     detectCharset), else from Windows-1252 (a superset of the printable
//     ISO-8859-1), the most common legacy encoding of news;
//   - invalid UTF-8 with at least as many valid multi-byte sequences as
//     bad bytes: UTF-8 with damage; each invalid byte is replaced with
//     U+FFFD.
//
// Input with NUL bytes, or with more than 1% other control bytes, is not
// text: ErrNotText.

// textEncoding names the conversion decodeText applied.
type textEncoding string

const (
	encUTF8        textEncoding = "utf-8"
	encUTF16       textEncoding = "utf-16"
	encWindows1252 textEncoding = "windows-1252"
	encRepaired    textEncoding = "utf-8 (invalid bytes replaced)"
)

// decodeText returns data as UTF-8 text under the rules above.
func decodeText(data []byte) (string, textEncoding, error) {
	if len(data) >= 2 && (data[0] == 0xFE && data[1] == 0xFF || data[0] == 0xFF && data[1] == 0xFE) {
		s := decodeUTF16(data)
		if err := checkControls(s); err != nil {
			return "", "", err
		}
		return s, encUTF16, nil
	}
	if err := checkControls(string(data)); err != nil {
		return "", "", err
	}
	if utf8.Valid(data) {
		return string(data), encUTF8, nil
	}
	// Count the valid multi-byte sequences and the bytes that are not
	// UTF-8: legacy 8-bit text has a few valid sequences by accident (in
	// KOI8-R or Windows-1256 a letter from 0xC0-0xDF followed by one from
	// 0x80-0xBF is one), damaged UTF-8 has more valid sequences than bad
	// bytes.
	multi, bad := 0, 0
	for i := 0; i < len(data); {
		if data[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			bad++
		} else {
			multi++
		}
		i += n
	}
	if multi < bad {
		enc, name := detectCharset(data, false)
		s, err := enc.NewDecoder().String(string(data))
		if err != nil {
			return "", "", fmt.Errorf("decoding %s: %w", name, err)
		}
		return s, textEncoding(name), nil
	}
	var b strings.Builder
	b.Grow(len(data) + len(data)/8)
	for i := 0; i < len(data); {
		r, n := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && n == 1 {
			b.WriteRune(utf8.RuneError)
		} else {
			b.Write(data[i : i+n])
		}
		i += n
	}
	return b.String(), encRepaired, nil
}

// checkControls returns ErrNotText when s holds a NUL byte or more than 1%
// control bytes other than tab, line feed, carriage return, form feed,
// vertical tab and escape.
func checkControls(s string) error {
	if strings.IndexByte(s, 0) >= 0 {
		return fmt.Errorf("%w: NUL bytes (binary data?)", ErrNotText)
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != '\v' && c != 0x1b || c == 0x7f {
			n++
		}
	}
	if n > 0 && n*100 > len(s) {
		return fmt.Errorf("%w: %d control bytes in %d (binary data?)", ErrNotText, n, len(s))
	}
	return nil
}

func decodeUTF16(data []byte) string {
	big := data[0] == 0xFE
	data = data[2:]
	u := make([]uint16, 0, len(data)/2)
	for i := 0; i+1 < len(data); i += 2 {
		if big {
			u = append(u, uint16(data[i])<<8|uint16(data[i+1]))
		} else {
			u = append(u, uint16(data[i+1])<<8|uint16(data[i]))
		}
	}
	return string(utf16.Decode(u))
}

// parseText turns plain text into one document.
func parseText(name string, data []byte, opts *Options) (*sitrep.Document, error) {
	text, enc, err := decodeText(data)
	if err != nil {
		return nil, err
	}
	if enc != encUTF8 {
		opts.logger().Warn("input is not UTF-8; converted, offsets index the converted text",
			"input", name, "encoding", string(enc))
	}
	doc := &sitrep.Document{ID: name, Text: text}
	if err := finishDoc(doc, opts); err != nil {
		return nil, err
	}
	return doc, nil
}

// finishDoc sets the Body of doc and applies Options.Published.
func finishDoc(doc *sitrep.Document, opts *Options) error {
	body, err := bodySpan(doc.Text)
	if err != nil {
		return err
	}
	doc.Body = body
	if !opts.Published.IsZero() {
		doc.Published = opts.Published
		doc.PublishedBasis = sitrep.BasisGiven
	}
	return nil
}
