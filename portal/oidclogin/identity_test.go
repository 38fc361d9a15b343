package oidclogin

import (
	"testing"

	"github.com/zitadel/oidc/v3/pkg/oidc"
)

func TestIdentityMerge(t *testing.T) {
	claims := &oidc.IDTokenClaims{
		TokenClaims:     oidc.TokenClaims{Issuer: "https://idp.example", Subject: "42"},
		UserInfoProfile: oidc.UserInfoProfile{FamilyName: "Иванова", Birthdate: "1990-04-01"},
		UserInfoEmail:   oidc.UserInfoEmail{Email: "token@example.ru", EmailVerified: false},
	}
	info := &oidc.UserInfo{
		Subject: "42",
		UserInfoProfile: oidc.UserInfoProfile{
			Name: "Анна Петровна Иванова", GivenName: "Анна", MiddleName: "Петровна",
			FamilyName: "Сидорова", Gender: "female", Birthdate: "1991-01-01",
		},
		UserInfoEmail: oidc.UserInfoEmail{Email: "info@example.ru", EmailVerified: true},
		UserInfoPhone: oidc.UserInfoPhone{PhoneNumber: "+79161234567", PhoneNumberVerified: true},
	}
	got := identityFromClaims(claims)
	got.fillFrom(info)
	want := Identity{
		Issuer: "https://idp.example", Subject: "42",
		Name: "Анна Петровна Иванова", GivenName: "Анна", MiddleName: "Петровна",
		FamilyName: "Иванова", Gender: "female", BirthDate: "1990-04-01", // the signed token wins
		Email: "token@example.ru", EmailVerified: false, // the flag stays with its address
		PhoneNumber: "+79161234567", PhoneVerified: true,
	}
	if got != want {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}
