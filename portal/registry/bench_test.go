package registry_test

import (
	"os"
	"testing"

	"github.com/pbnode/pbnode/portal/registry"
	"github.com/pbnode/pbnode/portal/registry/registrytest"
)

const benchPeople = 10_000

// BenchmarkLoad reads the extracts of 10,000 people.
//
//	go test -run '^$' -bench . -benchmem ./portal/registry/
func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	if _, err := registrytest.Generate(dir, benchPeople, 1); err != nil {
		b.Fatal(err)
	}
	fsys := os.DirFS(dir)
	for b.Loop() {
		if _, err := registry.Open(b.Context(), fsys); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheck makes each check of one citizen after another of 10,000.
func BenchmarkCheck(b *testing.B) {
	dir := b.TempDir()
	people, err := registrytest.Generate(dir, benchPeople, 1)
	if err != nil {
		b.Fatal(err)
	}
	reg, err := registry.Open(b.Context(), os.DirFS(dir))
	if err != nil {
		b.Fatal(err)
	}
	checks := map[string]func(c registrytest.Citizen) (registry.Result, error){
		"Person": func(c registrytest.Citizen) (registry.Result, error) { return reg.CheckPerson(b.Context(), c.Person) },
		"Passport": func(c registrytest.Citizen) (registry.Result, error) {
			return reg.CheckPassport(b.Context(), c.Person, c.Passport)
		},
		"SNILS": func(c registrytest.Citizen) (registry.Result, error) {
			return reg.CheckSNILS(b.Context(), c.Person, c.SNILS)
		},
		"Flat": func(c registrytest.Citizen) (registry.Result, error) {
			return reg.CheckFlat(b.Context(), c.FLS, c.Flat)
		},
		"Property": func(c registrytest.Citizen) (registry.Result, error) {
			return reg.CheckProperty(b.Context(), c.Person, c.FLS, c.Cert)
		},
	}
	for _, name := range []string{"Person", "Passport", "SNILS", "Flat", "Property"} {
		check := checks[name]
		b.Run(name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				if r, err := check(people[i%len(people)]); err != nil || !r.Matched() {
					b.Fatalf("citizen %d: %v, %v", i%len(people), r, err)
				}
				i++
			}
		})
	}
}
