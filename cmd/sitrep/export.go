package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sitrep-dev/sitrep/export"
)

func init() { commands = append(commands, newExportCmd) }

func newExportCmd(a *app) *cobra.Command {
	var (
		dbPath, format string
		ff             eventFilterFlags
	)
	cmd := &cobra.Command{
		Use:   "export [--db PATH] --format csv|geojson|jsonl|json [filters]",
		Short: "Write stored events as ACLED-style CSV, GeoJSON, JSON lines or JSON",
		Long: `Write every stored event that matches the filters, newest first, to
standard output. The CSV has ACLED's columns in ACLED's order, then
sitrep's own (claimed_by, verification, ...); the GeoJSON is an RFC 7946
FeatureCollection of points (events without coordinates have a null
geometry).`,
		Example: `  sitrep export --format csv > events.csv
  sitrep export --format geojson --country Mali --from 2024-01-01 > mali.geojson`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if _, err := export.NewWriter(nil, format); err != nil {
				return fmt.Errorf("--format %q: want one of %s", format, strings.Join(export.Formats, ", "))
			}
			f, err := ff.filter()
			if err != nil {
				return err
			}
			db, _, err := openStore(cmd.Context(), dbPath, a, true)
			if err != nil {
				return err
			}
			defer db.Close()
			return writeEvents(cmd.Context(), a.stdout, db, f, ff.limit, format)
		},
	}
	addDBFlag(cmd, &dbPath)
	cmd.Flags().StringVar(&format, "format", export.CSV, "output format: "+strings.Join(export.Formats, ", "))
	ff.add(cmd.Flags(), 0)
	return cmd
}
