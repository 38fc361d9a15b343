package pii_test

import (
	"bytes"
	"encoding/base64"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/pbnode/pbnode/portal/pii"
)

// checkRefusal checks the promise of the package documentation about refusals: the error is
// one of the parser's sentinels, returned as is, so its message cannot depend on the input;
// and the message does not hold the input's digits. Digits are checked only from seven on,
// since the sentinels' messages hold short runs such as "11" and "123456".
func checkRefusal(t *testing.T, in string, err error, sentinels ...error) {
	t.Helper()
	if !slices.Contains(sentinels, err) {
		t.Fatalf("error %q (%T) is not one of the sentinels, returned as is", err, err)
	}
	if d := digits(in); len(d) >= 7 && strings.Contains(err.Error(), d) {
		t.Fatalf("error %q holds the input's digits", err)
	}
}

// checkMask checks that the mask of an accepted value does not hold the value.
func checkMask(t *testing.T, mask, value string) {
	t.Helper()
	if d := digits(value); strings.Contains(mask, d) {
		t.Fatalf("mask %q holds the digits of %q", mask, value)
	}
}

var phoneRE = regexp.MustCompile(`^\+79[0-9]{9}$`)

func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{
		"+79161234567", "+7 916 123-45-67", "8 (916) 123 45 67", "9161234567", "8 10 7 916 123 45 67",
		"00 7 916 123 45 67", "+44 20 7946 0958", "+7 701 123 45 67", "8 800 555 35 35", "", "+", "00",
		"810", "+7\u00a0916", "＋７９１６",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		p, err := pii.NormalizePhone(in)
		if err != nil {
			checkRefusal(t, in, err, pii.ErrPhoneFormat, pii.ErrForeignPhone, pii.ErrPhoneNotMobile)
			return
		}
		r := p.Reveal()
		if !phoneRE.MatchString(r) {
			t.Fatalf("NormalizePhone(%q) = %q, not +7 9xx xxx xx xx", in, r)
		}
		if want := r[:5] + "*****" + r[10:]; p.String() != want {
			t.Fatalf("mask %q, want %q", p.String(), want)
		}
		checkMask(t, p.String(), r[2:])
		q, err := pii.NormalizePhone(r)
		if err != nil || !q.Equal(p) {
			t.Fatalf("NormalizePhone(%q) = %q, %v; not a fixed point", r, q.Reveal(), err)
		}
	})
}

// snilsCheck is written another way: sum < 100 is sum % 101; 100 and 101 give 100
// and 0 mod 101; a remainder of 100 gives 00.
func snilsCheck(nine string) int {
	sum := 0
	for i, c := range nine {
		sum += int(c-'0') * (9 - i)
	}
	return sum % 101 % 100
}

func FuzzParseSNILS(f *testing.F) {
	for _, s := range []string{
		"112-233-445 95", "11223344595", "112-233-445 94", "402-102-488 00", "141-141-702 00",
		"642-185-924 00", "001-001-998 42", "001-001-999 65", "000-000-000 00", "", "1-1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		n, err := pii.ParseSNILS(in)
		if err != nil {
			checkRefusal(t, in, err, pii.ErrSNILSFormat, pii.ErrSNILSChecksum)
			if err == pii.ErrSNILSChecksum {
				d := digits(in)
				if len(d) != 11 || snilsCheck(d[:9]) == int(d[9]-'0')*10+int(d[10]-'0') {
					t.Fatalf("ParseSNILS(%q) refused a correct check number", in)
				}
			}
			return
		}
		r := n.Reveal()
		if len(r) != 11 || digits(r) != r || r[:9] == "000000000" {
			t.Fatalf("ParseSNILS(%q) = %q", in, r)
		}
		if r[:9] > "001001998" && snilsCheck(r[:9]) != int(r[9]-'0')*10+int(r[10]-'0') {
			t.Fatalf("ParseSNILS(%q) accepted a wrong check number", in)
		}
		if want := "***-***-*** " + r[9:]; n.String() != want {
			t.Fatalf("mask %q, want %q", n.String(), want)
		}
		checkMask(t, n.String(), r)
		m, err := pii.ParseSNILS(r)
		if err != nil || !m.Equal(n) {
			t.Fatalf("ParseSNILS(%q) = %q, %v; not a fixed point", r, m.Reveal(), err)
		}
	})
}

