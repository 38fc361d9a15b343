// Package initiatives is the citizens' initiatives area: a verified citizen submits an
// initiative (problem, expected result, category, territory, cost, photos); a moderator
// reviews it and accepts it or rejects it with a reason; an accepted initiative is published
// either into an open budget round (registered on-chain through portal/budget) or, in the
// Krasnoyarsk way, to collect support votes until a deadline; it is then funded or not, and
// a funded one is implemented under progress posts until an official marks it done.
//
// The rules are plain functions (rules.go): the state machine (Next), the checks of a
// submission, and the support threshold and due date of measures. The Service applies them
// to storage (where initiatives are called proposals, since storage.Initiative is a round's
// on-chain initiative) and keeps photos by SHA-256 on disk (photos.go), stripped of EXIF.
package initiatives
