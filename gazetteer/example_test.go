package gazetteer_test

import (
	"fmt"

	"github.com/sitrep-dev/sitrep/gazetteer"
)

func ExampleNormalize() {
	fmt.Println(gazetteer.Normalize("Mazar-i-Sharif"), gazetteer.Normalize("Mazar-e Sharif"), gazetteer.Normalize("Jowzjān"))
	// Output: mazarisharif mazarisharif juzjan
}
