package io.callbridge.screenpop;

import java.time.ZoneId;
import java.util.List;

import io.callbridge.calls.Call;
import io.callbridge.calls.Disposition;
import io.callbridge.calls.DispositionOutcome;
import io.callbridge.contacts.Contact;
import io.callbridge.records.Case;
import io.callbridge.records.Task;
import org.jspecify.annotations.Nullable;

/**
 * What one agent's pop-up shows about a call.
 *
 * @param call the call
 * @param relation how the viewing agent relates to the call
 * @param number the other party's number for display, or {@code null} when withheld
 * @param ownerName who answered (when someone else did)
 * @param contact the linked contact
 * @param responsibleName the contact's responsible agent
 * @param recentCalls the contact's last calls
 * @param openTasks the contact's open tasks
 * @param candidates contacts sharing the number, to choose from, when none is linked yet
 * @param outcomes the outcomes an agent can choose
 * @param disposition the recorded disposition
 * @param canDispose whether the viewer may record the disposition now
 * @param zone the tenant's time zone, for display
 * @param openCases the contact's cases not closed yet, newest first
 * @param campaign the campaign disposition offered instead of the outcomes, when the call
 * belongs to a campaign and has a contact
 */
public record PopupCard(Call call, Relation relation, @Nullable String number, @Nullable String ownerName,
		@Nullable Contact contact, @Nullable String responsibleName, List<Call> recentCalls, List<Task> openTasks,
		List<Contact> candidates, List<DispositionOutcome> outcomes, @Nullable Disposition disposition,
		boolean canDispose, ZoneId zone, List<Case> openCases, @Nullable CampaignChoice campaign) {

	/** How the viewing agent relates to the call. */
	public enum Relation {

		/** Ringing at the viewer's extension. */
		RINGING_FOR_ME,
		/** The viewer is on the call (answered it or started it). */
		MINE,
		/** Someone else answered it. */
		ANSWERED_ELSEWHERE,
		/** It is over. */
		ENDED

	}

	public boolean isPrivateNumber() {
		return this.number == null;
	}

	public boolean isUnknownNumber() {
		return this.number != null && this.contact == null && this.candidates.isEmpty();
	}

	public boolean needsChoice() {
		return this.contact == null && this.candidates.size() > 1;
	}

}
