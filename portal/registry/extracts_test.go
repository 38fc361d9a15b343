package registry_test

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/portal/registry"
)

// People of testdata/valid, as citizens would type them.
var (
	ivanov     = registry.Person{FullName: "Иванов Иван Иванович", BirthDate: date("1980-05-12")}      // p1, owner of flat 1234567890
	ivanov61   = registry.Person{FullName: "Иванов Иван Иванович", BirthDate: date("1961-07-01")}      // p4, social tenant of 3456789012
	semenova   = registry.Person{FullName: " семенова  АЛЕНА петровна", BirthDate: date("1992-11-03")} // p2, owner of a share of 1234567890
	petrov     = registry.Person{FullName: "Петров Пётр Сергеевич", BirthDate: date("1975-01-30")}     // p3 (owner of 2345678901) and p6 (tenant of 3456789012)
	kuznetsova = registry.Person{FullName: "Кузнецова Мария Олеговна", BirthDate: date("2001-02-14")}  // p5, social tenant, no passport
	stranger   = registry.Person{FullName: "Сидоров Сидор Сидорович", BirthDate: date("1970-01-01")}
)

func withAddress(p registry.Person, address string) registry.Person {
	p.Address = address
	return p
}

func passport(series, number string) pii.Passport { return must(pii.ParsePassport(series, number)) }
func snils(s string) pii.SNILS                    { return must(pii.ParseSNILS(s)) }
func fls(s string) pii.FLS                        { return must(pii.ParseFLS(s)) }
func cert(s string) pii.PropertyCert              { return must(pii.ParsePropertyCert(s)) }

func TestChecks(t *testing.T) {
	reg := openValid(t)
	msk := time.FixedZone("MSK", 3*60*60)
	tverskaya7 := "г. Москва, ул. Тверская, д. 7"
	tests := []struct {
		name  string
		check func(ctx context.Context) (registry.Result, error)
		want  registry.Result
	}{
		// Person L1: full name and birth date, and the registration address when given.
		{"person matches", person(reg, ivanov), match},
		{"person: case, spaces and ё do not matter", person(reg, semenova), match},
		{"person: a namesake born another day is another resident", person(reg, ivanov61), match},
		{"person: birth date in Moscow time", person(reg, registry.Person{FullName: ivanov.FullName, BirthDate: time.Date(1980, 5, 12, 0, 0, 0, 0, msk)}), match},
		{"person: registration address with other punctuation", person(reg, withAddress(ivanov, "Г.Москва,ул.Тверская,д.7,кв.12")), match},
		{"person: birth date differs", person(reg, registry.Person{FullName: ivanov.FullName, BirthDate: date("1980-05-13")}), mismatch(registry.ReasonBirthDateDiffers)},
		{"person: registration address differs", person(reg, withAddress(ivanov, "г. Москва, ул. Арбат, д. 10, кв. 6")), mismatch(registry.ReasonAddressDiffers)},
		{"person unknown", person(reg, stranger), notFound(registry.ReasonPersonUnknown)},

		// Person L2: the passport.
		{"passport matches", pass(reg, ivanov, passport("45 09", "123 456")), match},
		{"passport: the registration address is not compared", pass(reg, withAddress(ivanov, "elsewhere"), passport("4509", "123456")), match},
		{"passport of another person", pass(reg, semenova, passport("4509", "123456")), mismatch(registry.ReasonHolderDiffers)},
		{"passport of a namesake born another day", pass(reg, ivanov61, passport("4509", "123456")), mismatch(registry.ReasonHolderDiffers)},
		{"passport unknown", pass(reg, ivanov, passport("4509", "000000")), notFound(registry.ReasonPassportUnknown)},

		// Person L3: SNILS.
		{"SNILS matches", snilsCheck(reg, semenova, snils("12345678964")), match},
		{"SNILS of another person", snilsCheck(reg, ivanov, snils("123-456-789 64")), mismatch(registry.ReasonHolderDiffers)},
		{"SNILS unknown", snilsCheck(reg, ivanov, snils("246-813-579 94")), notFound(registry.ReasonSNILSUnknown)},

		// Flat L1: the account and the flat's address.
		{"flat matches", flat(reg, "1234567890", tverskaya7, "12"), match},
		{"flat: case, spaces and punctuation do not matter", flat(reg, "12345 67890", "Г.МОСКВА ул.Тверская,д.7", " 12 "), match},
		{"flat: another flat of the building", flat(reg, "1234567890", tverskaya7, "13"), mismatch(registry.ReasonAddressDiffers)},
		{"flat: another building", flat(reg, "1234567890", "г. Москва, ул. Тверская, д. 9", "12"), mismatch(registry.ReasonAddressDiffers)},
		{"flat unknown", flat(reg, "9999999999", tverskaya7, "12"), notFound(registry.ReasonFlatUnknown)},

		// Flat L2: ownership by certificate, or social tenancy without one.
		{"owner", property(reg, ivanov, "1234567890", cert("77-АБ 123456")), owner},
		{"owner of a share, certificate typed loosely", property(reg, semenova, "1234567890", cert("77 аб № 123457")), owner},
		{"certificate of another owner of the flat", property(reg, semenova, "1234567890", cert("77-АБ 123456")), mismatch(registry.ReasonHolderDiffers)},
		{"certificate for another flat", property(reg, ivanov, "2345678901", cert("77-АБ 123456")), mismatch(registry.ReasonOtherFlat)},
		{"certificate unknown", property(reg, ivanov, "1234567890", cert("77-АБ 999999")), notFound(registry.ReasonCertificateUnknown)},
		{"property: flat unknown", property(reg, ivanov, "9999999999", cert("77-АБ 123456")), notFound(registry.ReasonFlatUnknown)},
		{"social tenant", property(reg, kuznetsova, "3456789012", pii.PropertyCert{}), tenant},
		{"social tenant with a namesake owner elsewhere", property(reg, ivanov61, "3456789012", pii.PropertyCert{}), tenant},
		{"namesakes born the same day: the tenant's right", property(reg, petrov, "3456789012", pii.PropertyCert{}), tenant},
		{"namesakes born the same day: the owner's certificate", property(reg, petrov, "2345678901", cert("77-ВГ 000001")), owner},
		{"owner without a certificate", property(reg, ivanov, "1234567890", pii.PropertyCert{}), mismatch(registry.ReasonCertificateNeeded)},
		{"resident of another flat", property(reg, kuznetsova, "1234567890", pii.PropertyCert{}), mismatch(registry.ReasonNoRight)},
		{"flat nobody holds", property(reg, ivanov, "4567890123", pii.PropertyCert{}), mismatch(registry.ReasonNoRight)},
		{"stranger", property(reg, stranger, "3456789012", pii.PropertyCert{}), mismatch(registry.ReasonNoRight)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.check(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if got != tt.want {
				t.Errorf("got %v (%#v), want %v", got, got, tt.want)
			}
		})
	}
}

