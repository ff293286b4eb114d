package io.callbridge.crm;

/**
 * Where a connection's registration in its CRM stands (see
 * {@link ConnectionView.Registration}).
 */
enum RegistrationState {

	/** Never connected: nothing was sent to the CRM. */
	NEVER,
	/** To be registered again: what is registered changed, or a retryable failure. */
	PENDING,
	/** The CRM took the last registration. */
	REGISTERED,
	/** The CRM refused the last registration for good: the admin must act. */
	FAILED

}
