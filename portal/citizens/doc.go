// Package citizens keeps citizens' profiles and verifies them against the state registries
// (DOMAIN.md R-5): the profile and addresses, the person's and flats' verification
// levels, the legal representatives of minors, who may take part in a round,
// and the erasure of a citizen's personal data.
//
// # Profile
//
// UpdateProfile validates and stores the full name, sex, birth date, e-mail and children's
// birth years (ValidateProfile; each refusal is a sentinel error). The full name and birth
// date are what the person check compares, so they cannot change once a person check is
// queued or verified (ErrIdentityLocked): a citizen who changes their name does so at a
// service centre. SetAddress keeps the registration, residence and work addresses with a
// territory code; an address may change at most once per 3 months (R-5.1,
// Config.AddressChangeMonths), else an *AddressTooSoonError says from when. The rule is
// checked here against the address read, and storage writes the change only if the address
// is still the one read (compare-and-swap on its change count), so concurrent changes cannot
// both pass.
//
// # Verification
//
// SubmitPerson and SubmitFlat validate the document with the pii parsers (a refusal writes
// nothing), refuse a document that is verified for another user (by its keyed index), seal it
// with the pii.Vault and queue a request due Config.DueWorkingDays working days later on the
// configured production calendar. Levels go in order: person 1 (name and birth date,
// and the registration address when one is set), 2 (passport), 3 (SNILS); flat 1 (FLS and the
// flat's address), 2 (a property certificate, or social tenancy; needs person level 1). A
// citizen verifies at most two flats online.
//
// A Job works the queue: it claims requests with a guarded update (so several workers decide
// each request once; a claim older than JobConfig.ClaimTimeout is taken over), opens the
// document, asks the registry.Registry, and records verified or rejected with the registry's
// reason code. A registry error puts the request back. The decision moves the document to the
// verified person or flat and clears it from the request; a unique index refuses a document
// verified for two users, and the later one is rejected with ReasonDocumentTaken. Then the
// Notifier tells the citizen (see Notices). Overdue reports the open requests past their due
// date.
//
// # Notices
//
// The outcome reaches the citizen "through an SMS/e-mail interface": the node's
// ChannelNotifier sends on every channel the citizen has, an SMS to the phone they sign in with
// (Channels.SMS, identity's gateway) and an e-mail to the address of their profile
// (Channels.Mail, a notify.Mailer), both when they have both: the outcome matters (a vote
// counts only once verified) and a citizen may read one and not the other. A citizen who
// signed in through ESIA has no phone and is told by e-mail only. A notice is delivered once
// one channel took it: a channel that failed then is logged and not retried, so that a
// retry never repeats an SMS already sent. When every channel the citizen has failed, the
// notice fails and the job retries it on its next pass (at least once delivery). An e-mail
// that can never be sent (an address the mailer refuses, such as a Cyrillic one, or a
// recipient the server refuses for good) counts as no channel; a citizen with no channel is
// told nothing and sees the outcome on their page. LogNotifier, and notify.LogMailer behind a
// ChannelNotifier, are for development. The texts are in Russian and hold the request's ID,
// subject, level and outcome, nothing personal.
//
// # Eligibility
//
// Eligible says whether a user may take part in a round (RoundRules: a minimum person level
// and a territory of the registration address); EligibleUsers pages through all of them to
// build a round's list.
//
// # Deactivation and erasure
//
// Deactivate marks the user deactivated and revokes every session; nothing is deleted.
// ErasePersonalData deactivates the user and, in one transaction, deletes the profile,
// children, addresses, minors represented, the verified person (passport and SNILS) and flats
// (FLS, flat address, certificate), role grants, sessions and pending sign-in codes, clears the
// documents and flat addresses from every verification request (open ones are closed as
// rejected, reason "erased"), and removes the phone (ciphertext and index) and any external
// identity (ESIA subject) from the user.
//
// What is kept, because a counted vote needs it: the users row with its twelve-digit unique
// user ID (R-5.4, published with each counted vote so anyone can find their vote and recount),
// its internal key, status "deactivated", the link to its citizen wallet (the on-chain voter),
// and its creation time; and each verification request without any document: subject, level,
// outcome, reason code and times, which show that a counted vote's voter was verified as
// requires. To satisfy the users table's rule that a user has a phone or an external
// identity, an erased user gets the placeholder identity storage.ErasedIssuer with its own
// user ID as subject, with which nobody can sign in. Rate-limit counters keyed by the phone's
// index hold only a keyed hash and expire within their window.
//
// # Personal data
//
// Passport, SNILS, FLS, property certificate and phone are stored only as a Vault ciphertext
// and keyed index. Full name, sex, birth date, e-mail and addresses are stored in clear (the
// registry checks and audiences need them) and never logged: logs carry internal keys,
// request IDs, levels, statuses and reason codes only, and errors never repeat the input.
// Notifiers never log a phone or an e-mail in clear; a warning about an unreachable e-mail
// carries it masked (notify.MaskAddress: "a***@example.org").
package citizens