var (
	match  = registry.Result{Outcome: registry.Match, Reason: registry.ReasonMatched}
	owner  = registry.Result{Outcome: registry.Match, Reason: registry.ReasonMatched, Role: registry.Owner}
	tenant = registry.Result{Outcome: registry.Match, Reason: registry.ReasonMatched, Role: registry.SocialTenant}
)

func mismatch(r registry.Reason) registry.Result {
	return registry.Result{Outcome: registry.Mismatch, Reason: r}
}

func notFound(r registry.Reason) registry.Result {
	return registry.Result{Outcome: registry.NotFound, Reason: r}
}

type check = func(ctx context.Context) (registry.Result, error)

func person(reg registry.Registry, p registry.Person) check {
	return func(ctx context.Context) (registry.Result, error) { return reg.CheckPerson(ctx, p) }
}

func pass(reg registry.Registry, p registry.Person, doc pii.Passport) check {
	return func(ctx context.Context) (registry.Result, error) { return reg.CheckPassport(ctx, p, doc) }
}

func snilsCheck(reg registry.Registry, p registry.Person, doc pii.SNILS) check {
	return func(ctx context.Context) (registry.Result, error) { return reg.CheckSNILS(ctx, p, doc) }
}

func flat(reg registry.Registry, account, building, number string) check {
	return func(ctx context.Context) (registry.Result, error) {
		return reg.CheckFlat(ctx, fls(account), registry.Flat{Building: building, Number: number})
	}
}

func property(reg registry.Registry, p registry.Person, account string, c pii.PropertyCert) check {
	return func(ctx context.Context) (registry.Result, error) { return reg.CheckProperty(ctx, p, fls(account), c) }
}