func FuzzParsePassport(f *testing.F) {
	f.Add("45 09", "123 456")
	f.Add("4509", "123456")
	f.Add("450", "123456")
	f.Add("4509", "12345")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, series, number string) {
		p, err := pii.ParsePassport(series, number)
		if err != nil {
			checkRefusal(t, series, err, pii.ErrPassportSeries, pii.ErrPassportNumber)
			checkRefusal(t, number, err, pii.ErrPassportSeries, pii.ErrPassportNumber)
			checkRefusal(t, series+number, err, pii.ErrPassportSeries, pii.ErrPassportNumber)
			return
		}
		r := p.Reveal()
		if len(r) != 10 || digits(r) != r || r != digits(series)+digits(number) {
			t.Fatalf("ParsePassport(%q, %q) = %q", series, number, r)
		}
		checkMask(t, p.String(), r[4:])
		q, err := pii.ParsePassport(r[:4], r[4:])
		if err != nil || !q.Equal(p) {
			t.Fatalf("ParsePassport(%q, %q) = %q, %v; not a fixed point", r[:4], r[4:], q.Reveal(), err)
		}
	})
}

func FuzzParseFLS(f *testing.F) {
	for _, s := range []string{"1234567890", "12345 67890", "123456789", "12345678901", "", "12345-67890"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		n, err := pii.ParseFLS(in)
		if err != nil {
			checkRefusal(t, in, err, pii.ErrFLSFormat)
			return
		}
		r := n.Reveal()
		if len(r) != 10 || digits(r) != r || r != digits(in) {
			t.Fatalf("ParseFLS(%q) = %q", in, r)
		}
		checkMask(t, n.String(), r)
		m, err := pii.ParseFLS(r)
		if err != nil || !m.Equal(n) {
			t.Fatalf("ParseFLS(%q) = %q, %v; not a fixed point", r, m.Reveal(), err)
		}
	})
}

var certRE = regexp.MustCompile(`^[0-9]{2}-[А-ЯЁ]{2} [0-9]{6}$`)

func FuzzParsePropertyCert(f *testing.F) {
	for _, s := range []string{
		"77-АБ 123456", "77 аб № 123456", "77АБ123456", "77-AB 123456", "24 ёж 654321", "00-АБ 123456",
		"АБ 77 123456", "77-ZZ 123456", "", "№", "77-ᲀᲀ 123456",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		c, err := pii.ParsePropertyCert(in)
		if err != nil {
			checkRefusal(t, in, err, pii.ErrPropertyCertFormat)
			return
		}
		r := c.Reveal()
		if !certRE.MatchString(r) || r[:2] == "00" {
			t.Fatalf("ParsePropertyCert(%q) = %q", in, r)
		}
		if digits(r) != digits(in) {
			t.Fatalf("ParsePropertyCert(%q) = %q: the digits changed", in, r)
		}
		checkMask(t, c.String(), r[len(r)-6:])
		d, err := pii.ParsePropertyCert(r)
		if err != nil || !d.Equal(c) {
			t.Fatalf("ParsePropertyCert(%q) = %q, %v; not a fixed point", r, d.Reveal(), err)
		}
	})
}

