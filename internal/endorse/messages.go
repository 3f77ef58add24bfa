package endorse

import (
	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/concord-initiative/concord/internal/site/toolmessages"
)

// Messages are every text of the service's pages and emails, English in Go,
// translated in the site's i18n/<lang>.toml (the test keeps them in step).
// The form's labels are the same keys: the site's endorse page (Hugo's T)
// and the service's own form read one text.
var Messages toolmessages.List

var byID = map[string]*i18n.Message{}

func message(id, english string) *i18n.Message {
	m := Messages.Add(id, english)
	byID[id] = m
	return m
}

// The form, on the site and on the service's review page.
var (
	msgFormTitle        = message("endorse_form_title", "Endorse online")
	msgFormIntro        = message("endorse_form_intro", "Fill in the form: we send a link to the email address to confirm, and the site's moderators check each endorsement before it is listed.")
	msgFormOriginalName = message("endorse_form_original_name", "Name, as the signatory writes it")
	msgFormOriginalLang = message("endorse_form_original_lang", "Language of that name (a tag such as zh-Hans, en, ja)")
	msgFormNameIn       = message("endorse_form_name_in", "Name in {{ .Language }} (if it has one)")
	msgFormCategory     = message("endorse_form_category", "Kind of signatory")
	msgFormWebsite      = message("endorse_form_website", "Website")
	msgFormEmail        = message("endorse_form_email", "Contact email address (never published)")
	msgFormEvidence     = message("endorse_form_evidence_url", "Address of a page that shows the endorsement (optional)")
	msgFormAuthorised   = message("endorse_form_authorised", "I am authorised to endorse on behalf of this organisation")
	msgFormHoneypot     = message("endorse_form_honeypot", "Leave this field empty")
	msgFormSubmit       = message("endorse_form_submit", "Send")
	msgFormPrivacy      = message("endorse_form_privacy", "Privacy: the names, kind, website and evidence address you give are published once approved. The email address is used only to confirm and to let you withdraw; it and the IP address of your request are kept for {{ .Days }} days after the moderators' decision, then erased. An unconfirmed endorsement is deleted after {{ .Hours }} hours. Nothing is shared with anyone else.")
)

// The service's pages.
var (
	msgReviewTitle    = message("endorse_review_title", "Check and send")
	msgReviewIntro    = message("endorse_review_intro", "Check what you entered, then send it.")
	msgFixTitle       = message("endorse_fix_title", "Please correct the form")
	msgTooFast        = message("endorse_too_fast", "The form was sent too quickly. Check it and send it again.")
	msgSentTitle      = message("endorse_sent_title", "Check your email")
	msgSentText       = message("endorse_sent_text", "We have sent a link to the address you gave. Follow it within {{ .Hours }} hours to confirm your endorsement.")
	msgConfirmTitle   = message("endorse_confirm_title", "Confirm your endorsement")
	msgConfirmButton  = message("endorse_confirm_button", "Confirm")
	msgConfirmedTitle = message("endorse_confirmed_title", "Endorsement confirmed")
	msgConfirmedText  = message("endorse_confirmed_text", "Thank you. The moderators check each endorsement before it appears on the list of signatories.")
	msgBadToken       = message("endorse_bad_token", "This link has been used already or is not valid. If you have not confirmed yet, send the form again.")
	msgExpiredToken   = message("endorse_expired_token", "This link has expired. Send the form again.")
	msgWithdrawTitle  = message("endorse_withdraw_title", "Withdraw your endorsement")
	msgWithdrawButton = message("endorse_withdraw_button", "Withdraw")
	msgWithdrawnTitle = message("endorse_withdrawn_title", "Endorsement withdrawn")
	msgWithdrawnText  = message("endorse_withdrawn_text", "Your endorsement is withdrawn. The list of signatories shows it as withdrawn, with the date, after its next update.")
	msgBadLink        = message("endorse_bad_link", "This link is not valid.")
	msgTooMany        = message("endorse_too_many", "Too many endorsements from your network or email domain in a short time. Try again in {{ .Minutes }} minute(s).")
	msgBadRequest     = message("endorse_bad_request", "The request could not be read: send the form from the site's endorse page.")
	msgBackToSite     = message("endorse_back", "Back to the signatories")
	msgServerError    = message("endorse_server_error", "Something went wrong on our side; nothing was saved. Try again later.")
)