// TestCheckErrors: an incomplete query and a done context are errors, not outcomes.
func TestCheckErrors(t *testing.T) {
	reg := openValid(t)
	noName := registry.Person{FullName: "  ", BirthDate: ivanov.BirthDate}
	noDate := registry.Person{FullName: ivanov.FullName}
	account, doc := fls("1234567890"), cert("77-АБ 123456")
	tverskaya := registry.Flat{Building: "г. Москва, ул. Тверская, д. 7", Number: "12"}
	tests := []struct {
		name    string
		check   check
		wantErr error
	}{
		{"person without a name", person(reg, noName), registry.ErrIncompleteQuery},
		{"person without a birth date", person(reg, noDate), registry.ErrIncompleteQuery},
		{"zero passport", pass(reg, ivanov, pii.Passport{}), registry.ErrIncompleteQuery},
		{"passport, person without a name", pass(reg, noName, passport("4509", "123456")), registry.ErrIncompleteQuery},
		{"zero SNILS", snilsCheck(reg, ivanov, pii.SNILS{}), registry.ErrIncompleteQuery},
		{"zero FLS", func(ctx context.Context) (registry.Result, error) {
			return reg.CheckFlat(ctx, pii.FLS{}, tverskaya)
		}, registry.ErrIncompleteQuery},
		{"flat without a number", func(ctx context.Context) (registry.Result, error) {
			return reg.CheckFlat(ctx, account, registry.Flat{Building: tverskaya.Building, Number: " - "})
		}, registry.ErrIncompleteQuery},
		{"property, zero FLS", func(ctx context.Context) (registry.Result, error) {
			return reg.CheckProperty(ctx, ivanov, pii.FLS{}, doc)
		}, registry.ErrIncompleteQuery},
		{"property, person without a birth date", func(ctx context.Context) (registry.Result, error) {
			return reg.CheckProperty(ctx, noDate, account, doc)
		}, registry.ErrIncompleteQuery},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.check(t.Context())
			if !errors.Is(err, tt.wantErr) || got != (registry.Result{}) {
				t.Errorf("got %v, %v; want the zero Result and %v", got, err, tt.wantErr)
			}
		})
	}

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	for name, c := range map[string]check{
		"person":   person(reg, ivanov),
		"passport": pass(reg, ivanov, passport("4509", "123456")),
		"snils":    snilsCheck(reg, ivanov, snils("112-233-445 95")),
		"flat":     flat(reg, "1234567890", tverskaya.Building, tverskaya.Number),
		"property": property(reg, ivanov, "1234567890", doc),
	} {
		if _, err := c(ctx); !errors.Is(err, context.Canceled) {
			t.Errorf("%s with a cancelled context: %v, want context.Canceled", name, err)
		}
	}
}

func TestResultString(t *testing.T) {
	tests := []struct {
		r    registry.Result
		want string
	}{
		{match, "match"},
		{owner, "match (owner)"},
		{tenant, "match (social_tenant)"},
		{mismatch(registry.ReasonHolderDiffers), "mismatch (holder_differs)"},
		{notFound(registry.ReasonPassportUnknown), "not_found (passport_unknown)"},
	}
	for _, tt := range tests {
		if got := tt.r.String(); got != tt.want {
			t.Errorf("String() = %q, want %q", got, tt.want)
		}
	}
	if !match.Matched() || mismatch(registry.ReasonNoRight).Matched() || (registry.Result{}).Matched() {
		t.Error("Matched() is true for a non-match or false for a match")
	}
}

// TestPersonIsMasked: a Person holds a name, a birth date and an address, and none of them
// reaches fmt or slog output.
func TestPersonIsMasked(t *testing.T) {
	p := withAddress(ivanov, "г. Москва, ул. Тверская, д. 7, кв. 12")
	var log strings.Builder
	slog.New(slog.NewJSONHandler(&log, nil)).Info("check", "person", p, "people", []registry.Person{p})
	printed := fmt.Sprintf("%v %+v %#v %s %q %d %x", p, p, p, p, p, p, p) + fmt.Sprint(p, &p) + log.String()
	for _, secret := range []string{"Иванов", "1980", "Тверская"} {
		if strings.Contains(printed, secret) {
			t.Errorf("output holds %q: %s", secret, printed)
		}
	}
}
