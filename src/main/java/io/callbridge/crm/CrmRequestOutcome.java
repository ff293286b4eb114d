package io.callbridge.crm;

import io.callbridge.shared.Text;
import org.jspecify.annotations.Nullable;

/** The answer to a CRM's request, for its adapter to write in the CRM's terms. */
public sealed interface CrmRequestOutcome {

	/**
	 * Done (for click-to-call: the provider took the request).
	 *
	 * @param detail what was done
	 * @param agentId the agent acted for
	 * @param originationId the click-to-call request's id, for a call
	 */
	record Accepted(Text detail, long agentId, @Nullable Long originationId) implements CrmRequestOutcome {
	}

	/**
	 * Not done.
	 *
	 * @param status the HTTP status fitting the reason: 404 unknown manager, 409 the
	 * agent is on a call, 422 a bad number or status, 502 the provider refused, 503 the
	 * provider is unreachable
	 * @param field the request parameter at fault, if one
	 * @param reason why, for the CRM's user
	 */
	record Refused(int status, @Nullable String field, Text reason) implements CrmRequestOutcome {
	}

}
