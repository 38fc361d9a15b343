package registry_test

import (
	"encoding/csv"
	"errors"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/portal/registry"
)

func TestOpenValid(t *testing.T) {
	reg := openValid(t)
	want := registry.Stats{Residents: 6, Passports: 5, SNILS: 4, Flats: 4, Owners: 3, SocialTenants: 3}
	if got := reg.Stats(); got != want {
		t.Errorf("Stats() = %+v, want %+v", got, want)
	}
}

// TestOpenLenient: columns in any order, unknown columns, a byte-order mark, CRLF line
// ends, blank lines, quoted fields with commas, quotes and line breaks, and spaces around
// values are all read.
func TestOpenLenient(t *testing.T) {
	fsys := validFS(t)
	fsys["residents.csv"].Data = []byte("\ufeffRegistration_Address , birth_date,source,full_name,person_id\r\n" +
		"\"г. Москва,\nул. \"\"Тверская\"\", д. 7\",1980-05-12,ГИС ЖКХ,  Иванов   Иван Иванович ,p1\r\n" +
		"\r\n" +
		",1961-07-01,,Иванов Иван Иванович,p4\r\n")
	fsys["passports.csv"].Data = []byte("person_id,number,series\n p1 , 123 456 , 45 09 \n")
	fsys["snils.csv"].Data = []byte("person_id,snils\n")
	fsys["owners.csv"].Data = []byte("person_id,fls,property_cert\np1,1234567890,77 аб № 123456\n")
	fsys["social_tenants.csv"].Data = []byte("person_id,fls\np4,3456789012\n")
	reg, err := registry.Open(t.Context(), fsys)
	if err != nil {
		t.Fatal(err)
	}
	want := registry.Stats{Residents: 2, Passports: 1, Flats: 4, Owners: 1, SocialTenants: 1}
	if got := reg.Stats(); got != want {
		t.Errorf("Stats() = %+v, want %+v", got, want)
	}
	checks := []check{
		person(reg, withAddress(ivanov, "г. Москва, ул. Тверская, д. 7")),
		pass(reg, ivanov, passport("4509", "123456")),
		property(reg, ivanov, "1234567890", cert("77-АБ 123456")),
		property(reg, ivanov61, "3456789012", pii.PropertyCert{}),
	}
	for i, c := range checks {
		if got, err := c(t.Context()); err != nil || !got.Matched() {
			t.Errorf("check %d: %v, %v; want a match", i, got, err)
		}
	}
}

