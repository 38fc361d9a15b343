package registry

import (
	"errors"

	"github.com/pbnode/pbnode/portal/pii"
)

// The add methods validate one row, given in the order of its table's columns, and index it.
// They return the index of the refused value with its error.

// addResident adds person_id, full_name, birth_date, registration_address.
func (l *loader) addResident(v []string) (int, error) {
	if !validPersonID(v[0]) {
		return 0, ErrPersonID
	}
	if _, dup := l.s.residents[v[0]]; dup {
		return 0, ErrDuplicate
	}
	r := &resident{id: v[0], name: foldName(v[1]), address: foldAddress(v[3])}
	if r.name == "" {
		return 1, ErrEmpty
	}
	born, err := pii.ParseBirthDate(v[2], l.today)
	if err != nil {
		return 2, err
	}
	r.born = dayOf(born)
	l.s.residents[r.id] = r
	l.s.byName[r.name] = append(l.s.byName[r.name], r)
	l.s.stats.Residents++
	return 0, nil
}

// addPassport adds person_id, series, number: the passport in force of a resident.
func (l *loader) addPassport(v []string) (int, error) {
	r, err := l.resident(v[0])
	if err != nil {
		return 0, err
	}
	p, err := pii.ParsePassport(v[1], v[2])
	switch {
	case errors.Is(err, pii.ErrPassportNumber):
		return 2, err
	case err != nil:
		return 1, err
	}
	if i, err := l.addDocument(l.s.passports, p.Reveal(), r, "passport"); err != nil {
		return i, err
	}
	l.s.stats.Passports++
	return 0, nil
}

// addSNILS adds person_id, snils.
func (l *loader) addSNILS(v []string) (int, error) {
	r, err := l.resident(v[0])
	if err != nil {
		return 0, err
	}
	n, err := pii.ParseSNILS(v[1])
	if err != nil {
		return 1, err
	}
	if i, err := l.addDocument(l.s.snils, n.Reveal(), r, "snils"); err != nil {
		return i, err
	}
	l.s.stats.SNILS++
	return 0, nil
}

// addDocument indexes a resident's document of a kind a resident holds one of. It refuses a
// document listed before (index 1) and a second document of the kind for r (index 0).
func (l *loader) addDocument(index map[string]*resident, doc string, r *resident, kind string) (int, error) {
	if _, dup := index[doc]; dup {
		return 1, ErrDuplicate
	}
	held := documentKey{kind: kind, person: r.id}
	if l.held[held] {
		return 0, ErrDuplicate
	}
	l.held[held] = true
	index[doc] = r
	return 0, nil
}

// documentKey is the kind of a document a person holds.
type documentKey struct{ kind, person string }

// addFlat adds fls, building_address, flat_number.
func (l *loader) addFlat(v []string) (int, error) {
	fls, err := pii.ParseFLS(v[0])
	if err != nil {
		return 0, err
	}
	if _, dup := l.s.flats[fls.Reveal()]; dup {
		return 0, ErrDuplicate
	}
	f := flatKey{building: foldAddress(v[1]), number: foldAddress(v[2])}
	switch {
	case f.building == "":
		return 1, ErrEmpty
	case f.number == "":
		return 2, ErrEmpty
	}
	l.s.flats[fls.Reveal()] = f
	l.s.stats.Flats++
	return 0, nil
}

// addOwner adds person_id, fls, property_cert: an owner, or the owner of a share, by the
// certificate of the right.
func (l *loader) addOwner(v []string) (int, error) {
	r, account, col, err := l.residentOfFlat(v)
	if err != nil {
		return col, err
	}
	cert, err := pii.ParsePropertyCert(v[2])
	if err != nil {
		return 2, err
	}
	if _, dup := l.s.certs[cert.Reveal()]; dup {
		return 2, ErrDuplicate
	}
	l.s.certs[cert.Reveal()] = ownership{holder: r, account: account}
	l.s.owns[right{account: account, person: r.id}] = struct{}{}
	l.s.stats.Owners++
	return 0, nil
}

// addTenant adds person_id, fls: a person in the flat's social tenancy contract.
func (l *loader) addTenant(v []string) (int, error) {
	r, account, col, err := l.residentOfFlat(v)
	if err != nil {
		return col, err
	}
	k := right{account: account, person: r.id}
	if _, dup := l.s.rents[k]; dup {
		return 0, ErrDuplicate
	}
	l.s.rents[k] = struct{}{}
	l.s.stats.SocialTenants++
	return 0, nil
}

// residentOfFlat reads the person_id and fls columns that the owners and social tenants
// tables start with; on error it returns the column at fault.
func (l *loader) residentOfFlat(v []string) (r *resident, account string, col int, err error) {
	if r, err = l.resident(v[0]); err != nil {
		return nil, "", 0, err
	}
	if account, err = l.flat(v[1]); err != nil {
		return nil, "", 1, err
	}
	return r, account, 0, nil
}

// resident returns the resident a person_id of a later table refers to.
func (l *loader) resident(id string) (*resident, error) {
	if !validPersonID(id) {
		return nil, ErrPersonID
	}
	r, ok := l.s.residents[id]
	if !ok {
		return nil, ErrUnknownPerson
	}
	return r, nil
}

// flat returns the account number of a flat in flats.csv.
func (l *loader) flat(s string) (string, error) {
	fls, err := pii.ParseFLS(s)
	if err != nil {
		return "", err
	}
	if _, ok := l.s.flats[fls.Reveal()]; !ok {
		return "", ErrUnknownFlat
	}
	return fls.Reveal(), nil
}

// validPersonID reports whether id is 1 to 64 ASCII letters, digits, '-', '_' or '.'.
func validPersonID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for i := range len(id) {
		c := id[i]
		ok := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
			c == '-' || c == '_' || c == '.'
		if !ok {
			return false
		}
	}
	return true
}
