// Package registry checks what citizens tell about themselves and their flats against the
// state registries (DOMAIN.md ): full name and birth date against the residents'
// register (person L1), the passport against the interior ministry (L2), SNILS against the
// pension fund (L3), the flat's personal account number (FLS) and address against the utility
// billing centre (flat L1), and ownership or social tenancy against the land registry
// (flat L2).
//
// Registry is what the verification job calls. Extracts implements it over registry extracts:
// a set of CSV files loaded into memory and reloaded when the city sends new ones
// (docs/REGISTRY.md).
//
// A check answers with a Result: Match, Mismatch (the registry knows the document or flat
// but not with what the citizen said) or NotFound (the registry does not know it), and a
// stable Reason code. A Result never repeats personal data. An error means the check could
// not be made (the registry is unreachable, the context is done, the query is incomplete) and
// never that something did not match: the job retries it later.
package registry

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/pbnode/pbnode/portal/pii"
)

// Registry checks a citizen's data against the state registries. Every check takes
// the person the citizen claims to be, so checks made at different times need no state in
// between. Implementations are safe for concurrent use.
type Registry interface {
	// CheckPerson compares the full name and birth date, and the registration address when
	// one is given, with the residents' register (person L1).
	CheckPerson(ctx context.Context, p Person) (Result, error)
	// CheckPassport reports whether the passport is in force and issued to p (person L2).
	CheckPassport(ctx context.Context, p Person, passport pii.Passport) (Result, error)
	// CheckSNILS reports whether the SNILS is issued to p (person L3).
	CheckSNILS(ctx context.Context, p Person, snils pii.SNILS) (Result, error)
	// CheckFlat reports whether the personal account number is the account of the flat
	// (flat L1).
	CheckFlat(ctx context.Context, fls pii.FLS, flat Flat) (Result, error)
	// CheckProperty reports whether p owns the flat with account fls, proven by the property
	// certificate cert, or is a social tenant of it, for which cert is the zero
	// PropertyCert (flat L2, R-4.1). A Match says which in Result.Role.
	CheckProperty(ctx context.Context, p Person, fls pii.FLS, cert pii.PropertyCert) (Result, error)
}

// ErrIncompleteQuery is returned for a query that misses a value the check needs: an empty
// name, a zero birth date, a zero document, an empty building address or flat number. It is
// a caller's bug, not a mismatch.
var ErrIncompleteQuery = errors.New("registry: incomplete query")

// Person is who a citizen says they are, from the profile. Names compare without
// regard to case, to spaces around and between words and to ё written as е. A Person prints
// and logs as a mask: it holds personal data.
type Person struct {
	FullName  string    // surname, first name and patronymic, as in the passport
	BirthDate time.Time // the date in the time's location; pii.ParseBirthDate gives one
	// Address is the registration address. CheckPerson compares it when it is not empty;
	// the other checks ignore it.
	Address string
}

// personMask is how a Person prints, logs and encodes.
const personMask = "registry.Person{***}"

// Format prints the mask for every verb, so that a Person cannot reach a log or an error
// message through fmt.
func (Person) Format(f fmt.State, _ rune) { io.WriteString(f, personMask) }

// LogValue logs the mask.
func (Person) LogValue() slog.Value { return slog.StringValue(personMask) }

// MarshalJSON encodes the mask, for a Person inside a value that a JSON log handler encodes.
func (Person) MarshalJSON() ([]byte, error) { return []byte(`"` + personMask + `"`), nil }

// Flat is a flat by its address, as the citizen gives it. Both parts compare without regard
// to case, spaces, punctuation and ё written as е: "ул.Тверская,д.7" is "ул. Тверская, д. 7".
type Flat struct {
	Building string // the building's address: "г. Москва, ул. Тверская, д. 7"
	Number   string // the flat number: "12", "12а"
}

// Outcome is the answer of a check. The zero Outcome is no answer.
type Outcome uint8

const (
	// Match: the registry holds the value and it agrees with everything the citizen said.
	Match Outcome = iota + 1
	// Mismatch: the registry holds the document, name or flat, but not with what the
	// citizen said about it.
	Mismatch
	// NotFound: the registry does not hold the name, document or flat.
	NotFound
)

// String returns "match", "mismatch" or "not_found".
func (o Outcome) String() string {
	switch o {
	case Match:
		return "match"
	case Mismatch:
		return "mismatch"
	case NotFound:
		return "not_found"
	}
	return "none"
}

// Reason is a stable code that says why a check answered as it did, for the verification
// record and for statistics. Codes are append-only and never carry personal data.
type Reason string

// Reasons. Each names the checks that give it.
const (
	ReasonMatched            Reason = "matched"             // Match, every check
	ReasonPersonUnknown      Reason = "person_unknown"      // NotFound, CheckPerson: no resident has the name
	ReasonBirthDateDiffers   Reason = "birth_date_differs"  // Mismatch, CheckPerson: residents with the name, none born that day
	ReasonAddressDiffers     Reason = "address_differs"     // Mismatch, CheckPerson (registration), CheckFlat (building or number)
	ReasonPassportUnknown    Reason = "passport_unknown"    // NotFound, CheckPassport: not a passport in force
	ReasonSNILSUnknown       Reason = "snils_unknown"       // NotFound, CheckSNILS
	ReasonHolderDiffers      Reason = "holder_differs"      // Mismatch: the passport, SNILS or certificate is someone else's
	ReasonFlatUnknown        Reason = "flat_unknown"        // NotFound, CheckFlat, CheckProperty: no flat has the account
	ReasonCertificateUnknown Reason = "certificate_unknown" // NotFound, CheckProperty
	ReasonOtherFlat          Reason = "other_flat"          // Mismatch, CheckProperty: the certificate is for another flat
	ReasonCertificateNeeded  Reason = "certificate_needed"  // Mismatch, CheckProperty: an owner gave no certificate
	ReasonNoRight            Reason = "no_right"            // Mismatch, CheckProperty: neither an owner nor a social tenant
)

// Role is the right to a flat that CheckProperty found.
type Role uint8

const (
	NoRole       Role = iota // no right found, or not a property check
	Owner                    // an owner, or the owner of a share
	SocialTenant             // a person in the flat's social tenancy contract
)

// String returns "owner", "social_tenant" or "none".
func (r Role) String() string {
	switch r {
	case Owner:
		return "owner"
	case SocialTenant:
		return "social_tenant"
	}
	return "none"
}

// Result is the answer of a check.
type Result struct {
	Outcome Outcome
	Reason  Reason
	Role    Role // set by CheckProperty on a Match
}

// Matched reports whether the check answered Match.
func (r Result) Matched() bool { return r.Outcome == Match }

// String returns the outcome with the reason of a non-match or the role of a match:
// "match", "match (owner)", "mismatch (holder_differs)".
func (r Result) String() string {
	switch {
	case r.Outcome == Match && r.Role != NoRole:
		return "match (" + r.Role.String() + ")"
	case r.Outcome == Match:
		return "match"
	}
	return r.Outcome.String() + " (" + string(r.Reason) + ")"
}

func matched(role Role) Result   { return Result{Outcome: Match, Reason: ReasonMatched, Role: role} }
func mismatch(why Reason) Result { return Result{Outcome: Mismatch, Reason: why} }
func notFound(why Reason) Result { return Result{Outcome: NotFound, Reason: why} }