func TestOpenErrors(t *testing.T) {
	tests := []struct {
		name      string
		file      string
		text      string
		wantErr   error
		line, col int
		field     string
		secret    string // a value the error must not repeat
	}{
		{"empty file", "snils.csv", "", registry.ErrHeader, 1, 1, "", ""},
		{"missing header", "residents.csv", "p1,Иванов Иван Иванович,1980-05-12,\"г. Москва\"\n", registry.ErrHeader, 1, 1, "person_id", "Иванов"},
		{"header without a column", "snils.csv", "person_id,snils_number\np1,112-233-445 95\n", registry.ErrHeader, 1, 1, "snils", ""},
		{"column named twice", "snils.csv", "person_id,snils,SNILS\np1,112-233-445 95,112-233-445 95\n", registry.ErrHeader, 1, 17, "snils", ""},
		{"SNILS check digit", "snils.csv", "person_id,snils\np1,112-233-445 96\n", pii.ErrSNILSChecksum, 2, 4, "snils", "11223344596"},
		{"SNILS of 10 digits", "snils.csv", "person_id,snils\np1,1122334459\n", pii.ErrSNILSFormat, 2, 4, "snils", "1122334459"},
		{"SNILS listed twice", "snils.csv", "person_id,snils\np1,112-233-445 95\np2,11223344595\n", registry.ErrDuplicate, 3, 4, "snils", "11223344595"},
		{"second SNILS of a person", "snils.csv", "person_id,snils\np1,112-233-445 95\np1,123-456-789 64\n", registry.ErrDuplicate, 3, 1, "person_id", "12345678964"},
		{"FLS of 9 digits", "flats.csv", "fls,building_address,flat_number\n123456789,\"г. Москва, ул. Арбат, д. 10\",5\n", pii.ErrFLSFormat, 2, 1, "fls", "123456789"},
		{"FLS of 9 digits in owners", "owners.csv", "person_id,fls,property_cert\np1,123456789,77-АБ 123456\n", pii.ErrFLSFormat, 2, 4, "fls", "123456789"},
		{"FLS listed twice", "flats.csv", "fls,building_address,flat_number\n1234567890,a,1\n1234567890,b,2\n", registry.ErrDuplicate, 3, 1, "fls", "1234567890"},
		{"flat without an address", "flats.csv", "fls,building_address,flat_number\n1234567890, ,1\n", registry.ErrEmpty, 2, 12, "building_address", "1234567890"},
		{"flat without a number", "flats.csv", "fls,building_address,flat_number\n1234567890,a,\n", registry.ErrEmpty, 2, 14, "flat_number", "1234567890"},
		{"person_id listed twice", "residents.csv", "person_id,full_name,birth_date,registration_address\np1,А Б В,1980-05-12,\np1,Г Д Е,1981-05-12,\n", registry.ErrDuplicate, 3, 1, "person_id", ""},
		{"person_id with a space", "residents.csv", "person_id,full_name,birth_date,registration_address\np 1,А Б В,1980-05-12,\n", registry.ErrPersonID, 2, 1, "person_id", ""},
		{"empty full name", "residents.csv", "person_id,full_name,birth_date,registration_address\np1,  ,1980-05-12,\n", registry.ErrEmpty, 2, 4, "full_name", ""},
		{"birth date format", "residents.csv", "person_id,full_name,birth_date,registration_address\np1,А Б В,1980-13-12,\n", pii.ErrBirthDateFormat, 2, 13, "birth_date", "1980"},
		{"birth date in the future", "residents.csv", "person_id,full_name,birth_date,registration_address\np1,А Б В,2999-01-01,\n", pii.ErrBirthDateFuture, 2, 13, "birth_date", "2999"},
		{"invalid UTF-8", "residents.csv", "person_id,full_name,birth_date,registration_address\np1,\xff\xfe,1980-05-12,\n", registry.ErrEncoding, 2, 4, "full_name", ""},
		{"passport series of 3 digits", "passports.csv", "person_id,series,number\np1,450,123456\n", pii.ErrPassportSeries, 2, 4, "series", "450"},
		{"passport number of 5 digits", "passports.csv", "person_id,series,number\np1,4509,12345\n", pii.ErrPassportNumber, 2, 9, "number", "12345"},
		{"passport listed twice", "passports.csv", "person_id,series,number\np1,4509,123456\np2,4509,123456\n", registry.ErrDuplicate, 3, 4, "series", "123456"},
		{"second passport of a person", "passports.csv", "person_id,series,number\np1,4509,123456\np1,4510,654321\n", registry.ErrDuplicate, 3, 1, "person_id", "654321"},
		{"unknown person in passports", "passports.csv", "person_id,series,number\np9,4509,123456\n", registry.ErrUnknownPerson, 2, 1, "person_id", "123456"},
		{"unknown person in SNILS", "snils.csv", "person_id,snils\np9,112-233-445 95\n", registry.ErrUnknownPerson, 2, 1, "person_id", "11223344595"},
		{"unknown person in owners", "owners.csv", "person_id,fls,property_cert\np9,1234567890,77-АБ 123456\n", registry.ErrUnknownPerson, 2, 1, "person_id", "1234567890"},
		{"unknown flat in owners", "owners.csv", "person_id,fls,property_cert\np1,9999999999,77-АБ 123456\n", registry.ErrUnknownFlat, 2, 4, "fls", "9999999999"},
		{"bad certificate", "owners.csv", "person_id,fls,property_cert\np1,1234567890,00-АБ 123456\n", pii.ErrPropertyCertFormat, 2, 15, "property_cert", "00-АБ"},
		{"certificate listed twice", "owners.csv", "person_id,fls,property_cert\np1,1234567890,77-АБ 123456\np2,1234567890,77АБ123456\n", registry.ErrDuplicate, 3, 15, "property_cert", "77АБ123456"},
		{"unknown person in social tenants", "social_tenants.csv", "person_id,fls\np9,3456789012\n", registry.ErrUnknownPerson, 2, 1, "person_id", "3456789012"},
		{"unknown flat in social tenants", "social_tenants.csv", "person_id,fls\np4,9999999999\n", registry.ErrUnknownFlat, 2, 4, "fls", "9999999999"},
		{"tenancy listed twice", "social_tenants.csv", "person_id,fls\np4,3456789012\np4,34567 89012\n", registry.ErrDuplicate, 3, 1, "person_id", "3456789012"},
		{"bare quote", "snils.csv", "person_id,snils\np1,112\"233-445 95\n", csv.ErrBareQuote, 2, 7, "", "445"},
		{"unterminated quote", "snils.csv", "person_id,snils\np1,\"112-233-445 95\n", csv.ErrQuote, 2, 20, "", "445"},
		{"wrong number of fields", "snils.csv", "person_id,snils\np1,112-233-445 95,x\n", csv.ErrFieldCount, 2, 1, "", "445"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := validFS(t)
			fsys[tt.file] = &fstest.MapFile{Data: []byte(tt.text)}
			reg, err := registry.Open(t.Context(), fsys)
			if !errors.Is(err, tt.wantErr) || reg != nil {
				t.Fatalf("Open() = %v, %v; want %v", reg, err, tt.wantErr)
			}
			le, ok := errors.AsType[*registry.LoadError](err)
			if !ok {
				t.Fatalf("error %v is not a *LoadError", err)
			}
			got := [3]any{le.File + ":" + le.Field, le.Line, le.Column}
			if want := [3]any{tt.file + ":" + tt.field, tt.line, tt.col}; got != want {
				t.Errorf("error at %v, want %v (%v)", got, want, err)
			}
			if tt.secret != "" && strings.Contains(err.Error(), tt.secret) {
				t.Errorf("error %q repeats the value %q", err, tt.secret)
			}
		})
	}
}

// TestOpenReportsSeveralErrors: one load reports the errors of a file, at most 20, and
// stops at that file.
func TestOpenReportsSeveralErrors(t *testing.T) {
	fsys := validFS(t)
	var b strings.Builder
	b.WriteString("person_id,snils\n")
	for range 30 {
		b.WriteString("p1,112-233-445 96\n")
	}
	fsys["snils.csv"].Data = []byte(b.String())
	fsys["owners.csv"].Data = []byte("person_id,fls,property_cert\np9,1234567890,77-АБ 123456\n")
	_, err := registry.Open(t.Context(), fsys)
	if got := strings.Count(err.Error(), "\n") + 1; got != 20 {
		t.Errorf("%d errors reported, want 20:\n%v", got, err)
	}
	if errors.Is(err, registry.ErrUnknownPerson) {
		t.Error("errors of owners.csv reported after those of snils.csv")
	}
}

func TestOpenMissingFile(t *testing.T) {
	fsys := validFS(t)
	delete(fsys, "social_tenants.csv")
	if _, err := registry.Open(t.Context(), fsys); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open() without social_tenants.csv: %v, want fs.ErrNotExist", err)
	}
}
