package oidclogin

import (
	"log/slog"

	"github.com/zitadel/oidc/v3/pkg/oidc"
)

// Identity is the citizen as the provider asserts them, for registration through the state
// identity provider: full name, sex, birth date, e-mail, phone. Issuer and Subject
// together are the stable key of the provider's account; they are not the unique user ID of
// which the node draws itself. The other claims may change between logins and are empty
// when the provider did not release them. BirthDate is as sent (OpenID Connect Core:
// YYYY-MM-DD, or YYYY, or 0000-MM-DD), and so is Gender ("female", "male" or another value).
// Identity is personal data: logging one with slog shows only the issuer.
type Identity struct {
	Issuer        string
	Subject       string
	Name          string
	GivenName     string
	MiddleName    string
	FamilyName    string
	Gender        string
	BirthDate     string
	Email         string
	EmailVerified bool
	PhoneNumber   string
	PhoneVerified bool
}

// LogValue implements slog.LogValuer: an Identity is personal data.
func (id Identity) LogValue() slog.Value {
	return slog.GroupValue(slog.String("issuer", id.Issuer), slog.String("subject", redacted))
}

func identityFromClaims(c *oidc.IDTokenClaims) Identity {
	return Identity{
		Issuer:        c.Issuer,
		Subject:       c.Subject,
		Name:          c.Name,
		GivenName:     c.GivenName,
		MiddleName:    c.MiddleName,
		FamilyName:    c.FamilyName,
		Gender:        string(c.Gender),
		BirthDate:     c.Birthdate,
		Email:         c.Email,
		EmailVerified: bool(c.EmailVerified),
		PhoneNumber:   c.PhoneNumber,
		PhoneVerified: bool(c.PhoneNumberVerified),
	}
}

// fillFrom sets the claims that the signed ID token left empty from userinfo, whose subject
// the caller has matched. A verified flag travels with its address.
func (id *Identity) fillFrom(info *oidc.UserInfo) {
	fill(&id.Name, info.Name)
	fill(&id.GivenName, info.GivenName)
	fill(&id.MiddleName, info.MiddleName)
	fill(&id.FamilyName, info.FamilyName)
	fill(&id.Gender, string(info.Gender))
	fill(&id.BirthDate, info.Birthdate)
	if id.Email == "" {
		id.Email, id.EmailVerified = info.Email, bool(info.EmailVerified)
	}
	if id.PhoneNumber == "" {
		id.PhoneNumber, id.PhoneVerified = info.PhoneNumber, bool(info.PhoneNumberVerified)
	}
}

func fill(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}
