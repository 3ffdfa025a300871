package ingest

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestBodySpan_CreditsAndFooters checks the line between a photo credit,
// which stands inside articles, and a copyright footer, which ends them.
// Texts of our own writing.
func TestBodySpan_CreditsAndFooters(t *testing.T) {
	const (
		lead  = "Flooding closed the main road into the town on Tuesday, officials said.\n\nThree villages were cut off and about 400 families moved to a school.\n\n"
		after = "Rescue teams reached the villages by boat on Wednesday morning and handed out food and water.\n\n"
	)
	tests := []struct {
		name, text string
		want, lack []string
	}{
		{"credit inside the article", lead + "© Reuters\n\n" + after + "The road reopened on Thursday.",
			[]string{"Rescue teams reached", "reopened on Thursday."}, nil},
		{"credit with a photographer", lead + "© Regional Council | A. Example\n\n" + after + "The road reopened on Thursday.",
			[]string{"Rescue teams reached"}, nil},
		{"credit at the end", lead + after + "Photo: A. Example",
			[]string{"Rescue teams reached"}, []string{"Photo: A. Example"}},
		{"copyright footer with a year", lead + after + "© 2024 Example Media. More text of the footer.\n\nAbout us",
			[]string{"Rescue teams reached"}, []string{"© 2024", "About us"}},
		{"copyright footer with the sign after the word", lead + after + "Copyright © Example Media\n\nPrivacy",
			[]string{"Rescue teams reached"}, []string{"Copyright", "Privacy"}},
		{"rights reserved", lead + after + "Example Media, all rights reserved.\n\nTerms",
			[]string{"Rescue teams reached"}, []string{"all rights reserved", "Terms"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := bodySpan(tc.text)
			if err != nil {
				t.Fatal(err)
			}
			body := tc.text[s.Start:s.End]
			for _, w := range tc.want {
				if !strings.Contains(body, w) {
					t.Errorf("body lacks %q:\n%s", w, body)
				}
			}
			for _, l := range tc.lack {
				if strings.Contains(body, l) {
					t.Errorf("body holds %q:\n%s", l, body)
				}
			}
		})
	}
}

// TestExtractedText_InlineEdges checks that the edges of inline elements
// separate words in go-trafilatura's tree, whose text after an element is
// trimmed, but not before closing or after opening punctuation, and that
// the visible text of a page (nodeText) keeps its own spacing.
func TestExtractedText_InlineEdges(t *testing.T) {
	tests := []struct {
		html, extracted, visible string
	}{
		{`<p><strong>Update:</strong>The ministry said</p>`, "Update: The ministry said", "Update:The ministry said"},
		{`<p>the <code>curfew</code>order applies</p>`, "the curfew order applies", "the curfeworder applies"},
		{`<p>in <b>Kabul</b>, on Sunday</p>`, "in Kabul, on Sunday", "in Kabul, on Sunday"},
		{`<p>(<i>AP</i>) officials</p>`, "(AP) officials", "(AP) officials"},
		{`<p>“<em>We</em>” said</p>`, "“We” said", "“We” said"},
		{`<p><a>Gao</a>’s market</p>`, "Gao’s market", "Gao’s market"},
		{`<p>a <b>b</b> c</p>`, "a b c", "a b c"},
		{`<pre>x<b>y</b>z</pre>`, "xyz", "xyz"},
	}
	for _, tc := range tests {
		root, err := html.Parse(strings.NewReader(tc.html))
		if err != nil {
			t.Fatal(err)
		}
		body := findBody(root)
		if got := extractedText(body); got != tc.extracted {
			t.Errorf("extractedText(%s) = %q, want %q", tc.html, got, tc.extracted)
		}
		if got := nodeText(body); got != tc.visible {
			t.Errorf("nodeText(%s) = %q, want %q", tc.html, got, tc.visible)
		}
	}
}
