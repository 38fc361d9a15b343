package citizens

import (
	"context"
	"errors"
	"fmt"

	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/storage"
)

// Documents are a citizen's verified documents as masks ("***-***-*** 95"), for the citizen's
// own page: the values themselves never leave the vault. A mask is "" when there is no
// document.
type Documents struct {
	Passport string // person level 2
	SNILS    string // person level 3
	Flats    []FlatDocuments
}

// FlatDocuments is a verified flat with the masks of its documents.
type FlatDocuments struct {
	Flat
	FLS          string
	PropertyCert string // an owner's certificate; "" for a social tenant or below level 2
}

// Documents returns the masks of the user's verified documents.
func (s *Service) Documents(ctx context.Context, user int64) (Documents, error) {
	d, err := s.documents(ctx, user)
	if err != nil {
		return Documents{}, fmt.Errorf("load documents: %w", err)
	}
	return d, nil
}

func (s *Service) documents(ctx context.Context, user int64) (Documents, error) {
	var d Documents
	pv, err := s.db.PersonVerification(ctx, user)
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return d, err
	}
	if d.Passport, err = s.mask(pii.KindPassport, pv.PassportCipher, func(v string) (fmt.Stringer, error) {
		return pii.ParsePassport(v[:min(4, len(v))], v[min(4, len(v)):])
	}); err != nil {
		return d, err
	}
	if d.SNILS, err = s.mask(pii.KindSNILS, pv.SNILSCipher, func(v string) (fmt.Stringer, error) { return pii.ParseSNILS(v) }); err != nil {
		return d, err
	}
	links, err := s.db.FlatLinks(ctx, user)
	if err != nil {
		return d, err
	}
	for _, l := range links {
		f := FlatDocuments{Flat: Flat{Building: l.Building, FlatNumber: l.FlatNumber, Level: l.Level, Role: l.Role}}
		if f.FLS, err = s.mask(pii.KindFLS, l.FLSCipher, func(v string) (fmt.Stringer, error) { return pii.ParseFLS(v) }); err != nil {
			return d, err
		}
		if f.PropertyCert, err = s.mask(pii.KindPropertyCert, l.CertCipher, func(v string) (fmt.Stringer, error) { return pii.ParsePropertyCert(v) }); err != nil {
			return d, err
		}
		d.Flats = append(d.Flats, f)
	}
	return d, nil
}

// mask opens a sealed document and returns its mask; "" when there is none.
func (s *Service) mask(kind pii.Kind, cipher []byte, parse func(string) (fmt.Stringer, error)) (string, error) {
	if len(cipher) == 0 {
		return "", nil
	}
	raw, err := s.vault.Open(kind, cipher)
	if err != nil {
		return "", fmt.Errorf("open %s: %w", kind, err)
	}
	doc, err := parse(string(raw))
	if err != nil {
		return "", fmt.Errorf("stored %s: %w", kind, err)
	}
	return doc.String(), nil
}
