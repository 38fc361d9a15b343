package pii_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/portal/pii"
)

func TestParsePassport(t *testing.T) {
	tests := []struct {
		name           string
		series, number string
		want           string
		wantErr        error
	}{
		// series of 4 digits and number of 6 digits.
		{"as printed", "45 09", "123 456", "4509123456", nil},
		{"no spaces", "4509", "123456", "4509123456", nil},
		{"surrounding white space", " 45 09\t", "\n123456 ", "4509123456", nil},
		{"zeros: only the format is checked here, the registry does the rest", "0000", "000000", "0000000000", nil},

		{"series of 3 digits", "450", "123456", "", pii.ErrPassportSeries},
		{"series of 5 digits", "45091", "123456", "", pii.ErrPassportSeries},
		{"empty series", "", "123456", "", pii.ErrPassportSeries},
		{"series with letters", "45АБ", "123456", "", pii.ErrPassportSeries},
		{"series with a dash", "45-09", "123456", "", pii.ErrPassportSeries},
		{"series and number in the series field", "4509 123456", "", "", pii.ErrPassportSeries},
		{"both wrong: the series is reported", "450", "12345", "", pii.ErrPassportSeries},
		{"number of 5 digits", "4509", "12345", "", pii.ErrPassportNumber},
		{"number of 7 digits", "4509", "1234567", "", pii.ErrPassportNumber},
		{"empty number", "4509", "", "", pii.ErrPassportNumber},
		{"number with a sign", "4509", "№123456", "", pii.ErrPassportNumber},
		{"number past the input bound", "4509", "123456" + strings.Repeat(" ", 64), "", pii.ErrPassportNumber},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := pii.ParsePassport(tt.series, tt.number)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ParsePassport(%q, %q) error = %v, want %v", tt.series, tt.number, err, tt.wantErr)
			}
			if got.Reveal() != tt.want {
				t.Errorf("ParsePassport(%q, %q) = %q, want %q", tt.series, tt.number, got.Reveal(), tt.want)
			}
		})
	}
	p, err := pii.ParsePassport("4509", "123456")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.String(), "**** ****56"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestParseFLS(t *testing.T) {
	tests := []struct {
		name    string
		in      string
		want    string
		wantErr error
	}{
		// the flat's personal account number is 10 digits.
		{"ten digits", "1234567890", "1234567890", nil},
		{"spaces anywhere", " 12345 67890 ", "1234567890", nil},
		{"leading zeros kept", "0000000001", "0000000001", nil},

		{"nine digits", "123456789", "", pii.ErrFLSFormat},
		{"eleven digits", "12345678901", "", pii.ErrFLSFormat},
		{"empty", "", "", pii.ErrFLSFormat},
		{"letters", "123456789O", "", pii.ErrFLSFormat},
		{"dashes", "12345-67890", "", pii.ErrFLSFormat},
		{"past the input bound", "1234567890" + strings.Repeat(" ", 64), "", pii.ErrFLSFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := pii.ParseFLS(tt.in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ParseFLS(%q) error = %v, want %v", tt.in, err, tt.wantErr)
			}
			if got.Reveal() != tt.want {
				t.Errorf("ParseFLS(%q) = %q, want %q", tt.in, got.Reveal(), tt.want)
			}
		})
	}
	n, err := pii.ParseFLS("1234567890")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := n.String(), "********90"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestParsePropertyCert(t *testing.T) {
	const want = "77-АБ 123456"
	tests := []struct {
		name    string
		in      string
		want    string
		wantErr error
	}{
		// the flat's L2 verification, a certificate blank number.
		{"as printed", "77-АБ 123456", want, nil},
		{"lower case and №", "77 аб № 123456", want, nil},
		{"run together", "77АБ123456", want, nil},
		{"№ first", "№ 77-АБ 123456", want, nil},
		{"Latin lookalikes", "77-AB 123456", "77-АВ 123456", nil},
		{"lower-case Latin lookalikes", "50 xe 000001", "50-ХЕ 000001", nil},
		{"Ё", "24-ЁЖ 654321", "24-ЁЖ 654321", nil},
		{"lower-case ё", "24 ёж 654321", "24-ЁЖ 654321", nil},

		{"region 00", "00-АБ 123456", "", pii.ErrPropertyCertFormat},
		{"region of one digit", "7-АБ 123456", "", pii.ErrPropertyCertFormat},
		{"region of three digits", "777-АБ 123456", "", pii.ErrPropertyCertFormat},
		{"one letter", "77-А 123456", "", pii.ErrPropertyCertFormat},
		{"three letters", "77-АБВ 123456", "", pii.ErrPropertyCertFormat},
		{"five-digit number", "77-АБ 12345", "", pii.ErrPropertyCertFormat},
		{"seven-digit number", "77-АБ 1234567", "", pii.ErrPropertyCertFormat},
		{"letters first", "АБ 77 123456", "", pii.ErrPropertyCertFormat},
		{"Latin without a lookalike", "77-ZZ 123456", "", pii.ErrPropertyCertFormat},
		{"another group", "77-АБ 123456 В", "", pii.ErrPropertyCertFormat},
		{"no letters", "77 123456", "", pii.ErrPropertyCertFormat},
		{"slash", "77/АБ 123456", "", pii.ErrPropertyCertFormat},
		{"empty", "", "", pii.ErrPropertyCertFormat},
		{"past the input bound", want + strings.Repeat(" ", 64), "", pii.ErrPropertyCertFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := pii.ParsePropertyCert(tt.in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("ParsePropertyCert(%q) error = %v, want %v", tt.in, err, tt.wantErr)
			}
			if got.Reveal() != tt.want {
				t.Errorf("ParsePropertyCert(%q) = %q, want %q", tt.in, got.Reveal(), tt.want)
			}
		})
	}
	c, err := pii.ParsePropertyCert(want)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.String(), "**-** ****56"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
