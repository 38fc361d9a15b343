package registry

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"time"
	"unicode/utf8"
)

// Errors of a row or header, in LoadError.Err. Besides these, LoadError.Err holds the
// errors of the pii parsers (pii.ErrSNILSChecksum, pii.ErrFLSFormat, ...) for a refused
// document and those of encoding/csv (csv.ErrQuote, csv.ErrBareQuote, csv.ErrFieldCount) for
// a line that is not RFC 4180. None of the messages repeats a value.
var (
	ErrHeader        = errors.New("header row must name each column of the file once")
	ErrEncoding      = errors.New("value is not valid UTF-8")
	ErrPersonID      = errors.New("person_id must be 1 to 64 ASCII letters, digits, '-', '_' or '.'")
	ErrEmpty         = errors.New("value must not be empty")
	ErrDuplicate     = errors.New("duplicate: an earlier row holds the same key")
	ErrUnknownPerson = errors.New("person_id is not in residents.csv")
	ErrUnknownFlat   = errors.New("fls is not in flats.csv")
)

// LoadError is a refused header, row or value of an extract.
type LoadError struct {
	File   string // "snils.csv"
	Line   int    // 1-based
	Column int    // 1-based byte position in the line, as encoding/csv counts it
	Field  string // the column's name, "snils"; "" for a line that is not RFC 4180
	Err    error
}

// Error returns "snils.csv:3:4: snils: SNILS check digits do not match".
func (e *LoadError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("%s:%d:%d: %v", e.File, e.Line, e.Column, e.Err)
	}
	return fmt.Sprintf("%s:%d:%d: %s: %v", e.File, e.Line, e.Column, e.Field, e.Err)
}

func (e *LoadError) Unwrap() error { return e.Err }

// maxErrors bounds the errors reported for one file.
const maxErrors = 20

// table is one extract file: its columns and how a row is added to the snapshot. add gets the
// values in the order of columns and returns the index of the refused one with the error.
type table struct {
	file    string
	columns []string
	add     func(l *loader, v []string) (int, error)
}

// tables are read in this order, so that a row refers only to rows already read.
var tables = []table{
	{"residents.csv", []string{"person_id", "full_name", "birth_date", "registration_address"}, (*loader).addResident},
	{"passports.csv", []string{"person_id", "series", "number"}, (*loader).addPassport},
	{"snils.csv", []string{"person_id", "snils"}, (*loader).addSNILS},
	{"flats.csv", []string{"fls", "building_address", "flat_number"}, (*loader).addFlat},
	{"owners.csv", []string{"person_id", "fls", "property_cert"}, (*loader).addOwner},
	{"social_tenants.csv", []string{"person_id", "fls"}, (*loader).addTenant},
}

// loader builds a snapshot from the tables.
type loader struct {
	s     *snapshot
	today time.Time            // for pii.ParseBirthDate
	held  map[documentKey]bool // the kinds of document each person has a row for
}

// load reads every table of fsys. It stops after the first file with errors and returns up
// to maxErrors of them, joined.
func load(ctx context.Context, fsys fs.FS, today time.Time) (*snapshot, error) {
	l := &loader{s: newSnapshot(), today: today, held: map[documentKey]bool{}}
	for _, t := range tables {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if errs := l.read(fsys, t); len(errs) > 0 {
			return nil, fmt.Errorf("load registry extracts: %w", errors.Join(errs...))
		}
	}
	return l.s, nil
}

// read adds the rows of one table and returns the errors found in it.
func (l *loader) read(fsys fs.FS, t table) []error {
	f, err := fsys.Open(t.file)
	if err != nil {
		return []error{err}
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.ReuseRecord = true
	cols, err := header(r, t)
	if err != nil {
		return []error{err}
	}
	v := make([]string, len(cols))
	var errs []error
	for len(errs) < maxErrors {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			errs = append(errs, readError(t.file, err))
			if errors.Is(err, csv.ErrFieldCount) {
				continue
			}
			break // after a quoting error the reader's place in the file is unsure
		}
		if err := l.row(t, cols, rec, v); err != nil {
			line, col := r.FieldPos(cols[err.index])
			errs = append(errs, &LoadError{File: t.file, Line: line, Column: col, Field: t.columns[err.index], Err: err.err})
		}
	}
	return errs
}

type valueError struct {
	index int // in table.columns
	err   error
}

// row puts the record's values into v in the table's order and adds them.
func (l *loader) row(t table, cols []int, rec, v []string) *valueError {
	for i, c := range cols {
		v[i] = strings.TrimSpace(rec[c])
		if !utf8.ValidString(v[i]) {
			return &valueError{i, ErrEncoding}
		}
	}
	if i, err := t.add(l, v); err != nil {
		return &valueError{i, err}
	}
	return nil
}

// header reads the header row and returns, for each of the table's columns, its index in a
// record. Columns may come in any order; columns the table does not know are ignored.
func header(r *csv.Reader, t table) ([]int, error) {
	names, err := r.Read()
	if err == io.EOF {
		return nil, &LoadError{File: t.file, Line: 1, Column: 1, Err: ErrHeader}
	}
	if err != nil {
		return nil, readError(t.file, err)
	}
	line, _ := r.FieldPos(0)
	at := make(map[string]int, len(names))    // a column's index
	again := make(map[string]int, len(names)) // the index where a column's name is repeated
	for i, name := range names {
		name = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(name, "\ufeff")))
		if _, seen := at[name]; seen {
			again[name] = i
			continue
		}
		at[name] = i
	}
	cols := make([]int, len(t.columns))
	for i, name := range t.columns {
		j, ok := at[name]
		if !ok {
			return nil, &LoadError{File: t.file, Line: line, Column: 1, Field: name, Err: ErrHeader}
		}
		if k, dup := again[name]; dup {
			_, col := r.FieldPos(k)
			return nil, &LoadError{File: t.file, Line: line, Column: col, Field: name, Err: ErrHeader}
		}
		cols[i] = j
	}
	return cols, nil
}

// readError translates an error of csv.Reader.Read.
func readError(file string, err error) error {
	if pe, ok := errors.AsType[*csv.ParseError](err); ok {
		return &LoadError{File: file, Line: pe.Line, Column: pe.Column, Err: pe.Err}
	}
	return fmt.Errorf("read %s: %w", file, err)
}