// Field errors of the form.
var (
	msgRequired     = message("endorse_error_required", "This field is required.")
	msgBadEmail     = message("endorse_error_email", "Enter one email address, such as name@example.org.")
	msgBadCategory  = message("endorse_error_category", "Choose one of the kinds in the list.")
	msgNeedAuthor   = message("endorse_error_authorised", "For an organisation, confirm that you are authorised to endorse on its behalf.")
	msgDuplicate    = message("endorse_error_duplicate", "This email address has already endorsed this initiative.")
	msgTooLongField = message("endorse_error_too_long", "This is too long.")
	msgNeedSiteName = message("endorse_error_site_name", "The name is in none of the site's languages: give it in at least one of them, as it is written there.")
)

// The texts the export writes into the signatories file, in every site
// language.
var (
	msgOccasion       = message("endorse_entry_occasion", "The site's online endorsement form")
	msgEvidence       = message("endorse_entry_evidence", "Endorsed through the site's form on {{ .Date }}; the contact email address was confirmed; reviewed by the site's moderators.")
	msgWithdrawReason = message("endorse_entry_withdrawn_reason", "Withdrawn by the signatory through the link in the confirmation email.")
	msgSuspendReason  = message("endorse_entry_suspended_reason", "Suspended by the site's moderators while they check it.")
	msgModWithdrawn   = message("endorse_entry_moderator_withdrawn_reason", "Withdrawn by the site's moderators.")
)

// The emails.
var (
	msgMailSubject = message("endorse_mail_subject", "Confirm your endorsement of {{ .Initiative }}")
	msgMailText    = message("endorse_mail_text", "Someone, probably you, endorsed {{ .Initiative }} as {{ .Name }} on {{ .Site }}.\n\nTo confirm, open this link within {{ .Hours }} hours:\n{{ .ConfirmURL }}\n\nIf it was not you, ignore this email: the endorsement is deleted unconfirmed.\n\nTo withdraw the endorsement later, at any time, open this link:\n{{ .WithdrawURL }}\n")
)

// The moderators' pages.
var (
	msgAdminTitle      = message("endorse_admin_title", "Endorsements to moderate")
	msgAdminLogin      = message("endorse_admin_login", "Log in")
	msgAdminUser       = message("endorse_admin_user", "User name")
	msgAdminPassword   = message("endorse_admin_password", "Password")
	msgAdminBadLogin   = message("endorse_admin_bad_login", "Wrong user name or password.")
	msgAdminLogout     = message("endorse_admin_logout", "Log out")
	msgAdminEmpty      = message("endorse_admin_empty", "Nothing to moderate.")
	msgAdminChecks     = message("endorse_admin_checks", "Checks")
	msgAdminDomainOK   = message("endorse_admin_domain_match", "The email's domain matches the website's.")
	msgAdminDomainNo   = message("endorse_admin_domain_mismatch", "The email's domain ({{ .Email }}) differs from the website's ({{ .Website }}).")
	msgAdminNameDup    = message("endorse_admin_name_duplicate", "The name folds to the same as endorsement #{{ .ID }} ({{ .Name }}).")
	msgAdminReason     = message("endorse_admin_reason", "Reason (kept in the audit log)")
	msgAdminApprove    = message("endorse_admin_approve", "Approve")
	msgAdminReject     = message("endorse_admin_reject", "Reject")
	msgAdminVerify     = message("endorse_admin_verify", "Mark verified")
	msgAdminSuspend    = message("endorse_admin_suspend", "Suspend")
	msgAdminWithdraw   = message("endorse_admin_withdraw", "Withdraw")
	msgAdminReinstate  = message("endorse_admin_reinstate", "Reinstate")
	msgAdminAudit      = message("endorse_admin_audit", "Audit log")
	msgAdminCSRF       = message("endorse_admin_csrf", "The form has expired or did not come from this site. Reload the page and try again.")
	msgAdminNotAllowed = message("endorse_admin_not_allowed", "That action does not apply to this endorsement in its present state.")
	msgAdminOutbox     = message("endorse_admin_outbox", "Development outbox")
	msgAdminState      = message("endorse_admin_state", "State")
)
