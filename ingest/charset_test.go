package ingest

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/charmap"
)

// Texts of our own writing, in Russian and Arabic, the length of a short
// news report.
const (
	russianText = "Вооружённые люди напали на полицейский пост в пригороде столицы в воскресенье вечером. " +
		"По словам представителя министерства внутренних дел, погибли трое полицейских, ещё пятеро получили ранения. " +
		"Ответственность за нападение пока никто не взял на себя. Власти объявили о начале расследования " +
		"и усилили меры безопасности на дорогах, ведущих в город."
	arabicText = "هاجم مسلحون نقطة تفتيش للشرطة في ضواحي المدينة مساء يوم الأحد، وقال متحدث باسم وزارة الداخلية " +
		"إن ثلاثة من رجال الشرطة قتلوا وأصيب خمسة آخرون. ولم تعلن أي جهة مسؤوليتها عن الهجوم حتى الآن، " +
		"وأعلنت السلطات فتح تحقيق وتشديد الإجراءات الأمنية على الطرق المؤدية إلى المدينة."
	frenchText = "Des hommes armés ont attaqué un poste de contrôle près de Hérat dimanche soir. Selon le ministère, " +
		"trois policiers ont été tués et cinq autres blessés ; l'enquête a commencé à l'aube."
)

// charsetCases are texts in legacy single-byte encodings, with a phrase
// each must contain once decoded.
var charsetCases = []struct {
	name string
	enc  encoding.Encoding
	text string
	want string
}{
	{"windows-1251", charmap.Windows1251, russianText, "погибли трое полицейских"},
	{"koi8-r", charmap.KOI8R, russianText, "погибли трое полицейских"},
	{"iso-8859-5", charmap.ISO8859_5, russianText, "погибли трое полицейских"},
	{"windows-1256", charmap.Windows1256, arabicText, "وزارة الداخلية"},
	{"iso-8859-6", charmap.ISO8859_6, arabicText, "وزارة الداخلية"},
	{"windows-1252", charmap.Windows1252, frenchText, "trois policiers ont été tués"},
}

func encodeCase(t *testing.T, enc encoding.Encoding, s string) []byte {
	t.Helper()
	b, err := enc.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestParse_DetectsCharset checks that a plain-text file and an HTML page
// that do not declare their charset are decoded from the encoding their
// bytes point to, not read as Windows-1252.
func TestParse_DetectsCharset(t *testing.T) {
	for _, tc := range charsetCases {
		body := encodeCase(t, tc.enc, tc.text)
		page := append(append([]byte("<!doctype html><html><head><title>x</title></head><body><article><p>"), body...), "</p></article></body></html>"...)
		for _, in := range []struct {
			kind, name string
			data       []byte
		}{{"text", "report.txt", body}, {"html", "report.html", page}} {
			t.Run(tc.name+"/"+in.kind, func(t *testing.T) {
				docs, err := Parse(context.Background(), in.name, in.data, Options{})
				if err != nil || len(docs) != 1 {
					t.Fatalf("%d documents, %v", len(docs), err)
				}
				if !strings.Contains(docs[0].Text, tc.want) {
					t.Fatalf("text %q lacks %q", docs[0].Text, tc.want)
				}
			})
		}
	}
}

// TestFetch_DetectsCharset checks the same over HTTP, for a Content-Type
// without a charset.
func TestFetch_DetectsCharset(t *testing.T) {
	mux := http.NewServeMux()
	for _, tc := range charsetCases {
		body := encodeCase(t, tc.enc, tc.text)
		mux.HandleFunc("/"+tc.name+".txt", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/plain")
			w.Write(body)
		})
		mux.HandleFunc("/"+tc.name+".html", func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte("<!doctype html><html><head><title>x</title></head><body><article><p>"))
			w.Write(body)
			w.Write([]byte("</p></article></body></html>"))
		})
	}
	srv := httptest.NewServer(mux)
	defer srv.Close()
	f := testFetcher(t, 5*time.Second, srv)
	for _, tc := range charsetCases {
		for _, ext := range []string{".txt", ".html"} {
			t.Run(tc.name+ext, func(t *testing.T) {
				var got []string
				err := f.readURL(context.Background(), srv.URL+"/"+tc.name+ext, func(r Result) error {
					if r.Err != nil {
						return r.Err
					}
					got = append(got, r.Doc.Text)
					return nil
				})
				if err != nil || len(got) != 1 {
					t.Fatalf("%d documents, %v", len(got), err)
				}
				if !strings.Contains(got[0], tc.want) {
					t.Fatalf("text %q lacks %q", got[0], tc.want)
				}
			})
		}
	}
}

// TestToUTF8_Declarations checks which declaration wins: valid UTF-8 is
// UTF-8 whatever the page says; other bytes follow a <meta> charset even
// when it comes after the first 1,024 bytes (HTML5's prescan window);
// the Content-Type header wins over both.
func TestToUTF8_Declarations(t *testing.T) {
	const polish = "Żołnierze zatrzymali dwóch podejrzanych w pobliżu granicy; śledztwo prowadzi prokuratura w Lublinie."
	padding := "<style>" + strings.Repeat(".x{margin:0}\n", 120) + "</style>"
	page := func(meta string, body []byte) []byte {
		return append([]byte("<!doctype html><html><head>"+padding+meta+"<title>t</title></head><body><p>"), append(body, "</p></body></html>"...)...)
	}
	cp1250 := encodeCase(t, charmap.Windows1250, polish)
	tests := []struct {
		name, contentType string
		data              []byte
	}{
		{"utf-8 declared late", "", page(`<meta charset="utf-8">`, []byte(polish))},
		{"utf-8 declared as latin-1", "", page(`<meta charset="iso-8859-1">`, []byte(polish))},
		{"windows-1250 declared late", "", page(`<meta http-equiv="Content-Type" content="text/html; charset=windows-1250">`, cp1250)},
		{"windows-1250 by header", "text/html; charset=windows-1250", page(`<meta charset="utf-8">`, cp1250)},
	}
	for _, tc := range tests {
		out, err := toUTF8(tc.data, tc.contentType)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if !strings.Contains(string(out), polish) {
			t.Errorf("%s: decoded text lacks the Polish sentence:\n%s", tc.name, out[len(out)-200:])
		}
	}
}
