package pii_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/portal/pii"
)

func TestParseSNILS(t *testing.T) {
	tests := []struct {
		name     string
		in       string
		want     string
		wantMask string
		wantErr  error
	}{
		// weights 9..1 on the first nine digits. The comments give the weighted sum.
		{"known valid, sum 95 < 100", "112-233-445 95", "11223344595", "***-***-*** 95", nil},
		{"no separators", "11223344595", "11223344595", "***-***-*** 95", nil},
		{"spaces and dashes anywhere", " 112 233-445-95 ", "11223344595", "***-***-*** 95", nil},
		{"sum 99 < 100", "300-403-917 99", "30040391799", "***-***-*** 99", nil},
		{"sum exactly 100 gives 00", "402-102-488 00", "40210248800", "***-***-*** 00", nil},
		{"sum exactly 101 gives 00", "141-141-702 00", "14114170200", "***-***-*** 00", nil},
		{"sum 102 > 101 gives 102 mod 101 = 01", "201-045-764 01", "20104576401", "***-***-*** 01", nil},
		{"sum 150 > 101 gives 49", "290-134-338 49", "29013433849", "***-***-*** 49", nil},
		{"sum 200 > 101 gives 99", "364-942-055 99", "36494205599", "***-***-*** 99", nil},
		{"sum 201, mod 101 is 100, gives 00", "642-185-924 00", "64218592400", "***-***-*** 00", nil},
		{"sum 202, mod 101 is 0, gives 00", "195-537-215 00", "19553721500", "***-***-*** 00", nil},
		{"sum 302, mod 101 is 100, gives 00", "893-776-569 00", "89377656900", "***-***-*** 00", nil},
		{"sum 405, the largest, gives 01", "999-999-999 01", "99999999901", "***-***-*** 01", nil},
		// The Pension Fund checks only numbers above 001-001-998 (see snilsUncheckedMax).
		{"first checked number, sum 65", "001-001-999 65", "00100199965", "***-***-*** 65", nil},
		{"first checked number with a small sum 15", "001-002-000 15", "00100200015", "***-***-*** 15", nil},
		{"last unchecked number, any check digits", "001-001-998 42", "00100199842", "***-***-*** 42", nil},
		{"small unchecked number", "000-000-001 00", "00000000100", "***-***-*** 00", nil},

		// wrong check digits.
		{"check digit off by one", "112-233-445 94", "", "", pii.ErrSNILSChecksum},
		{"check digits swapped", "112-233-445 59", "", "", pii.ErrSNILSChecksum},
		{"two digits swapped in the number", "121-233-445 95", "", "", pii.ErrSNILSChecksum},
		{"sum 99 with 00", "300-403-917 00", "", "", pii.ErrSNILSChecksum},
		{"sum 100 with the unreduced sum's last digits", "402-102-488 10", "", "", pii.ErrSNILSChecksum},
		{"sum 101 with 01", "141-141-702 01", "", "", pii.ErrSNILSChecksum},
		{"sum 201 with 99", "642-185-924 99", "", "", pii.ErrSNILSChecksum},
		{"first checked number with 00", "001-001-999 00", "", "", pii.ErrSNILSChecksum},

		// eleven digits.
		{"empty", "", "", "", pii.ErrSNILSFormat},
		{"ten digits", "112-233-445 9", "", "", pii.ErrSNILSFormat},
		{"twelve digits", "112-233-445 955", "", "", pii.ErrSNILSFormat},
		{"letters", "112-233-44A 95", "", "", pii.ErrSNILSFormat},
		{"dots are not separators", "112.233.445 95", "", "", pii.ErrSNILSFormat},
		{"never issued 000-000-000", "000-000-000 00", "", "", pii.ErrSNILSFormat},
		{"past the input bound", "112-233-445 95" + strings.Repeat(" ", 64), "", "", pii.ErrSNILSFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := pii.ParseSNILS(tt.in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ParseSNILS(%q) error = %v, want %v", tt.in, err, tt.wantErr)
			}
			if got.Reveal() != tt.want || got.String() != tt.wantMask {
				t.Errorf("ParseSNILS(%q) = %q masked %q, want %q masked %q", tt.in, got.Reveal(), got.String(), tt.want, tt.wantMask)
			}
		})
	}
}

func TestSNILSEqual(t *testing.T) {
	a, errA := pii.ParseSNILS("112-233-445 95")
	b, errB := pii.ParseSNILS("11223344595")
	c, errC := pii.ParseSNILS("300-403-917 99")
	if err := errors.Join(errA, errB, errC); err != nil {
		t.Fatal(err)
	}
	if !a.Equal(b) || a.Equal(c) {
		t.Errorf("Equal: same number %v, different numbers %v", a.Equal(b), a.Equal(c))
	}
	var zero pii.SNILS
	if !zero.IsZero() || a.IsZero() || zero.Reveal() != "" {
		t.Errorf("IsZero: zero %v, parsed %v", zero.IsZero(), a.IsZero())
	}
}
