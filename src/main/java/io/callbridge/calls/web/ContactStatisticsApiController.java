package io.callbridge.calls.web;

import io.callbridge.calls.ContactCallStatistics;
import io.callbridge.calls.ContactCallStatisticsQuery;
import io.callbridge.contacts.Contacts;
import io.callbridge.shared.CurrentUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A contact's call statistics through the API, for every role that may read the contact.
 */
@RestController
@Tag(name = "Contacts")
class ContactStatisticsApiController {

	private final Contacts contacts;

	private final ContactCallStatisticsQuery statistics;

	ContactStatisticsApiController(Contacts contacts, ContactCallStatisticsQuery statistics) {
		this.contacts = contacts;
		this.statistics = statistics;
	}

	@GetMapping("/api/v1/contacts/{id}/call-statistics")
	@Operation(summary = "The contact's calls in figures",
			description = "Every call linked to the contact counts: calls in and out, answered, missed (inbound "
					+ "calls that ended missed, busy, cancelled or failed; not rejected ones, not outbound ones), "
					+ "total talk time of the answered calls in seconds, the last call, the disposition outcomes "
					+ "(labels in the reader's language, Accept-Language, for seeded outcomes), the charges recorded "
					+ "in dispositions and the provider's costs per currency, and the last 10 recorded calls "
					+ "(their recordings: GET /api/v1/calls/{id}/recording). 404 for a contact of another tenant.")
	ContactCallStatistics get(CurrentUser user, @PathVariable long id) {
		this.contacts.get(user.tenantId(), id);
		return this.statistics.of(user.tenantId(), id);
	}

}
