package io.callbridge.records;

import java.util.Locale;

import io.callbridge.contacts.Contacts;
import io.callbridge.records.RecordChangeLog.RecordType;
import io.callbridge.shared.CurrentUser;
import io.callbridge.shared.Problems;
import io.callbridge.shared.Role;
import io.callbridge.shared.Text;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sync read API for scripts that keep a company's database next to Callbridge (VCC's
 * CRM API as used by CRM triggers): each customer by id, and a change feed per kind of
 * record to catch up with no gap and no full re-read.
 */
@RestController
@Tag(name = "Sync", description = "Customers by id and change feeds of customers, cases, follow-ups and tasks")
class SyncApiController {

	private static final String FEED = """
			Records of this kind changed after the cursor, in change order, each at most once per page with its \
			current representation; a deleted record is a tombstone (change "deleted", record null) that keeps \
			customerId and caseId. Read from after=0 (or no after) to get everything, then pass nextCursor as \
			after until hasMore is false; store nextCursor and start there next time. Cursors are opaque, \
			per tenant and monotonic: changes are numbered in commit order, so a change committed later never \
			appears before a cursor already handed out (no gap), and a record changed again moves to its new \
			position (read it again then). A record may therefore appear in two pages of one catch-up, always \
			with its newest state; apply items in order and keep the last. A cursor that is not one this feed \
			returned is a 422 problem naming 'after'. Types: customers, cases, follow-ups, tasks; the tasks \
			feed (all agents' tasks) is for supervisors and admins.""";

	private final ChangeFeed feed;

	private final Contacts contacts;

	SyncApiController(ChangeFeed feed, Contacts contacts) {
		this.feed = feed;
		this.contacts = contacts;
	}

	@GetMapping("/api/v1/customers/{id}")
	@Operation(summary = "A customer (a contact; its id is VCC's Account ID)")
	CustomerView customer(CurrentUser user, @PathVariable long id) {
		return CustomerView.of(this.contacts.get(user.tenantId(), id));
	}

	@GetMapping("/api/v1/changes/{type}")
	@Operation(summary = "Change feed of one kind of record: what changed since a cursor", description = FEED)
	ChangeFeed.Page changes(CurrentUser user,
			@Parameter(description = "customers, cases, follow-ups or tasks") @PathVariable String type,
			@Parameter(description = "a cursor from this feed (nextCursor or an item's cursor); 0 or none for "
					+ "the beginning") @RequestParam(required = false) @Nullable String after,
			@Parameter(description = "at most this many records, 1..500 (default 100)") @RequestParam(
					defaultValue = "100") int limit) {
		RecordType recordType = type(type);
		if (recordType == RecordType.TASK) {
			user.require(Role.SUPERVISOR);
		}
		if (limit < 1 || limit > ChangeFeed.MAX_LIMIT) {
			throw new Problems.InvalidInput("limit", Text.of("changes.badLimit", String.valueOf(ChangeFeed.MAX_LIMIT)));
		}
		return this.feed.read(user.tenantId(), recordType, ChangeCursor.decode(user.tenantId(), after, "after"), limit);
	}

	private static RecordType type(String type) {
		return switch (type.toLowerCase(Locale.ROOT)) {
			case "customers" -> RecordType.CUSTOMER;
			case "cases" -> RecordType.CASE;
			case "follow-ups" -> RecordType.FOLLOW_UP;
			case "tasks" -> RecordType.TASK;
			default -> throw new Problems.NotFound(Text.of("what.changeFeed"), type);
		};
	}

}
