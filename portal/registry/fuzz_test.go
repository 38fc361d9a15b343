package registry_test

import (
	"encoding/csv"
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/portal/registry"
)

// loadSentinels are the errors a LoadError may hold when every file exists.
var loadSentinels = []error{
	registry.ErrHeader, registry.ErrEncoding, registry.ErrPersonID, registry.ErrEmpty,
	registry.ErrDuplicate, registry.ErrUnknownPerson, registry.ErrUnknownFlat,
	pii.ErrSNILSFormat, pii.ErrSNILSChecksum, pii.ErrPassportSeries, pii.ErrPassportNumber,
	pii.ErrFLSFormat, pii.ErrPropertyCertFormat,
	pii.ErrBirthDateFormat, pii.ErrBirthDateFuture, pii.ErrBirthDateTooOld,
	csv.ErrQuote, csv.ErrBareQuote, csv.ErrFieldCount,
}

var columns = []string{
	"", "person_id", "full_name", "birth_date", "registration_address", "series", "number",
	"snils", "fls", "building_address", "flat_number", "property_cert",
}

var digitRun = regexp.MustCompile(`[0-9]{4,}`)

// FuzzLoad: Open never panics on any text of any one file, and its errors are LoadErrors made
// of a file name, a position, a column name and a constant message: they never repeat the
// digits of the input.
//
//	go test -run '^$' -fuzz FuzzLoad -fuzztime 10s ./portal/registry/
func FuzzLoad(f *testing.F) {
	valid := validFS(f)
	for i, name := range files {
		f.Add(uint8(i), string(valid[name].Data))
	}
	f.Add(uint8(1), "person_id,series,number\np1,4509,123456\np2,4509,123456\n")
	f.Add(uint8(2), "person_id,snils\np1,112-233-445 96\n")
	f.Add(uint8(2), "snils,person_id\n\"112-233\n-445 95\",p1\n")
	f.Add(uint8(3), "fls,building_address,flat_number\n123456789,a,1\n")
	f.Add(uint8(4), "person_id,fls,property_cert\np1,1234567890,77-АБ 1234567\n")
	f.Add(uint8(5), "person_id,fls\np1,12\"34567890\n")
	f.Fuzz(func(t *testing.T, file uint8, text string) {
		fsys := maps.Clone(valid)
		fsys[files[int(file)%len(files)]] = &fstest.MapFile{Data: []byte(text)}
		reg, err := registry.Open(t.Context(), fsys)
		if err == nil {
			if _, err := reg.CheckPerson(t.Context(), ivanov); err != nil {
				t.Fatal(err)
			}
			return
		}
		rest := err.Error()
		for _, le := range loadErrors(t, err) {
			if !slices.Contains(files, le.File) || !slices.Contains(columns, le.Field) ||
				!slices.ContainsFunc(loadSentinels, func(s error) bool { return le.Err == s }) {
				t.Fatalf("unexpected error %#v", le)
			}
			rest = strings.Replace(rest, fmt.Sprintf("%s:%d:%d:", le.File, le.Line, le.Column), "", 1)
		}
		for _, s := range loadSentinels {
			rest = strings.ReplaceAll(rest, s.Error(), "")
		}
		for _, digits := range digitRun.FindAllString(text, -1) {
			if strings.Contains(rest, digits) || len(digits) >= 7 && strings.Contains(err.Error(), digits) {
				t.Fatalf("error %q repeats %q of the input", err, digits)
			}
		}
	})
}

// loadErrors returns the LoadErrors that err joins; it fails on any other error.
func loadErrors(t *testing.T, err error) []*registry.LoadError {
	joined, ok := errors.Unwrap(err).(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("error %v does not join LoadErrors", err)
	}
	var out []*registry.LoadError
	for _, e := range joined.Unwrap() {
		le, ok := e.(*registry.LoadError)
		if !ok {
			t.Fatalf("error %v is not a *LoadError", e)
		}
		out = append(out, le)
	}
	return out
}
