package wallets

import (
	"context"
	"errors"
	"fmt"

	"github.com/pbnode/pbnode/portal/citizens"
	"github.com/pbnode/pbnode/storage"
)

// CustodialOnVerified wraps next, the verification job's notifier, so that a person verified
// at level 1 or more gets a custodial wallet (EnsureCustodial) before being told. A user
// deactivated meanwhile gets none. If the wallet cannot be made the notice fails, and the job
// retries both on its next pass.
func (s *Service) CustodialOnVerified(next citizens.Notifier) citizens.Notifier {
	return custodialNotifier{svc: s, next: next}
}

type custodialNotifier struct {
	svc  *Service
	next citizens.Notifier
}

// Notify ensures the wallet, then passes the notice on.
func (n custodialNotifier) Notify(ctx context.Context, notice citizens.Notice) error {
	r := notice.Request
	if r.Subject == storage.SubjectPerson && r.Status == storage.VerificationVerified && r.Level >= 1 {
		_, err := n.svc.EnsureCustodial(ctx, notice.UserRef)
		if err != nil && !errors.Is(err, ErrDeactivated) {
			return fmt.Errorf("custodial wallet for a verified citizen: %w", err)
		}
	}
	return n.next.Notify(ctx, notice)
}
