package place

import "strings"

// SiteSuffix returns the byte span of the site's name that a scraped
// headline carries after a separator ("Third victim dies - KSLA News 12
// Shreveport, Louisiana", "Party shooting « CBS Philly", "... - WMC
// Action News 5 - Memphis, Tennessee"): from the first separator (" - ",
// " | ", " « ") of the text's first line whose part after it holds a word
// in capitals of two to five letters (a station's call sign, a network:
// "KSLA", "CBS", "WMC"), to the end of the line. A headline's own words
// are in sentence or title case. (0, 0) when there is none.
func SiteSuffix(text string) (int, int) {
	end := strings.IndexByte(text, '\n')
	if end < 0 {
		end = len(text)
	}
	if end > 300 {
		return 0, 0
	}
	line := text[:end]
	for i := 0; i < len(line); i++ {
		n := 0
		for _, sep := range []string{" - ", " | ", " « "} {
			if strings.HasPrefix(line[i:], sep) {
				n = len(sep)
			}
		}
		if n == 0 {
			continue
		}
		for _, w := range strings.Fields(line[i+n:]) {
			if w == "-" || w == "|" || w == "«" {
				break
			}
			if callSign(strings.TrimRight(w, ",.:;")) {
				return i, end
			}
		}
	}
	return 0, 0
}

// callSign reports whether w is a word of two to five capital letters and
// digits that opens with a letter ("KSLA", "CBS", "FOX6").
func callSign(w string) bool {
	if len(w) < 2 || len(w) > 5 || w[0] < 'A' || w[0] > 'Z' {
		return false
	}
	for i := 1; i < len(w); i++ {
		if (w[i] < 'A' || w[i] > 'Z') && (w[i] < '0' || w[i] > '9') {
			return false
		}
	}
	return true
}
