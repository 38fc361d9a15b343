package identity_test

import (
	"testing"

	"github.com/pbnode/pbnode/portal/identity"
	"github.com/pbnode/pbnode/storage/storagetest"
)

// BenchmarkRegister measures a first sign-in: StartSMS and VerifySMS for a new phone, which
// creates the user and a session.
func BenchmarkRegister(b *testing.B) {
	for _, driver := range storagetest.Drivers {
		b.Run(driver, func(b *testing.B) {
			h := newHarness(b, storagetest.Open(b, driver), roomy())
			ctx := b.Context()
			for b.Loop() {
				raw := newPhone()
				id, err := h.svc.StartSMS(ctx, raw, testIP)
				if err != nil {
					b.Fatal(err)
				}
				if _, _, created, err := h.svc.VerifySMS(ctx, id, h.sms.CodeFor(b, raw), testIP, identity.Bearer); err != nil || !created {
					b.Fatalf("VerifySMS: created %v, %v", created, err)
				}
			}
		})
	}
}
