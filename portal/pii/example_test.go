package pii_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/pbnode/pbnode/portal/pii"
)

func ExampleNormalizePhone() {
	for _, s := range []string{"8 (916) 123-45-67", "+7 495 123-45-67", "+44 20 7946 0958"} {
		p, err := pii.NormalizePhone(s)
		switch {
		case errors.Is(err, pii.ErrForeignPhone):
			fmt.Println("foreign:", err)
		case errors.Is(err, pii.ErrPhoneNotMobile):
			fmt.Println("not mobile:", err)
		case err != nil:
			fmt.Println(err)
		default:
			fmt.Println(p, p.Reveal())
		}
	}
	// Output:
	// +7916*****67 +79161234567
	// not mobile: phone number is not a mobile number
	// foreign: phone number is not a Russian number
}

func ExampleParseSNILS() {
	n, err := pii.ParseSNILS("112-233-445 95")
	fmt.Println(n, err)
	fmt.Println(n.Reveal())
	_, err = pii.ParseSNILS("112-233-445 94")
	fmt.Println(err)
	// Output:
	// ***-***-*** 95 <nil>
	// 11223344595
	// SNILS check digits do not match
}

func ExampleParsePassport() {
	p, err := pii.ParsePassport("45 09", "123 456")
	fmt.Println(p, p.Reveal(), err)
	_, err = pii.ParsePassport("450", "123456")
	fmt.Println(err)
	// Output:
	// **** ****56 4509123456 <nil>
	// passport series must be 4 digits
}

func ExampleParseFLS() {
	n, err := pii.ParseFLS("12345 67890")
	fmt.Println(n, err)
	_, err = pii.ParseFLS("123456789")
	fmt.Println(err)
	// Output:
	// ********90 <nil>
	// personal account number (FLS) must be 10 digits
}

func ExampleParsePropertyCert() {
	c, err := pii.ParsePropertyCert("77 ab № 123456") // Latin "ab" typed for Cyrillic "АВ"
	fmt.Println(c, c.Reveal(), err)
	// Output:
	// **-** ****56 77-АВ 123456 <nil>
}

func ExampleParseBirthDate() {
	today := time.Date(2026, time.March, 17, 10, 0, 0, 0, time.FixedZone("MSK", 3*60*60))
	d, err := pii.ParseBirthDate("17.03.1985", today)
	fmt.Println(d.Format(time.DateOnly), err)
	_, err = pii.ParseBirthDate("2026-03-18", today)
	fmt.Println(err)
	// Output:
	// 1985-03-17 <nil>
	// birth date is in the future
}

func ExampleParseUserID() {
	id, err := pii.ParseUserID("1234 5678 9012")
	fmt.Println(id, err)
	b, _ := json.Marshal(struct {
		ID pii.UserID `json:"user_id"`
	}{id})
	fmt.Println(string(b))
	// Output:
	// 123456789012 <nil>
	// {"user_id":"123456789012"}
}

func ExampleNewUserID() {
	// Production code passes crypto/rand.Reader; fixed bytes make the example repeatable.
	// The first five bytes are past the range and are drawn again.
	src := bytes.NewReader([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x30, 0x39})
	id, err := pii.NewUserID(src)
	fmt.Println(id, err)
	// Output:
	// 100000012345 <nil>
}

// Keys of the examples. Real keys come from `openssl rand -base64 32`.
const (
	exampleK1    = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="
	exampleK2    = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8="
	exampleIndex = "QEFCQ0RFRkdISUpLTE1OT1BRUlNUVVZXWFlaW1xdXl8="
)

func ExampleParseKeyRing() {
	ring, err := pii.ParseKeyRing("k1:"+exampleK1+",k2:"+exampleK2, "k2")
	fmt.Println(ring, err) // key IDs only, never keys

	// An ID and a key swapped: the error does not quote the key.
	_, err = pii.ParseKeyRing(exampleK1+":k1", "k1")
	fmt.Println(err)
	// Output:
	// KeyRing{Active: k2, Keys: [k1 k2]} <nil>
	// invalid PII key ring: entry 1: key ID is not 1 to 16 letters, digits, '_' or '-'
}

func ExampleVault() {
	ring, err := pii.ParseKeyRing("k1:"+exampleK1, "k1")
	if err != nil {
		panic(err)
	}
	indexKey, _ := base64.StdEncoding.DecodeString(exampleIndex)
	v, err := pii.NewVault(ring, indexKey)
	if err != nil {
		panic(err)
	}
	n, _ := pii.ParseSNILS("112-233-445 95")
	sealed, _ := v.Seal(pii.KindSNILS, []byte(n.Reveal()))
	opened, err := v.Open(pii.KindSNILS, sealed)
	fmt.Println(string(opened), err)
	_, err = v.Open(pii.KindPhone, sealed) // the kind is bound into the ciphertext
	fmt.Println(err)
	// Output:
	// 11223344595 <nil>
	// open phone: ciphertext does not authenticate
}

func ExampleVault_Index() {
	ring, _ := pii.ParseKeyRing("k1:"+exampleK1, "k1")
	indexKey, _ := base64.StdEncoding.DecodeString(exampleIndex)
	v, _ := pii.NewVault(ring, indexKey)
	a, _ := pii.NormalizePhone("8 (916) 123-45-67")
	b, _ := pii.NormalizePhone("+7 916 123 45 67")
	fmt.Println(v.Index(pii.KindPhone, a.Reveal()))
	fmt.Println(v.Index(pii.KindPhone, b.Reveal()) == v.Index(pii.KindPhone, a.Reveal()))
	// Output:
	// 0e6e5ecb84c18f9bfcca3bb19539016ba4571da4d15d6b40176aa4430b291e87
	// true
}

func ExampleVault_Reseal() {
	indexKey, _ := base64.StdEncoding.DecodeString(exampleIndex)
	ring1, _ := pii.ParseKeyRing("k1:"+exampleK1, "k1")
	before, _ := pii.NewVault(ring1, indexKey)
	sealed, _ := before.Seal(pii.KindPhone, []byte("+79161234567"))

	// k2 joined the ring and now seals; k1 still opens.
	ring2, _ := pii.ParseKeyRing("k1:"+exampleK1+",k2:"+exampleK2, "k2")
	after, _ := pii.NewVault(ring2, indexKey)
	fmt.Println(after.NeedsRotation(sealed))
	resealed, err := after.Reseal(pii.KindPhone, sealed)
	fmt.Println(after.NeedsRotation(resealed), err)
	opened, err := after.Open(pii.KindPhone, resealed)
	fmt.Println(string(opened), err)
	// Output:
	// true
	// false <nil>
	// +79161234567 <nil>
}

func ExamplePhone_LogValue() {
	p, _ := pii.NormalizePhone("+7 916 123-45-67")
	noTime := func(_ []string, a slog.Attr) slog.Attr {
		if a.Key == slog.TimeKey {
			return slog.Attr{}
		}
		return a
	}
	log := slog.New(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{ReplaceAttr: noTime}))
	log.Info("code sent", "phone", p)
	fmt.Printf("%v %+v %#v %q\n", p, p, p, p)
	// Output:
	// {"level":"INFO","msg":"code sent","phone":"+7916*****67"}
	// +7916*****67 +7916*****67 pii.Phone{+7916*****67} "+7916*****67"
}
