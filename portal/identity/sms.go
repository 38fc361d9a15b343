package identity

import (
	"context"
	"crypto/hmac"
	"errors"
	"fmt"
	"time"

	"github.com/pbnode/pbnode/portal/pii"
	"github.com/pbnode/pbnode/storage"
)

// ChallengeID names a code sent by StartSMS; the client returns it with the code.
type ChallengeID string

// StartSMS sends a fresh sign-in code to rawPhone and returns the challenge to verify it
// against. The phone must be a Russian mobile number (ErrInvalidPhone wrapping the pii error)
// and ip the client's address (ErrInvalidIP); nothing is written when either is refused. Then
// the request counts against the IP address and the code against the phone (ErrRateLimited),
// and a locked-out phone is refused (ErrLockedOut); both carry a *LimitError.
func (s *Service) StartSMS(ctx context.Context, rawPhone, ip string) (ChallengeID, error) {
	phone, err := pii.NormalizePhone(rawPhone)
	if err != nil {
		return "", fmt.Errorf("start sms sign-in: %w: %w", ErrInvalidPhone, err)
	}
	if _, err := ipKey(ip); err != nil {
		return "", fmt.Errorf("start sms sign-in: %w", err)
	}
	code, err := newCode(s.cfg.CodeLength)
	if err != nil {
		return "", fmt.Errorf("start sms sign-in: %w", err)
	}
	cipher, err := s.vault.Seal(pii.KindPhone, []byte(phone.Reveal()))
	if err != nil {
		return "", fmt.Errorf("start sms sign-in: %w", err)
	}
	now := s.clock()
	id := ChallengeID(newToken(challengePrefix, challengeBytes))
	ch := storage.OTPChallenge{
		ID: string(id), PhoneIndex: s.vault.Index(pii.KindPhone, phone.Reveal()), PhoneCipher: cipher,
		CodeHash: s.codeHash(id, code), ExpiresAt: now.Add(s.cfg.CodeTTL),
	}
	if err := s.admitCode(ctx, ch.PhoneIndex, ip, now); err != nil {
		return "", fmt.Errorf("start sms sign-in: %w", err)
	}
	if err := s.db.CreateOTPChallenge(ctx, &ch); err != nil {
		return "", fmt.Errorf("start sms sign-in: %w", err)
	}
	if err := s.sms.Send(ctx, phone, smsText(code)); err != nil {
		return "", fmt.Errorf("start sms sign-in: send code: %w", err)
	}
	return id, nil
}

// admitCode applies the limits of StartSMS: the IP's requests, the phone's lock-out, the
// phone's codes.
func (s *Service) admitCode(ctx context.Context, phoneIndex, ip string, now time.Time) error {
	if err := s.hitIP(ctx, ip, now); err != nil {
		return err
	}
	if err := s.checkLockout(ctx, phoneIndex, now); err != nil {
		return err
	}
	return s.hit(ctx, sendBucket(phoneIndex), "phone", s.cfg.SendsPerPhone, now)
}

// smsText is the message that carries a code.
func smsText(code string) string {
	return "Код для входа: " + code + ". Никому его не сообщайте."
}

// codeHash is what is stored of a code: keyed, and bound to its challenge, so that the
// database alone does not give the code away.
func (s *Service) codeHash(id ChallengeID, code string) string {
	return s.mac("otp", string(id)+"\x00"+code)
}

// VerifySMS checks code against challenge id and signs the phone's user in, creating the user
// at the first sign-in (created reports it), with a new session of the given kind.
//
// A malformed code or challenge (ErrInvalidCode), IP address (ErrInvalidIP) or kind
// (ErrInvalidKind) is refused with nothing written. Then the request counts against the IP
// address (ErrRateLimited), a locked-out phone is refused (ErrLockedOut), and the attempt is
// counted: ErrCodeExpired, ErrCodeUsed, ErrTooManyAttempts or ErrCodeWrong. The wrong code that
// reaches Config.LockoutFailures for the phone also matches ErrLockedOut. A deactivated user
// gets ErrDeactivated. Of concurrent verifications of one code, exactly one succeeds.
func (s *Service) VerifySMS(ctx context.Context, id ChallengeID, code, ip string, kind SessionKind) (Session, User, bool, error) {
	sess, u, created, err := s.verifySMS(ctx, id, code, ip, kind)
	if err != nil {
		return Session{}, User{}, false, fmt.Errorf("verify sms code: %w", err)
	}
	return sess, u, created, nil
}

