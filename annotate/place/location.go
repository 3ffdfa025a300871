package place

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// placeAffixes are words around a place name in text that are not part of
// the name: "northern Jawzjan province", "Kabul city".
var placePrefixes = []string{"the ", "northern ", "southern ", "eastern ", "western ", "central ",
	"north ", "south ", "east ", "west ", "northeastern ", "northwestern ", "southeastern ", "southwestern "}
var placeSuffixes = []string{" province", " city", " district", " village", " town", " governorate",
	" region", " state", " county", " Province", " City", " District", " Governorate", " Region", " State"}

// LocationName is how an event's location is written: as the article
// spells the place when the mention text is the bare name ("Raqqa", "Tal
// Rifaat", as ACLED's coders write them), else the gazetteer's name
// without diacritics ("Mazar-e Sharif" for "the 5th, 8th and 10th
// districts of Balkh province").
func LocationName(text, name string) string {
	t := text
	for _, p := range placePrefixes {
		if len(t) > len(p) && strings.EqualFold(t[:len(p)], p) {
			t = t[len(p):]
		}
	}
	for _, sfx := range placeSuffixes {
		t = strings.TrimSuffix(t, sfx)
	}
	plain := t != "" && len(strings.Fields(t)) <= 3
	caps := true
	for i, r := range t {
		switch {
		case unicode.IsLetter(r):
			if i == 0 && !unicode.IsUpper(r) {
				plain = false
			}
			if unicode.IsLower(r) {
				caps = false
			}
		case r == ' ' || r == '-' || r == '\'':
		default:
			plain = false
		}
	}
	if plain && !caps && !strings.Contains(t, " of ") {
		return asciiName(t)
	}
	return asciiName(name)
}

// asciiName spells a place name as ACLED does, without diacritics:
// "Mazār-e Sharīf" -> "Mazar-e Sharif".
func asciiName(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return s
	}
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.Mn, r) {
			continue
		}
		switch r {
		case 'ʿ', 'ʾ', '‘', '’', '`':
			continue
		}
		b.WriteRune(r)
	}
	return norm.NFC.String(b.String())
}
