package event

// ContextRuleInfo describes a context rule for the tests.
type ContextRuleInfo struct{ Name, Reason, Source, Example string }

// ContextRules returns the context rules in order.
func ContextRules() []ContextRuleInfo {
	var out []ContextRuleInfo
	for _, r := range contextRules {
		out = append(out, ContextRuleInfo{r.name, r.reason, r.source, r.example})
	}
	return out
}

// WithoutContextRule removes the rule named name until restore is called.
func WithoutContextRule(name string) (restore func()) {
	saved := contextRules
	var kept []contextRule
	for _, r := range saved {
		if r.name != name {
			kept = append(kept, r)
		}
	}
	contextRules = kept
	return func() { contextRules = saved }
}
