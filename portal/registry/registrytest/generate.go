// Package registrytest writes synthetic registry extracts for tests and benchmarks: a
// consistent set of the CSV files registry.Open reads, with the citizens who can be verified
// against it.
package registrytest

import (
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"time"

	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/portal/registry"
)

// Citizen is a synthetic person of a generated extract with everything a citizen would tell
// the portal: every check of registry.Extracts matches it.
type Citizen struct {
	PersonID string // person_id in the extract
	Person   registry.Person
	Passport pii.Passport
	SNILS    pii.SNILS
	FLS      pii.FLS       // the account of the flat the citizen lives in
	Flat     registry.Flat // that flat's address
	Role     registry.Role // Owner or SocialTenant
	// Cert is an owner's property certificate; the zero PropertyCert for a social tenant.
	Cert pii.PropertyCert
}

// flatsPerBuilding is the number of flats of each generated building.
const flatsPerBuilding = 60

// Generate writes the six extract files for n people into dir and returns the people. It is
// deterministic: the same n and seed write the same files. People live in households of one
// to three in flats of 60-flat buildings; the households of four flats in five own their flat
// (each member holding a certificate of a share), the others are social tenants. Every person
// has a passport and a SNILS with valid check digits; passports, SNILS, accounts and
// certificates are unique. Names repeat, as in a city: namesakes are possible.
func Generate(dir string, n int, seed uint64) ([]Citizen, error) {
	g := &generator{rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), used: map[string]bool{}}
	rows := g.people(n)
	for _, f := range files {
		if err := writeCSV(filepath.Join(dir, f.name), f.header, rows, f.row); err != nil {
			return nil, err
		}
	}
	citizens := make([]Citizen, len(rows))
	for i, r := range rows {
		c, err := r.citizen()
		if err != nil {
			return nil, fmt.Errorf("generate person %d: %w", i, err)
		}
		citizens[i] = c
	}
	return citizens, nil
}

// person is a generated person as the extracts write it.
type person struct {
	id, name, born, address   string
	series, number, snils     string
	fls, building, flat, cert string
	firstInFlat, owner        bool
}

func (p person) citizen() (Citizen, error) {
	born, err := time.Parse(time.DateOnly, p.born)
	if err != nil {
		return Citizen{}, err
	}
	c := Citizen{
		PersonID: p.id,
		Person:   registry.Person{FullName: p.name, BirthDate: born, Address: p.address},
		Flat:     registry.Flat{Building: p.building, Number: p.flat},
		Role:     registry.SocialTenant,
	}
	if c.Passport, err = pii.ParsePassport(p.series, p.number); err != nil {
		return Citizen{}, err
	}
	if c.SNILS, err = pii.ParseSNILS(p.snils); err != nil {
		return Citizen{}, err
	}
	if c.FLS, err = pii.ParseFLS(p.fls); err != nil {
		return Citizen{}, err
	}
	if p.owner {
		c.Role = registry.Owner
		if c.Cert, err = pii.ParsePropertyCert(p.cert); err != nil {
			return Citizen{}, err
		}
	}
	return c, nil
}

// files are the extracts and how a person gives a row of each; row returns nil for none.
var files = []struct {
	name   string
	header []string
	row    func(p person) []string
}{
	{"residents.csv", []string{"person_id", "full_name", "birth_date", "registration_address"},
		func(p person) []string { return []string{p.id, p.name, p.born, p.address} }},
	{"passports.csv", []string{"person_id", "series", "number"},
		func(p person) []string { return []string{p.id, p.series, p.number} }},
	{"snils.csv", []string{"person_id", "snils"},
		func(p person) []string { return []string{p.id, p.snils} }},
	{"flats.csv", []string{"fls", "building_address", "flat_number"},
		func(p person) []string {
			if !p.firstInFlat {
				return nil
			}
			return []string{p.fls, p.building, p.flat}
		}},
	{"owners.csv", []string{"person_id", "fls", "property_cert"},
		func(p person) []string {
			if !p.owner {
				return nil
			}
			return []string{p.id, p.fls, p.cert}
		}},
	{"social_tenants.csv", []string{"person_id", "fls"},
		func(p person) []string {
			if p.owner {
				return nil
			}
			return []string{p.id, p.fls}
		}},
}

func writeCSV(path string, header []string, people []person, row func(person) []string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.Write(header)
	for _, p := range people {
		if r := row(p); r != nil {
			w.Write(r)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	return f.Close()
}
