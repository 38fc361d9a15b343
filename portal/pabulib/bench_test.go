package pabulib_test

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/pbnode/pbnode/portal/pabulib"
)

// largestFile is the largest of the pabulib elections (1920 ordinal votes, 53 kB).
const largestFile = "Poland_Krakow_2020_Pradnik_Czerwony.pb"

// BenchmarkParse parses the largest file from memory; the baseline "read" only copies the
// same bytes through an io.Reader, and "split" cuts them into lines and fields as the
// cheapest possible reader of the format would.
func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(realFiles, largestFile))
	if err != nil {
		b.Fatal(err)
	}
	b.Run("baseline=read", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := io.Copy(io.Discard, bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("baseline=split", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			n := 0
			for line := range bytes.Lines(data) {
				n += len(bytes.Split(line, []byte(";")))
			}
			if n == 0 {
				b.Fatal("no fields")
			}
		}
	})
	b.Run("parse", func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			if _, err := pabulib.Parse(bytes.NewReader(data)); err != nil {
				b.Fatal(err)
			}
		}
	})
}