func FuzzParseBirthDate(f *testing.F) {
	for _, s := range []string{
		"1985-03-17", "17.03.1985", "2026-03-18", "1895-03-17", "0000-01-01", "29.02.2001", "", ".", "9999-12-31",
	} {
		f.Add(s)
	}
	today := time.Date(2026, time.March, 17, 12, 0, 0, 0, moscow)
	f.Fuzz(func(t *testing.T, in string) {
		d, err := pii.ParseBirthDate(in, today)
		if err != nil {
			checkRefusal(t, in, err, pii.ErrBirthDateFormat, pii.ErrBirthDateFuture, pii.ErrBirthDateTooOld)
			return
		}
		if d.Location() != time.UTC || !d.Equal(d.Truncate(24*time.Hour)) {
			t.Fatalf("ParseBirthDate(%q) = %v, not midnight UTC", in, d)
		}
		if d.After(time.Date(2026, time.March, 17, 0, 0, 0, 0, time.UTC)) || d.Before(time.Date(2026-pii.MaxAge-1, time.March, 18, 0, 0, 0, 0, time.UTC)) {
			t.Fatalf("ParseBirthDate(%q) = %v, out of range", in, d)
		}
		for _, s := range []string{d.Format(time.DateOnly), d.Format("02.01.2006")} {
			e, err := pii.ParseBirthDate(s, today)
			if err != nil || !e.Equal(d) {
				t.Fatalf("ParseBirthDate(%q) = %v, %v; not a fixed point", s, e, err)
			}
		}
	})
}

func FuzzParseUserID(f *testing.F) {
	for _, s := range []string{"123456789012", "1234 5678 9012", "1234-5678-9012", "012345678901", "999999999999", "", "-"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		id, err := pii.ParseUserID(in)
		if err != nil {
			checkRefusal(t, in, err, pii.ErrUserIDFormat)
			return
		}
		s := id.String()
		if !id.Valid() || len(s) != 12 || s != digits(in) {
			t.Fatalf("ParseUserID(%q) = %s", in, s)
		}
		text, err := id.MarshalText()
		if err != nil || string(text) != s {
			t.Fatalf("MarshalText = %q, %v", text, err)
		}
		var back pii.UserID
		if err := back.UnmarshalText(text); err != nil || back != id {
			t.Fatalf("UnmarshalText(%q) = %d, %v; not a fixed point", text, back, err)
		}
	})
}

// secretTokens returns the parts of a key ring spec that could be key material: those of 17
// bytes or more (longer than any key ID) with no white space, since no message holds such a
// word but a quoted ID.
func secretTokens(spec, active string) []string {
	var out []string
	for _, tok := range strings.FieldsFunc(spec+","+active, func(r rune) bool { return r == ',' || r == ':' || unicode.IsSpace(r) }) {
		if len(tok) >= 17 {
			out = append(out, tok)
		}
	}
	return out
}

