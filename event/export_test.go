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

// RoleRuleInfo describes a role rule for the tests.
type RoleRuleInfo struct{ Name, Source, Example string }

// RoleRules returns the role rules in order.
func RoleRules() []RoleRuleInfo {
	var out []RoleRuleInfo
	for _, r := range append(append([]roleRule(nil), positionRules...), assignRules...) {
		out = append(out, RoleRuleInfo{r.name, r.source, r.example})
	}
	return out
}

// WithoutRoleRule removes the role rule named name until restore is called.
func WithoutRoleRule(name string) (restore func()) {
	p, a := positionRules, assignRules
	drop := func(rs []roleRule) []roleRule {
		var kept []roleRule
		for _, r := range rs {
			if r.name != name {
				kept = append(kept, r)
			}
		}
		return kept
	}
	positionRules, assignRules = drop(p), drop(a)
	return func() { positionRules, assignRules = p, a }
}
