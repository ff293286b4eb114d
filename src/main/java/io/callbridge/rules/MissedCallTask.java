package io.callbridge.rules;

import java.time.Instant;
import java.util.List;

import io.callbridge.calls.Call;
import io.callbridge.contacts.Contact;
import io.callbridge.contacts.PhoneNumbers;
import io.callbridge.records.Tasks.NewTask;
import io.callbridge.telephony.CallDirection;
import io.callbridge.telephony.CallResult;
import org.jspecify.annotations.Nullable;

/**
 * The call-back task a missed inbound call gets: its unique key, its title (a message
 * each reader sees in their language) and when it applies.
 */
final class MissedCallTask {

	static final String TITLE = "task.missedCall.title";

	static final String TITLE_PRIVATE = "task.missedCall.privateNumber";

	static final String ANSWERED_AFTER_ALL = "task.missedCall.answeredAfterAll";

	private MissedCallTask() {
	}

	/** The key that makes the task unique per call. */
	static String key(long callId) {
		return "missed-call:" + callId;
	}

	/**
	 * Whether the call is an inbound one nobody answered (a blacklisted caller is not).
	 */
	static boolean isMissed(Call call) {
		return call.direction() == CallDirection.INBOUND && call.result() != null
				&& call.result() != CallResult.ANSWERED && call.result() != CallResult.REJECTED;
	}

	static NewTask task(Call call, @Nullable Contact contact, @Nullable Long assignee) {
		String number = (call.externalNumber() != null) ? PhoneNumbers.display(call.externalNumber()) : null;
		return new NewTask("", number, Instant.now(), assignee, (contact != null) ? contact.id() : null, call.id());
	}

	/**
	 * Who to call back: the contact's name, else the number; the private case says so.
	 */
	static List<String> titleArgs(Call call, @Nullable Contact contact) {
		if (contact != null) {
			return List.of(contact.name());
		}
		return (call.externalNumber() != null) ? List.of(PhoneNumbers.display(call.externalNumber())) : List.of();
	}

	static String title(Call call, @Nullable Contact contact) {
		return (contact == null && call.externalNumber() == null) ? TITLE_PRIVATE : TITLE;
	}

}
