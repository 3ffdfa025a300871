package date_test

import (
	"fmt"
	"time"

	"github.com/sitrep-dev/sitrep"
	"github.com/sitrep-dev/sitrep/annotate/date"
)

func ExampleFind() {
	text := "On Sunday night, March 26, police said militants had attacked a post in the past week."
	ref := time.Date(2023, 3, 27, 0, 0, 0, 0, time.UTC)
	for _, e := range date.Find(text, sitrep.Span{}, ref) {
		fmt.Printf("%q %s precision %d\n", text[e.Start:e.End], e.Value, e.Precision)
	}
	// Output:
	// "Sunday night, March 26" 2023-03-26 precision 1
	// "the past week" P1W precision 2
}

func ExampleInferReference() {
	text := "On Sunday night, March 26, the army said it had killed three militants. " +
		"Attacks have grown since the group came to power in 2021."
	now := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	ref, ok := date.InferReference(text, sitrep.Span{}, now)
	fmt.Println(ref.Format(time.DateOnly), ok)
	// Output:
	// 2023-03-26 true
}
