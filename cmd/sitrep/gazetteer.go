package main

import (
	"encoding/json"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/sitrep-dev/sitrep/gazetteer"
)

func init() { commands = append(commands, newGazetteerCmd) }

// newGazetteerCmd is `sitrep gazetteer`: import outside gazetteers and look
// names up.
func newGazetteerCmd(a *app) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "gazetteer",
		Short: "Import outside gazetteers and look up place names",
		Long: `The gazetteer is built in: every GeoNames place of 500 people or more, with
regions and countries (GeoNames, CC BY 4.0). "import" adds outside gazetteers
on top of it, stored under the data directory ($SITREP_DATA_DIR, else
$XDG_DATA_HOME/sitrep, else ~/.local/share/sitrep).`,
	}
	cmd.AddCommand(newGazetteerImportCmd(a), newGazetteerLookupCmd(a), newGazetteerListCmd(a))
	return cmd
}

func newGazetteerImportCmd(a *app) *cobra.Command {
	var opts gazetteer.ImportOptions
	cmd := &cobra.Command{
		Use:   "import FILE...",
		Short: "Add outside gazetteers: GeoNames dumps, GeoJSON, CSV or JSON place lists",
		Long: `Import reads each FILE and stores its places for every later run:
  - a GeoNames dump (XX.txt, allCountries.txt: 19 tab-separated columns);
  - a GeoJSON FeatureCollection of points or polygons, with the place name and
    its region (admin1/province/state, admin2/district) in the properties;
  - a CSV with a header: name, lat/latitude, lon/lng/longitude, and optionally
    country (ISO alpha-2), admin1/province, admin2/district, population,
    feature_code, alternates;
  - a JSON array of such objects, where an array of objects under a key such as
    "districts" or "villages" nests places in their parent.
A file that names no country gets the one whose regions its region names
match, or --country. A malformed line is an error that names the line.`,
		Args: cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := gazetteer.DataDir()
			if dir == "" {
				return errors.New("gazetteer import: no data directory: set SITREP_DATA_DIR")
			}
			g, err := gazetteer.Open(dir)
			if err != nil {
				return err
			}
			failed := 0
			for _, f := range args {
				o := opts
				if len(args) > 1 {
					o.Name = ""
				}
				n, path, err := g.Import(dir, f, o)
				if err != nil {
					fmt.Fprintln(a.stderr, "sitrep:", err)
					failed++
					continue
				}
				fmt.Fprintf(a.stdout, "%s: %d places stored in %s\n", f, n, path)
			}
			if failed > 0 {
				return exitCode(1)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&opts.Country, "country", "", "ISO 3166-1 alpha-2 code of places that name no country")
	cmd.Flags().StringVar(&opts.Name, "name", "", "name to store the gazetteer under (default: the file's base name)")
	return cmd
}

func newGazetteerLookupCmd(a *app) *cobra.Command {
	var limit int
	cmd := &cobra.Command{
		Use:   "lookup NAME...",
		Short: "Print the places a name may mean, best first, one JSON object per line",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			g, err := gazetteer.Default()
			if err != nil {
				return err
			}
			enc := json.NewEncoder(a.stdout)
			for _, name := range args {
				ps := g.Lookup(name)
				if limit > 0 && len(ps) > limit {
					ps = ps[:limit]
				}
				for _, p := range ps {
					if err := enc.Encode(struct {
						Query string `json:"query"`
						gazetteer.Place
					}{name, p}); err != nil {
						return err
					}
				}
			}
			return nil
		},
	}
	cmd.Flags().IntVarP(&limit, "limit", "n", 5, "print at most this many places per name (0: all)")
	return cmd
}

func newGazetteerListCmd(a *app) *cobra.Command {
	return &cobra.Command{
		Use:   "list",
		Short: "List the imported gazetteers",
		Args:  cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := gazetteer.DataDir()
			files, err := gazetteer.Imported(dir)
			if err != nil {
				return err
			}
			for _, f := range files {
				fmt.Fprintln(a.stdout, f)
			}
			return nil
		},
	}
}
