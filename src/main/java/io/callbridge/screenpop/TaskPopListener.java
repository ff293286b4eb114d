package io.callbridge.screenpop;

import java.util.LinkedHashSet;
import java.util.Set;

import io.callbridge.calls.Call;
import io.callbridge.calls.Calls;
import io.callbridge.records.TaskCompleted;
import io.callbridge.records.TaskCreated;
import io.callbridge.screenpop.ConsoleMessage.TasksChanged;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Tells the consoles concerned that a task was created or completed, so their "My open
 * tasks" panel and the open tasks on the contact's cards follow without a reload: the
 * assignee, and the agents of the task's call and of the contact's last calls (whose
 * cards show the contact). A live notice like {@link CallPopListener}: who is concerned
 * is read in the publisher's transaction and told once it commits, without an event
 * publication of its own.
 */
@Component
class TaskPopListener {

	/** How many of the contact's last calls may still have a card on someone's screen. */
	private static final int CONTACT_CALLS = 5;

	private static final Logger log = LoggerFactory.getLogger(TaskPopListener.class);

	private final ConsoleFanOut fanOut;

	private final Calls calls;

	TaskPopListener(ConsoleFanOut fanOut, Calls calls) {
		this.fanOut = fanOut;
		this.calls = calls;
	}

	@EventListener
	void on(TaskCreated event) {
		send(event.tenantId(), event.assigneeId(), event.contactId(), event.callId());
	}

	@EventListener
	void on(TaskCompleted event) {
		send(event.tenantId(), event.assigneeId(), event.contactId(), event.callId());
	}

	// Runs inside the publisher's transaction: a failure here must not undo the task.
	private void send(long tenantId, @Nullable Long assigneeId, @Nullable Long contactId, @Nullable Long callId) {
		try {
			this.fanOut.sendAfterCommit(concerned(tenantId, assigneeId, contactId, callId),
					new TasksChanged(contactId));
		}
		catch (RuntimeException ex) {
			log.warn("Task message of contact {} not sent", contactId, ex);
		}
	}

	private Set<Long> concerned(long tenantId, @Nullable Long assigneeId, @Nullable Long contactId,
			@Nullable Long callId) {
		Set<Long> users = new LinkedHashSet<>();
		if (assigneeId != null) {
			users.add(assigneeId);
		}
		if (callId != null) {
			users.addAll(this.calls.participants(callId));
		}
		if (contactId != null) {
			for (Call call : this.calls.recentForContact(tenantId, contactId, CONTACT_CALLS)) {
				users.addAll(this.calls.participants(call.id()));
			}
		}
		return users;
	}

}
