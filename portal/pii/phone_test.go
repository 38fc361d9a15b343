package pii_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/pbnode/pbnode/portal/pii"
)

func TestNormalizePhone(t *testing.T) {
	const want = "+79161234567"
	tests := []struct {
		name    string
		in      string
		want    string
		wantErr error
	}{
		// the login is a Russian mobile number, in the spellings people type.
		{"E.164", "+79161234567", want, nil},
		{"spaced with plus", "+7 916 123-45-67", want, nil},
		{"trunk prefix 8", "8 (916) 123 45 67", want, nil},
		{"eleven digits from 7", "79161234567", want, nil},
		{"ten national digits", "9161234567", want, nil},
		{"dashes", "+7-916-123-45-67", want, nil},
		{"dots", "8.916.123.45.67", want, nil},
		{"surrounding white space", " \t+7 (916) 1234567\n", want, nil},
		{"no-break spaces", "+7\u00a0916\u00a0123\u00a045\u00a067", want, nil},
		{"dialled abroad from Russia", "8 10 7 916 123 45 67", want, nil},
		{"dialled with 00", "00 7 916 123 45 67", want, nil},
		{"another mobile code", "+7 999 000-00-00", "+79990000000", nil},

		// Numbers of other countries.
		{"UK", "+44 20 7946 0958", "", pii.ErrForeignPhone},
		{"US", "+1 (212) 555-0100", "", pii.ErrForeignPhone},
		{"Belarus mobile", "+375 29 123-45-67", "", pii.ErrForeignPhone},
		{"Germany dialled with 00", "0049 30 1234567", "", pii.ErrForeignPhone},
		{"Ukraine dialled from Russia", "8 10 380 44 123 45 67", "", pii.ErrForeignPhone},
		{"Kazakhstan mobile, shared code 7", "+7 701 123 45 67", "", pii.ErrForeignPhone},
		{"Kazakhstan landline with trunk 8", "8 727 123 45 67", "", pii.ErrForeignPhone},
		{"Kazakhstan 6xx", "+7 600 123 45 67", "", pii.ErrForeignPhone},

		// registration is by SMS, so only mobile numbers.
		{"Moscow landline", "+7 495 123-45-67", "", pii.ErrPhoneNotMobile},
		{"Krasnoyarsk landline", "8 (391) 212-34-56", "", pii.ErrPhoneNotMobile},
		{"toll-free", "8 800 555 35 35", "", pii.ErrPhoneNotMobile},

		{"empty", "", "", pii.ErrPhoneFormat},
		{"white space only", " \t ", "", pii.ErrPhoneFormat},
		{"plus only", "+", "", pii.ErrPhoneFormat},
		{"letters", "+7 916 ABC-45-67", "", pii.ErrPhoneFormat},
		{"nine digits", "916 123 45 6", "", pii.ErrPhoneFormat},
		{"twelve digits", "8 916 123 45 678", "", pii.ErrPhoneFormat},
		{"+7 and eleven digits", "+7 916 123 45 678", "", pii.ErrPhoneFormat},
		{"+7 and nine digits", "+7 916 123 45 6", "", pii.ErrPhoneFormat},
		{"two pluses", "++79161234567", "", pii.ErrPhoneFormat},
		{"plus inside", "7+9161234567", "", pii.ErrPhoneFormat},
		{"+0", "+0 916 123 45 67", "", pii.ErrPhoneFormat},
		{"foreign, too short", "+44 123", "", pii.ErrPhoneFormat},
		{"foreign, past E.164 length", "+44 1234 5678 9012 34", "", pii.ErrPhoneFormat},
		{"unassigned code 0xx", "8 016 123 45 67", "", pii.ErrPhoneFormat},
		{"unassigned code 5xx", "+7 516 123 45 67", "", pii.ErrPhoneFormat},
		{"fullwidth digits", "＋７９１６１２３４５６７", "", pii.ErrPhoneFormat},
		{"extension", "+7 916 123-45-67 доб. 1", "", pii.ErrPhoneFormat},
		{"00 alone", "00", "", pii.ErrPhoneFormat},
		{"00 7 alone", "007", "", pii.ErrPhoneFormat},
		{"past the input bound", "+7 " + strings.Repeat("-", 60) + "9161234567", "", pii.ErrPhoneFormat},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := pii.NormalizePhone(tt.in)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("NormalizePhone(%q) error = %v, want %v", tt.in, err, tt.wantErr)
			}
			if got.Reveal() != tt.want {
				t.Errorf("NormalizePhone(%q) = %q, want %q", tt.in, got.Reveal(), tt.want)
			}
			if (err != nil) != got.IsZero() {
				t.Errorf("NormalizePhone(%q): IsZero = %v with error %v", tt.in, got.IsZero(), err)
			}
		})
	}
}

func TestPhoneMaskAndEqual(t *testing.T) {
	p, err := pii.NormalizePhone("8 (916) 123-45-67")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := p.String(), "+7916*****67"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	q, err := pii.NormalizePhone("+79161234567")
	if err != nil {
		t.Fatal(err)
	}
	if !p.Equal(q) {
		t.Error("two spellings of one number are not Equal")
	}
	other, err := pii.NormalizePhone("+79161234568")
	if err != nil {
		t.Fatal(err)
	}
	if p.Equal(other) {
		t.Error("different numbers are Equal")
	}
	var zero pii.Phone
	if !zero.IsZero() || zero.Reveal() != "" || zero.String() != "" || zero.Equal(p) {
		t.Errorf("zero Phone: IsZero %v, Reveal %q, String %q", zero.IsZero(), zero.Reveal(), zero.String())
	}
}
