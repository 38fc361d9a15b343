// Package notify sends e-mail to citizens: the verification outcome of goes
// "through an SMS/e-mail interface", and a citizen who signed in through the state identity
// provider may have no phone, only the e-mail of their profile.
//
// A Mailer sends one Message (recipient, subject, plain text). SMTP submits it to a mail
// server over net/smtp: STARTTLS with a verified certificate, required unless the server is on
// a loopback address, then AUTH PLAIN when a username is configured. The message is RFC 5322
// with a Date, a Message-ID, MIME-Version 1.0, Content-Type text/plain; charset=UTF-8 and a
// base64 body; a non-ASCII subject is an RFC 2047 encoded word, since texts are in Russian.
// LogMailer is the development mailer: it logs instead of sending.
//
// # Outside input
//
// ValidateAddress accepts a bare ASCII addr-spec ("name@example.org", at most 254 bytes, a
// dotted domain); internationalized addresses are refused (ErrAddress), since sending them
// needs SMTPUTF8. A recipient, sender or subject with a CR, LF or other control character is
// refused (ErrAddress, ErrHeader) before anything is sent, so nothing can inject a header.
//
// # Personal data
//
// An e-mail address is personal data. Neither mailer logs one in clear: MaskAddress keeps the
// first character of the local part and the domain ("a***@example.org"). Errors never repeat
// an address or a subject. Bodies are never logged, whatever they hold. The SMTP password is a
// Secret, which prints as REDACTED through fmt, slog and encoders.
package notify
