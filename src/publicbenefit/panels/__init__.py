"""The Citizens' Panel: population margins, recruitment by letter and community partner,
sign-up without an account, representativeness against the margins, survey waves to the whole
panel or a stratified sub-sample, weighted results with intervals, attrition, the prize draw,
feedback to members, and members' control over their own details."""