func (s *Service) verifySMS(ctx context.Context, id ChallengeID, code, ip string, kind SessionKind) (Session, User, bool, error) {
	if !checkToken(string(id), challengePrefix, challengeBytes) || !checkCode(code, s.cfg.CodeLength) {
		return Session{}, User{}, false, ErrInvalidCode
	}
	if _, err := ipKey(ip); err != nil {
		return Session{}, User{}, false, err
	}
	if !kind.valid() {
		return Session{}, User{}, false, ErrInvalidKind
	}
	now := s.clock()
	if err := s.hitIP(ctx, ip, now); err != nil {
		return Session{}, User{}, false, err
	}
	ch, err := s.attempt(ctx, id, now)
	if err != nil {
		return Session{}, User{}, false, err
	}
	if !hmac.Equal([]byte(s.codeHash(id, code)), []byte(ch.CodeHash)) {
		return Session{}, User{}, false, s.wrongCode(ctx, ch, now)
	}
	return s.signInPhone(ctx, ch, kind, now)
}

// attempt loads the challenge, refuses a locked-out phone and counts one attempt.
func (s *Service) attempt(ctx context.Context, id ChallengeID, now time.Time) (storage.OTPChallenge, error) {
	ch, err := s.db.OTPChallenge(ctx, string(id))
	if errors.Is(err, storage.ErrNotFound) {
		return ch, fmt.Errorf("%w: unknown challenge", ErrCodeExpired)
	}
	if err != nil {
		return ch, err
	}
	if err := s.checkLockout(ctx, ch.PhoneIndex, now); err != nil {
		return ch, err
	}
	err = s.db.AttemptOTP(ctx, ch.ID, now, s.cfg.MaxAttempts)
	if errors.Is(err, storage.ErrConflict) {
		return ch, s.whyRefused(ctx, ch.ID, now)
	}
	return ch, err
}

// whyRefused tells why a guarded update of challenge id matched nothing.
func (s *Service) whyRefused(ctx context.Context, id string, now time.Time) error {
	ch, err := s.db.OTPChallenge(ctx, id)
	switch {
	case err != nil:
		return err
	case ch.ConsumedAt != nil:
		return ErrCodeUsed
	case !now.Before(ch.ExpiresAt):
		return ErrCodeExpired
	}
	return ErrTooManyAttempts
}

// wrongCode records a failure for the challenge's phone and returns the error to give.
func (s *Service) wrongCode(ctx context.Context, ch storage.OTPChallenge, now time.Time) error {
	locked, err := s.recordFailure(ctx, ch.PhoneIndex, now)
	switch {
	case err != nil:
		return err
	case locked != nil:
		return fmt.Errorf("%w; %w", ErrCodeWrong, locked)
	}
	return fmt.Errorf("%w: %d of %d attempts used", ErrCodeWrong, ch.Attempts+1, s.cfg.MaxAttempts)
}

// signInPhone consumes the challenge, finds or creates its phone's user and opens a session,
// in one transaction.
func (s *Service) signInPhone(ctx context.Context, ch storage.OTPChallenge, kind SessionKind, now time.Time) (Session, User, bool, error) {
	var (
		sess    Session
		u       storage.User
		created bool
	)
	err := s.db.Tx(ctx, func(tx *storage.Tx) error {
		if err := tx.ConsumeOTP(ctx, ch.ID, now); err != nil {
			if errors.Is(err, storage.ErrConflict) {
				return s.whyRefusedTx(ch, now)
			}
			return err
		}
		var err error
		u, created, err = s.findOrCreate(ctx, tx.Repo, storage.User{PhoneIndex: ch.PhoneIndex, PhoneCipher: ch.PhoneCipher},
			func() (storage.User, error) { return tx.UserByPhoneIndex(ctx, ch.PhoneIndex) })
		if err != nil {
			return err
		}
		if sess, err = s.openSession(ctx, tx.Repo, u, kind, now); err != nil {
			return err
		}
		return tx.ClearRate(ctx, failBucket(ch.PhoneIndex))
	})
	if err != nil {
		return Session{}, User{}, false, err
	}
	if created {
		s.log.Info("user registered", "user_id", u.UserID, "via", "sms")
	}
	return sess, userOf(u), created, nil
}

// whyRefusedTx tells why ConsumeOTP refused, without another query (the transaction may be
// aborted): a code that has not expired was consumed by a concurrent verification.
func (s *Service) whyRefusedTx(ch storage.OTPChallenge, now time.Time) error {
	if !now.Before(ch.ExpiresAt) {
		return ErrCodeExpired
	}
	return ErrCodeUsed
}
