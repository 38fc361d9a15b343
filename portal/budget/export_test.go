package budget

// SetEligibilityPage makes EligibilityList read n leaves at a time until the returned func
// restores it.
func SetEligibilityPage(n int64) (restore func()) {
	old := eligibilityPage
	eligibilityPage = n
	return func() { eligibilityPage = old }
}