func FuzzParseKeyRing(f *testing.F) {
	f.Add("k1:"+b64(key1)+",k2:"+b64(key2), "k2")
	f.Add(" k1 : "+b64(key1)+" ", "k1")
	f.Add(b64(key1)+":k1", "k1")
	f.Add("k1:"+b64(key1), b64(key2))
	f.Add("k1:"+b64(key1)+",k1:"+b64(key2), "k1")
	f.Add("k1:"+b64(key1[:16]), "k1")
	f.Add("", "")
	f.Add(",:,", ":")
	f.Fuzz(func(t *testing.T, spec, active string) {
		r, err := pii.ParseKeyRing(spec, active)
		if err != nil {
			if !errors.Is(err, pii.ErrKeyRing) || r.Validate() == nil {
				t.Fatalf("error %q does not wrap ErrKeyRing, or the ring is not the zero ring", err)
			}
			for _, tok := range secretTokens(spec, active) {
				if strings.Contains(err.Error(), tok) {
					t.Fatalf("error %q quotes %q", err, tok)
				}
			}
			return
		}
		if err := r.Validate(); err != nil {
			t.Fatalf("accepted ring does not validate: %v", err)
		}
		for _, out := range []string{r.String(), r.GoString()} {
			for _, tok := range secretTokens(spec, active) {
				if strings.Contains(out, tok) {
					t.Fatalf("%q shows %q", out, tok)
				}
			}
		}
		// Fixed point: writing the ring out in its IDs' order and reading it again gives a
		// ring that opens what the first seals.
		keys := map[string]string{}
		for _, entry := range strings.Split(spec, ",") {
			id, b, _ := strings.Cut(entry, ":")
			keys[strings.TrimSpace(id)] = strings.TrimSpace(b)
		}
		var entries []string
		for _, id := range r.IDs() {
			raw, err := base64.StdEncoding.DecodeString(keys[id])
			if err != nil {
				t.Fatal(err)
			}
			entries = append(entries, id+":"+base64.StdEncoding.EncodeToString(raw))
		}
		again, err := pii.ParseKeyRing(strings.Join(entries, ","), r.Active())
		if err != nil || again.String() != r.String() {
			t.Fatalf("ParseKeyRing of its own output = %v, %v; want %v", again, err, r)
		}
		ik := bytes.Repeat([]byte{0x5a}, pii.MinIndexKeySize)
		v1, err1 := pii.NewVault(r, ik)
		v2, err2 := pii.NewVault(again, ik)
		if err1 != nil || err2 != nil {
			return // a ring key equal to ik
		}
		c, err := v1.Seal(pii.KindFLS, []byte("1234567890"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := v2.Open(pii.KindFLS, c); err != nil {
			t.Fatalf("the ring read again cannot open: %v", err)
		}
	})
}

// FuzzVaultOpen feeds Open arbitrary ciphertexts and kinds. Seeds include real ciphertexts
// of every kind, so the fuzzer mutates valid input.
func FuzzVaultOpen(f *testing.F) {
	v := vault(f, "k2", map[string][]byte{"k1": key1, "k2": key2})
	old := vault(f, "k1", map[string][]byte{"k1": key1})
	for _, kind := range allKinds {
		for _, sealer := range []*pii.Vault{v, old} {
			c, err := sealer.Seal(kind, []byte("12345678901"))
			if err != nil {
				f.Fatal(err)
			}
			f.Add(string(kind), c)
		}
	}
	f.Add("phone", []byte{})
	f.Add("phone", []byte{1, 2, 'k', '1'})
	f.Add("", []byte{1, 16})
	f.Fuzz(func(t *testing.T, kind string, c []byte) {
		orig := bytes.Clone(c)
		plain, err := v.Open(pii.Kind(kind), c)
		if !bytes.Equal(c, orig) {
			t.Fatal("Open changed its input")
		}
		if err != nil {
			if !isAny(err, pii.ErrKind, pii.ErrCiphertext, pii.ErrUnknownKey, pii.ErrDecrypt) {
				t.Fatalf("Open error %v is none of the Vault's errors", err)
			}
			if _, rerr := v.Reseal(pii.Kind(kind), c); rerr == nil {
				t.Fatal("Reseal succeeded where Open failed")
			}
			return
		}
		wantRotation := len(c) < 2 || int(c[1])+2 > len(c) || string(c[2:2+int(c[1])]) != v.ActiveKey()
		if v.NeedsRotation(c) != wantRotation {
			t.Fatalf("NeedsRotation = %v, want %v", !wantRotation, wantRotation)
		}
		c2, err := v.Reseal(pii.Kind(kind), c)
		if err != nil {
			t.Fatalf("Reseal: %v", err)
		}
		if v.NeedsRotation(c2) {
			t.Fatal("NeedsRotation after Reseal")
		}
		plain2, err := v.Open(pii.Kind(kind), c2)
		if err != nil || !bytes.Equal(plain, plain2) {
			t.Fatalf("Open after Reseal = %q, %v; want %q", plain2, err, plain)
		}
	})
}

func isAny(err error, targets ...error) bool {
	for _, target := range targets {
		if errors.Is(err, target) {
			return true
		}
	}
	return false
}
