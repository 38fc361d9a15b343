package registry_test

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/portal/registry"
)

func ExampleExtracts() {
	ctx := context.Background()
	reg, err := registry.Open(ctx, os.DirFS("testdata/valid"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%+v\n", reg.Stats())

	// A citizen registered as Семёнова Алёна Петровна, typed in her own way.
	born, _ := pii.ParseBirthDate("03.11.1992", time.Now())
	p := registry.Person{FullName: "СЕМЕНОВА алена  петровна", BirthDate: born}
	snils, _ := pii.ParseSNILS("123-456-789 64")
	account, _ := pii.ParseFLS("12345 67890")
	cert, _ := pii.ParsePropertyCert("77 АБ № 123457")

	r, _ := reg.CheckPerson(ctx, p)
	fmt.Println("person:", r)
	r, _ = reg.CheckSNILS(ctx, p, snils)
	fmt.Println("SNILS:", r)
	r, _ = reg.CheckFlat(ctx, account, registry.Flat{Building: "г. Москва, ул. Тверская, д. 7", Number: "12"})
	fmt.Println("flat:", r)
	r, _ = reg.CheckProperty(ctx, p, account, cert)
	fmt.Println("property:", r)
	r, _ = reg.CheckProperty(ctx, p, account, pii.PropertyCert{})
	fmt.Println("property without the certificate:", r)
	other, _ := pii.ParsePassport("4509", "123456")
	r, _ = reg.CheckPassport(ctx, p, other)
	fmt.Println("someone else's passport:", r)

	// Neither the query nor the result prints personal data.
	fmt.Println(p, snils)
	// Output:
	// {Residents:6 Passports:5 SNILS:4 Flats:4 Owners:3 SocialTenants:3}
	// person: match
	// SNILS: match
	// flat: match
	// property: match (owner)
	// property without the certificate: mismatch (certificate_needed)
	// someone else's passport: mismatch (holder_differs)
	// registry.Person{***} ***-***-*** 64
}
