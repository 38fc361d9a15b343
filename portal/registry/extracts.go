package registry

import (
	"context"
	"io/fs"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pbnode/pbnode/portal/pii"
)

// Extracts is the Registry over registry extracts: the CSV files of docs/REGISTRY.md, read
// into memory. It is safe for concurrent use. Reload reads the files again and swaps the new
// set in at once; checks running meanwhile answer from the old set or the new one, never from
// a mix.
type Extracts struct {
	fsys   fs.FS
	reload sync.Mutex               // serializes Reload, so the set stored last was read last
	set    atomic.Pointer[snapshot] // the loaded set; never nil after Open
}

var _ Registry = (*Extracts)(nil)

// Open reads the extracts from fsys, usually os.DirFS of the extracts directory. Every row is
// validated; errors name the file, line and column (a *LoadError) and never the values.
func Open(ctx context.Context, fsys fs.FS) (*Extracts, error) {
	s, err := load(ctx, fsys, time.Now())
	if err != nil {
		return nil, err
	}
	e := &Extracts{fsys: fsys}
	e.set.Store(s)
	return e, nil
}

// Reload reads the extracts again and swaps them in. On an error the loaded set stays in
// place and keeps answering.
func (e *Extracts) Reload(ctx context.Context) error {
	e.reload.Lock()
	defer e.reload.Unlock()
	s, err := load(ctx, e.fsys, time.Now())
	if err != nil {
		return err
	}
	e.set.Store(s)
	return nil
}

// Stats counts the rows of the loaded set, to log after Open and Reload.
func (e *Extracts) Stats() Stats { return e.set.Load().stats }

// Stats counts the rows of each extract.
type Stats struct {
	Residents, Passports, SNILS, Flats, Owners, SocialTenants int
}

// CheckPerson implements Registry.
func (e *Extracts) CheckPerson(ctx context.Context, p Person) (Result, error) {
	w, err := begin(ctx, p)
	if err != nil {
		return Result{}, err
	}
	return e.set.Load().checkPerson(w), nil
}

// CheckPassport implements Registry.
func (e *Extracts) CheckPassport(ctx context.Context, p Person, passport pii.Passport) (Result, error) {
	w, err := begin(ctx, p)
	if err != nil || passport.IsZero() {
		return Result{}, orIncomplete(err)
	}
	holder := e.set.Load().passports[passport.Reveal()]
	return checkHolder(holder, w, ReasonPassportUnknown), nil
}

// CheckSNILS implements Registry.
func (e *Extracts) CheckSNILS(ctx context.Context, p Person, snils pii.SNILS) (Result, error) {
	w, err := begin(ctx, p)
	if err != nil || snils.IsZero() {
		return Result{}, orIncomplete(err)
	}
	holder := e.set.Load().snils[snils.Reveal()]
	return checkHolder(holder, w, ReasonSNILSUnknown), nil
}

// CheckFlat implements Registry.
func (e *Extracts) CheckFlat(ctx context.Context, fls pii.FLS, flat Flat) (Result, error) {
	if err := ctx.Err(); err != nil {
		return Result{}, err
	}
	want := flatKey{building: foldAddress(flat.Building), number: foldAddress(flat.Number)}
	if fls.IsZero() || want.building == "" || want.number == "" {
		return Result{}, ErrIncompleteQuery
	}
	got, ok := e.set.Load().flats[fls.Reveal()]
	switch {
	case !ok:
		return notFound(ReasonFlatUnknown), nil
	case got != want:
		return mismatch(ReasonAddressDiffers), nil
	}
	return matched(NoRole), nil
}

// CheckProperty implements Registry.
func (e *Extracts) CheckProperty(ctx context.Context, p Person, fls pii.FLS, cert pii.PropertyCert) (Result, error) {
	w, err := begin(ctx, p)
	if err != nil || fls.IsZero() {
		return Result{}, orIncomplete(err)
	}
	s, account := e.set.Load(), fls.Reveal()
	if _, ok := s.flats[account]; !ok {
		return notFound(ReasonFlatUnknown), nil
	}
	if cert.IsZero() {
		return s.checkTenancy(w, account), nil
	}
	o, ok := s.certs[cert.Reveal()]
	switch {
	case !ok:
		return notFound(ReasonCertificateUnknown), nil
	case o.account != account:
		return mismatch(ReasonOtherFlat), nil
	case !o.holder.is(w):
		return mismatch(ReasonHolderDiffers), nil
	}
	return matched(Owner), nil
}

// begin returns the key of p, or the reason not to check: a done context or an incomplete
// Person.
func begin(ctx context.Context, p Person) (who, error) {
	if err := ctx.Err(); err != nil {
		return who{}, err
	}
	w := who{name: foldName(p.FullName), born: dayOf(p.BirthDate), address: foldAddress(p.Address)}
	if w.name == "" || p.BirthDate.IsZero() {
		return who{}, ErrIncompleteQuery
	}
	return w, nil
}

// orIncomplete returns err, or ErrIncompleteQuery when err is nil.
func orIncomplete(err error) error {
	if err != nil {
		return err
	}
	return ErrIncompleteQuery
}

func checkHolder(holder *resident, w who, unknown Reason) Result {
	switch {
	case holder == nil:
		return notFound(unknown)
	case !holder.is(w):
		return mismatch(ReasonHolderDiffers)
	}
	return matched(NoRole)
}
