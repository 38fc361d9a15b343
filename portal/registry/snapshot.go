package registry

// snapshot is one loaded set of extracts with its indexes. It does not change once loaded,
// so checks read it without a lock.
type snapshot struct {
	residents map[string]*resident   // by person_id
	byName    map[string][]*resident // by folded full name; namesakes share a key
	passports map[string]*resident   // by the passport's ten digits
	snils     map[string]*resident   // by the SNILS's eleven digits
	flats     map[string]flatKey     // by FLS
	certs     map[string]ownership   // by certificate number, "77-АБ 123456"
	owns      map[right]struct{}     // owners, with or without a share
	rents     map[right]struct{}     // social tenants
	stats     Stats
}

func newSnapshot() *snapshot {
	return &snapshot{
		residents: map[string]*resident{},
		byName:    map[string][]*resident{},
		passports: map[string]*resident{},
		snils:     map[string]*resident{},
		flats:     map[string]flatKey{},
		certs:     map[string]ownership{},
		owns:      map[right]struct{}{},
		rents:     map[right]struct{}{},
	}
}

// resident is a row of residents.csv, folded for matching.
type resident struct {
	id      string
	name    string // foldName
	born    day
	address string // foldAddress of the registration address
}

// who is a Person folded for matching.
type who struct {
	name    string
	born    day
	address string // "" when not to be compared
}

// is reports whether r is the person w names: the same full name and birth date.
func (r *resident) is(w who) bool { return r.name == w.name && r.born == w.born }

// flatKey is a flat's folded address.
type flatKey struct{ building, number string }

// ownership is a row of owners.csv, by its certificate.
type ownership struct {
	holder  *resident
	account string // FLS
}

// right is a person's right to a flat: the flat's FLS and the person_id.
type right struct{ account, person string }

func (s *snapshot) checkPerson(w who) Result {
	named := s.byName[w.name]
	if len(named) == 0 {
		return notFound(ReasonPersonUnknown)
	}
	why := ReasonBirthDateDiffers
	for _, r := range named {
		if r.born != w.born {
			continue
		}
		if w.address == "" || r.address == w.address {
			return matched(NoRole)
		}
		why = ReasonAddressDiffers
	}
	return mismatch(why)
}

// checkTenancy looks for a social tenancy of the flat held by a resident who is w; a
// namesake born the same day is a different resident with the same key, so each is tried.
func (s *snapshot) checkTenancy(w who, account string) Result {
	owner := false
	for _, r := range s.byName[w.name] {
		if !r.is(w) {
			continue
		}
		k := right{account: account, person: r.id}
		if _, ok := s.rents[k]; ok {
			return matched(SocialTenant)
		}
		_, ok := s.owns[k]
		owner = owner || ok
	}
	if owner {
		return mismatch(ReasonCertificateNeeded)
	}
	return mismatch(ReasonNoRight)
}
