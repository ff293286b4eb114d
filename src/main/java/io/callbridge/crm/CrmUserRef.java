package io.callbridge.crm;

import org.jspecify.annotations.Nullable;

/**
 * How a CRM names one of its users in a request or an answer: by user id, by telephony
 * code, or both.
 *
 * @param crmUserId the CRM user's id
 * @param code the user's telephony code
 */
public record CrmUserRef(@Nullable String crmUserId, @Nullable String code) {

	/** Whether it names anyone. */
	public boolean isEmpty() {
		return (this.crmUserId == null || this.crmUserId.isBlank()) && (this.code == null || this.code.isBlank());
	}

}
